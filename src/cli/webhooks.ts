// `clerk-toolkit webhooks catalog|list|trigger`: the terminal face of src/core/webhooks. Everything
// an API or the app answered is redacted and has its control characters escaped before it is printed.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { firstDefined, readFolderEnv } from '../core/env/folderEnv';
import { secretKeyName, webhookSigningSecretNames } from '../core/env/keyNames';
import { createNodeHost, normalizePath, OverlayHost } from '../core/project/fileHost';
import { redactSecrets } from '../core/redaction';
import {
  WebhookDeliveries,
  buildTestEnvelope,
  catalogByGroup,
  clerkWebhookCatalog,
  findEventType,
  groupLabel,
  isWebhooksError,
  maxTestEventAnswerBytes,
  memoryTokenStore,
  sendTestEvent,
  signingKeyOf,
} from '../core/webhooks';
import { closestName } from './suggest';
import { safeMessage, terminalSafe, terminalSafeBlock, terminalSafeJson } from './terminalText';
import { defaultTimeoutMs, exitCodes, printUsageError, usage } from './usage';

/** A mistake in the arguments: the message and the synopsis, exit code 2. */
class UsageError extends Error {}
/** A missing or invalid input outside the arguments (secret, key, payload file): one line, exit code 2. */
class SetupError extends Error {}

/** Secrets this run holds, removed from anything printed (the API may echo them back). */
const knownSecrets: string[] = [];

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
        return exitCodes.ok;
      default:
        throw new UsageError(
          command === undefined ? l10n.t('Missing webhooks subcommand.') : l10n.t('Unknown webhooks subcommand "{0}".', terminalSafe(command)),
        );
    }
  } catch (error) {
    return fail(error);
  }
}

function fail(error: unknown): number {
  // parseArgs throws TypeErrors with a `code` for unknown or malformed options.
  if (error instanceof UsageError || (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS')) {
    return printUsageError(safeMessage((error as Error).message, knownSecrets), 'webhooks');
  }
  const message = safeMessage(error instanceof Error ? error.message : String(error), knownSecrets);
  process.stderr.write(`${l10n.t('clerk-toolkit: {0}', message)}\n`);
  if (error instanceof SetupError) return exitCodes.usage;
  const networkFailure = isWebhooksError(error) && (error.kind === 'offline' || error.kind === 'timeout' || error.kind === 'cancelled');
  return networkFailure ? exitCodes.usage : exitCodes.failed;
}

function catalog(args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true });
  if (values.json) {
    const entries = clerkWebhookCatalog.map(({ type, group, description }) => ({ type, group, description }));
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return exitCodes.ok;
  }
  const width = Math.max(...clerkWebhookCatalog.map((event) => event.type.length));
  const lines = catalogByGroup().flatMap(({ group, events }) => [
    groupLabel(group),
    ...events.map((event) => `  ${event.type.padEnd(width)}  ${event.description}`),
  ]);
  process.stdout.write(`${lines.join('\n')}\n`);
  return exitCodes.ok;
}

function timeoutOf(value: string | undefined): number {
  if (value === undefined) return defaultTimeoutMs;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1) throw new UsageError(l10n.t('--timeout must be a whole number of milliseconds.'));
  return ms;
}

