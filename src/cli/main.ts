// Entry of the `clerk-toolkit` command. Subcommands live in their own modules and are loaded on use.
import * as l10n from '@vscode/l10n';

const usage = (): string =>
  l10n.t(
    'Usage:\n  clerk-toolkit check [dir] [--format text|json|sarif] [--fail-on error|warning] [--rule <id>]... [--online] [--process-env]\n  clerk-toolkit webhooks catalog [--json]\n  clerk-toolkit webhooks list [--limit N] [--json]\n  clerk-toolkit webhooks trigger <event-type> --url <url> [--secret whsec_…|-] [--payload file.json]\n  clerk-toolkit lsp --stdio\n',
  );

/** The exit code, or undefined for a command that keeps running (the language server ends the process itself). */
async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return (await import('./check')).runCheck(rest);
    case 'webhooks':
      return (await import('./webhooks')).runWebhooks(rest);
    case 'lsp':
      return (await import('./lsp')).runLsp(rest);
    case undefined:
      // No command is a mistake: the usage goes to stderr, where scripts look for failures.
      process.stderr.write(usage());
      return 2;
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(usage());
      return 0;
    default:
      process.stderr.write(l10n.t('Unknown command "{0}".', command) + '\n' + usage());
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(l10n.t('clerk-toolkit: internal error: {0}', error instanceof Error ? error.message : String(error)) + '\n');
    process.exitCode = 2;
  },
);
