// The one usage text of `clerk-toolkit`: `--help` (of every command) prints it, usage errors print
// its synopsis, and the README's CLI section holds it verbatim (test/unit/cli/usage.test.ts).
import * as l10n from '@vscode/l10n';
import { localEnvFileNames } from '../core/env/appEnv';

/** How long a network call may take unless `--timeout` says otherwise. */
export const defaultTimeoutMs = 15_000;

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** The command lines, first in the text. */
function commandLines(): string[] {
  return [
    '  clerk-toolkit check [dir] [--format text|json|sarif] [--fail-on error|warning] [--rule <id>[=off|error|warning|info]]... [--online] [--process-env] [--timeout <ms>]',
    '  clerk-toolkit webhooks catalog [--json]',
    '  clerk-toolkit webhooks list [--limit N] [--json] [--timeout <ms>]',
    '  clerk-toolkit webhooks trigger <event-type> --url <url> [--secret whsec_…|-] [--payload file.json] [--timeout <ms>]',
    '  clerk-toolkit lsp --stdio|--node-ipc',
    '  clerk-toolkit --version | --help',
  ];
}

export type Command = 'check' | 'webhooks' | 'lsp';

/** `Usage:` and the command lines (of `command` only, when given): what usage errors print under the mistake. */
export function synopsis(command?: Command): string {
  const lines = commandLines().filter((line) => command === undefined || line.startsWith(`  clerk-toolkit ${command} `));
  return [l10n.t('Usage:'), ...lines].join('\n');
}

export function usage(): string {
  return [
    synopsis(),
    '',
    l10n.t('check: the editor diagnostics for a folder (CI).'),
    l10n.t('  dir                  folder to check (default: the current directory)'),
    l10n.t('  --format, -f         text (default), json or sarif'),
    l10n.t('  --fail-on <level>    exit 1 when a finding at or above this level exists: error (default) or warning'),
    l10n.t('  --rule <id>          run only this rule (repeatable)'),
    l10n.t('  --rule <id>=<level>  override its severity (off, error, warning, info) on top of the settings file'),
    l10n.t('  --online             also ask the Clerk API for JWT templates (CLERK_SECRET_KEY, CLERK_API_URL)'),
    l10n.t("  --process-env        count this process's environment as a source of variables (CI secrets)"),
    l10n.t('  --timeout <ms>       how long --online waits for the Clerk API (default {0})', defaultTimeoutMs),
    l10n.t('  Settings (clerkToolkit.rules, clerkToolkit.envFiles) come from <dir>/.vscode/settings.json only, never from a folder above.'),
    l10n.t('  A rule that fails costs only its own findings and prints one "internal error" line on stderr; a file left out'),
    l10n.t('  (too large, nested too deeply, not parseable, a link out of the folder) prints one "note" line.'),
    '',
    l10n.t("webhooks: Clerk's webhook events from the terminal."),
    l10n.t('  catalog              every event type, grouped (--json: objects with type, group, description)'),
    l10n.t('  list                 recent deliveries with the status of their latest attempt (needs CLERK_SECRET_KEY)'),
    l10n.t('  trigger              POSTs a test event signed like Svix to --url; prints the HTTP status, time and body'),
    l10n.t('  --timeout <ms>       how long each request may take (default {0})', defaultTimeoutMs),
    l10n.t('  CLERK_SECRET_KEY and the signing secret (CLERK_WEBHOOK_SIGNING_SECRET) come from the environment, else from'),
    l10n.t('  the env files of the current directory: {0}.', localEnvFileNames.join(', ')),
    l10n.t('  Prefer "--secret -" (read from stdin) to --secret VALUE: a value on the command line lands in shell history.'),
    l10n.t('  CLERK_API_URL (host only), CLERK_API_VERSION and SVIX_SERVER_URL point the commands at another API server.'),
    '',
    l10n.t('lsp: the language server, for editors other than VS Code (started by the editor).'),
    '',
    l10n.t('Exit codes:'),
    l10n.t('  check     0 no finding at or above the --fail-on level, 1 at least one, 2 usage error or nothing to check'),
    l10n.t('            (--online falls back to the offline result with one notice when the Clerk API fails)'),
    l10n.t('  webhooks  0 success (trigger: a 2xx answer), 1 the API refused or sent an unusable answer (trigger: any other status),'),
    l10n.t('            2 usage error, missing key or secret, network failure or timeout'),
    '',
  ].join('\n');
}

/** A mistake in the arguments: the message, then the command's lines of the synopsis, on stderr. */
export function printUsageError(message: string, command?: Command): number {
  process.stderr.write(`${message}\n${synopsis(command)}\n${l10n.t('Run "clerk-toolkit --help" for details.')}\n`);
  return exitCodes.usage;
}