async function list(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { limit: { type: 'string' }, json: { type: 'boolean' }, timeout: { type: 'string' } }, strict: true });
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) throw new UsageError(l10n.t('--limit must be a whole number from 1 to 250.'));
  const timeoutMs = timeoutOf(values.timeout);
  const secretKey = fromEnvironmentOrEnvFiles([secretKeyName]);
  if (!secretKey) throw new SetupError(l10n.t('CLERK_SECRET_KEY is not set in the environment or the env files of the current directory.'));

  // Servers come from the environment only: a project's env file must not send the key elsewhere.
  const deliveries = new WebhookDeliveries({
    clerk: { secretKey, apiUrl: process.env.CLERK_API_URL || undefined, apiVersion: process.env.CLERK_API_VERSION || undefined, timeoutMs },
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
    process.stdout.write(`${terminalSafeJson(messages)}\n`);
  } else if (items.length === 0) {
    process.stdout.write(`${l10n.t('No webhook messages in the last 90 days.')}\n`);
  } else {
    const lines = items.map(
      (m) => `${m.timestamp.toISOString()}  ${(m.status ?? l10n.t('no attempts')).padEnd(9)}  ${terminalSafe(m.eventType)}  ${terminalSafe(m.id)}`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return exitCodes.ok;
}

async function trigger(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { url: { type: 'string' }, secret: { type: 'string' }, payload: { type: 'string' }, timeout: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [eventType, ...extra] = positionals;
  if (!eventType || extra.length > 0) throw new UsageError(l10n.t('Give exactly one event type (see "clerk-toolkit webhooks catalog").'));
  if (!values.url) throw new UsageError(l10n.t('--url is required.'));
  if (!/^https?:\/\//.test(values.url)) throw new UsageError(l10n.t('--url must be an http:// or https:// URL.'));
  const timeoutMs = timeoutOf(values.timeout);
  if (values.payload === undefined && !findEventType(eventType)) throw new UsageError(unknownEventType(eventType));

  const secret = await signingSecret(values.secret);
  try {
    signingKeyOf(secret);
  } catch (error) {
    throw new SetupError((error as Error).message);
  }
  const body = values.payload === undefined ? JSON.stringify(buildTestEnvelope(eventType), null, 2) : readPayload(values.payload);
  const result = await sendTestEvent({ url: values.url, secret, body, timeoutMs });
  const shown = terminalSafeBlock(redactSecrets(result.body, knownSecrets));
  const lines = [l10n.t('HTTP {0} ({1} ms)', result.status, result.durationMs)];
  if (result.status >= 300 && result.status < 400 && result.headers.location) {
    lines.push(l10n.t('Redirect to {0} (not followed).', terminalSafe(result.headers.location)));
  }
  if (shown) lines.push(shown.endsWith('\n') ? shown.slice(0, -1) : shown);
  if (result.bodyTruncated) lines.push(l10n.t('(answer cut off after {0} KB)', maxTestEventAnswerBytes / 1024));
  process.stdout.write(`${lines.join('\n')}\n`);
  return result.ok ? exitCodes.ok : exitCodes.failed;
}

function unknownEventType(eventType: string): string {
  const suggestion = closestName(
    eventType,
    clerkWebhookCatalog.map((event) => event.type),
  );
  const shown = terminalSafe(eventType);
  return suggestion
    ? l10n.t('Unknown Clerk webhook event type "{0}". Did you mean "{1}"?', shown, suggestion)
    : l10n.t('Unknown Clerk webhook event type "{0}" (see "clerk-toolkit webhooks catalog").', shown);
}

/** Read as bytes and sent unchanged: the signature covers exactly what the file holds. */
function readPayload(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SetupError(l10n.t('Cannot read the payload file {0}: {1}', terminalSafe(file), (error as NodeJS.ErrnoException).code ?? String(error)));
  }
}

async function signingSecret(option: string | undefined): Promise<string> {
  if (option === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const fromStdin = Buffer.concat(chunks).toString('utf8').trim();
    if (!fromStdin) throw new SetupError(l10n.t('--secret - was given but stdin was empty.'));
    return remember(fromStdin);
  }
  if (option) return remember(option);
  const found = fromEnvironmentOrEnvFiles(webhookSigningSecretNames);
  if (found) return found;
  throw new SetupError(
    l10n.t('No signing secret: pass --secret - (stdin), set CLERK_WEBHOOK_SIGNING_SECRET, or add it to .env.local in the current directory.'),
  );
}

/**
 * The first of `names` set in the environment, else in the env files of the app in the current
 * directory as `next dev` loads them (and as the diagnostics read them).
 */
function fromEnvironmentOrEnvFiles(names: readonly string[]): string | undefined {
  // The environment holds only the documented name; env files also the names older guides used.
  const fromEnvironment = process.env[names[0]]?.trim() || undefined;
  const folder = normalizePath(process.cwd());
  // Confined like the analysis: an env file linked to somewhere outside the folder reads as absent.
  const host = new OverlayHost(createNodeHost(), [folder]);
  const value =
    fromEnvironment ??
    firstDefined(
      readFolderEnv(folder, (file) => host.readFile(file)),
      names,
    )?.value;
  return value === undefined ? undefined : remember(value);
}

function remember(secret: string): string {
  knownSecrets.push(secret);
  return secret;
}
