// `clerk-toolkit webhooks catalog|list|trigger`: the terminal face of src/core/webhooks.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { firstDefined, readFolderEnv } from '../core/env/folderEnv';
import { secretKeyName, webhookSigningSecretName, webhookSigningSecretNames } from '../core/env/keyNames';
import { normalizePath } from '../core/project/fileHost';
import {
  WebhookDeliveries,
  buildTestEnvelope,
  catalogByGroup,
  clerkWebhookCatalog,
  findEventType,
  groupLabel,
  isWebhooksError,
  memoryTokenStore,
  sendTestEvent,
  signingKeyOf,
  type WebhooksError,
} from '../core/webhooks';

/** Exit codes: 0 success (trigger: a 2xx answer), 1 another HTTP status or API refusal, 2 usage or network. */
const exit = { ok: 0, failed: 1, usage: 2 } as const;

const requestTimeoutMs = 15_000;

/** A mistake in the arguments: the message and a pointer to `--help`, exit code 2. */
class UsageError extends Error {}
/** A missing or invalid input outside the arguments (secret, key, payload file): one line, exit code 2. */
class SetupError extends Error {}

const usage = (): string =>
  l10n.t(
    'Usage:\n  clerk-toolkit webhooks catalog [--json]\n  clerk-toolkit webhooks list [--limit N] [--json]          (needs CLERK_SECRET_KEY in the environment)\n  clerk-toolkit webhooks trigger <event-type> --url <url> [--secret whsec_…|-] [--payload file.json]\n\nThe signing secret comes from --secret, else CLERK_WEBHOOK_SIGNING_SECRET in the environment, else the env files\nin the current directory. Prefer "--secret -" (read from stdin): a value on the command line lands in shell history.\nCLERK_API_URL, CLERK_API_VERSION and SVIX_SERVER_URL point the commands at another API server.\n',
  );

export async function runWebhooks(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'catalog':
        return catalog(rest);
      case 'list':
        return await list(rest);
      case 'trigger':
        return await trigger(rest);
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(usage());
        return exit.ok;
      default:
        throw new UsageError(command === undefined ? l10n.t('Missing webhooks subcommand.') : l10n.t('Unknown webhooks subcommand "{0}".', command));
    }
  } catch (error) {
    return fail(error);
  }
}

function fail(error: unknown): number {
  // parseArgs throws TypeErrors with a `code` for unknown or malformed options.
  if (error instanceof UsageError || (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`${(error as Error).message}\n${l10n.t('Run "clerk-toolkit webhooks --help" for usage.')}\n`);
    return exit.usage;
  }
  if (error instanceof SetupError) {
    process.stderr.write(`${l10n.t('clerk-toolkit: {0}', error.message)}\n`);
    return exit.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${l10n.t('clerk-toolkit: {0}', message.split('\n')[0])}\n`);
  return isWebhooksError(error) && isNetworkFailure(error) ? exit.usage : exit.failed;
}

const isNetworkFailure = (error: WebhooksError): boolean => error.kind === 'offline' || error.kind === 'timeout';

function catalog(args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  if (values.json) {
    const entries = clerkWebhookCatalog.map(({ type, group, description }) => ({ type, group, description }));
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return exit.ok;
  }
  const width = Math.max(...clerkWebhookCatalog.map((event) => event.type.length));
  const lines = catalogByGroup().flatMap(({ group, events }) => [
    groupLabel(group),
    ...events.map((event) => `  ${event.type.padEnd(width)}  ${event.description}`),
  ]);
  process.stdout.write(`${lines.join('\n')}\n`);
  return exit.ok;
}

async function list(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { limit: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) throw new UsageError(l10n.t('--limit must be a whole number from 1 to 250.'));
  const secretKey = process.env[secretKeyName]?.trim();
  if (!secretKey) throw new SetupError(l10n.t('CLERK_SECRET_KEY is not set in the environment.'));

  const deliveries = new WebhookDeliveries({
    clerk: { secretKey, apiUrl: process.env.CLERK_API_URL || undefined, apiVersion: process.env.CLERK_API_VERSION || undefined, timeoutMs: requestTimeoutMs },
    store: memoryTokenStore(),
    svixServerUrl: process.env.SVIX_SERVER_URL || undefined,
  });
  const { items } = await deliveries.listMessages({ limit });
  if (values.json) {
    const messages = items.map(({ id, eventType, timestamp, status, payload }) => ({
      id,
      eventType,
      timestamp: timestamp.toISOString(),
      status: status ?? null,
      payload,
    }));
    process.stdout.write(`${JSON.stringify(messages, null, 2)}\n`);
  } else if (items.length === 0) {
    process.stdout.write(`${l10n.t('No webhook messages in the last 90 days.')}\n`);
  } else {
    const lines = items.map((m) => `${m.timestamp.toISOString()}  ${(m.status ?? l10n.t('no attempts')).padEnd(9)}  ${m.eventType}  ${m.id}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return exit.ok;
}

async function trigger(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { url: { type: 'string' }, secret: { type: 'string' }, payload: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [eventType, ...extra] = positionals;
  if (!eventType || extra.length > 0) throw new UsageError(l10n.t('Give exactly one event type (see "clerk-toolkit webhooks catalog").'));
  if (!values.url) throw new UsageError(l10n.t('--url is required.'));
  if (!/^https?:\/\//.test(values.url)) throw new UsageError(l10n.t('--url must be an http:// or https:// URL.'));
  if (values.payload === undefined && !findEventType(eventType)) {
    throw new UsageError(l10n.t('Unknown Clerk webhook event type "{0}" (see "clerk-toolkit webhooks catalog").', eventType));
  }

  const secret = await signingSecret(values.secret);
  try {
    signingKeyOf(secret);
  } catch (error) {
    throw new SetupError((error as Error).message);
  }
  const body = values.payload === undefined ? JSON.stringify(buildTestEnvelope(eventType), null, 2) : readPayload(values.payload);
  const result = await sendTestEvent({ url: values.url, secret, body, timeoutMs: requestTimeoutMs });
  process.stdout.write(
    `${l10n.t('HTTP {0} ({1} ms)', result.status, result.durationMs)}\n${result.body}${result.body.endsWith('\n') || !result.body ? '' : '\n'}`,
  );
  return result.ok ? exit.ok : exit.failed;
}

/** Read as bytes and sent unchanged: the signature covers exactly what the file holds. */
function readPayload(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SetupError(l10n.t('Cannot read the payload file {0}: {1}', file, (error as NodeJS.ErrnoException).code ?? String(error)));
  }
}

async function signingSecret(option: string | undefined): Promise<string> {
  if (option === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const fromStdin = Buffer.concat(chunks).toString('utf8').trim();
    if (!fromStdin) throw new SetupError(l10n.t('--secret - was given but stdin was empty.'));
    return fromStdin;
  }
  if (option) return option;
  const fromEnv = process.env[webhookSigningSecretName]?.trim();
  if (fromEnv) return fromEnv;
  // The app's env files as `next dev` loads them (and as the diagnostics read them).
  const found = firstDefined(readFolderEnv(normalizePath(process.cwd()), readIfPresent), webhookSigningSecretNames);
  if (found) return found.value;
  throw new SetupError(
    l10n.t('No signing secret: pass --secret - (stdin), set CLERK_WEBHOOK_SIGNING_SECRET, or add it to .env.local in the current directory.'),
  );
}

function readIfPresent(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
