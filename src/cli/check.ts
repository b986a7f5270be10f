// `clerk-toolkit check`: the editor's diagnostics for CI. Exit 0 (no finding at or above the
// `--fail-on` level, default error), 1 (at least one), 2 (usage error, or no Next.js app or Convex
// folder to check). A rule that fails costs only its own findings: one `internal error` line on
// stderr each (a file left out: one `note`), and the exit code still follows the findings. Options:
// src/cli/usage.ts.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { checkDirectory, describeFailure, rulesMetadata, type AnalysisFailure, type EngineSettings } from '../core/engine';
import { normalizePath } from '../core/project/fileHost';
import type { JwtTemplateInfo } from '../core/model';
import type { Severity } from '../core/model';
import { engineSettingsFromValues, ruleSettingValues, type RuleSettingValue } from '../core/settings';
import { formatJson } from './format/json';
import { formatSarif, type AnalysisNotice } from './format/sarif';
import { relativeFile } from './format/report';
import { formatText } from './format/text';
import { closestName } from './suggest';
import { safeMessage, terminalSafe } from './terminalText';
import { defaultTimeoutMs, printUsageError, usage } from './usage';
import { toolVersion } from './version';

const formats = ['text', 'json', 'sarif'] as const;
type Format = (typeof formats)[number];
/** `--fail-on` levels, each failing on itself and everything more severe. */
const failLevels = ['error', 'warning'] as const;
type FailLevel = (typeof failLevels)[number];
const failingSeverities: Record<FailLevel, Severity[]> = { error: ['error'], warning: ['error', 'warning'] };

/** A usage mistake: the message and the synopsis on stderr, exit code 2. */
class UsageError extends Error {}
/** Something that stops the check before it runs (settings file, nothing to check): one line, exit code 2. */
class CheckError extends Error {}

interface CheckOptions {
  dir: string;
  format: Format;
  failOn: FailLevel;
  /** Bare `--rule <id>`: run only these. */
  onlyRules: string[];
  /** `--rule <id>=<off|error|warning|info>`: like `clerkToolkit.rules`, on top of the settings file. */
  ruleOverrides: Record<string, RuleSettingValue>;
  online: boolean;
  processEnv: boolean;
  timeoutMs: number;
}

export async function runCheck(args: string[]): Promise<number> {
  let options: CheckOptions;
  let settings: EngineSettings;
  try {
    const parsed = parseCheckArgs(args);
    if (parsed === 'help') {
      process.stdout.write(usage());
      return 0;
    }
    options = parsed;
    settings = readSettings(options);
  } catch (error) {
    if (error instanceof CheckError) {
      process.stderr.write(`${l10n.t('clerk-toolkit: {0}', terminalSafe(error.message))}\n`);
      return 2;
    }
    // parseArgs reports unknown options and missing values as TypeErrors with a readable message.
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    // The mistake stays the first line; the full option list is one `--help` away.
    return printUsageError(terminalSafe(error.message), 'check');
  }
  if (options.processEnv) settings.processEnv = { ...process.env };
  if (options.online) {
    const templates = await fetchTemplatesForCli(options.timeoutMs);
    if (templates) settings.onlineJwtTemplates = templates;
  }
  const { findings, projectCount, failures } = checkDirectory(options.dir, settings);
  const notices = failures.map((failure) => analysisNotice(failure, (file) => relativeFile(options.dir, file)));
  for (const { level, text } of notices) {
    const line = level === 'error' ? l10n.t('clerk-toolkit: internal error: {0}', terminalSafe(text)) : l10n.t('clerk-toolkit: note: {0}', terminalSafe(text));
    process.stderr.write(`${line}\n`);
  }
  if (projectCount === 0) {
    // "No problems" here would let a CI job that points at the wrong folder pass.
    process.stderr.write(`${l10n.t('clerk-toolkit: no Next.js app or Convex folder found in {0}; nothing to check.', terminalSafe(options.dir))}\n`);
    return 2;
  }
  const output =
    options.format === 'json'
      ? formatJson(options.dir, findings)
      : options.format === 'sarif'
        ? formatSarif(options.dir, findings, { version: toolVersion(), informationUri: repositoryUrl, rules: rulesMetadata() }, notices)
        : formatText(options.dir, findings);
  process.stdout.write(output);
  return findings.some((finding) => failingSeverities[options.failOn].includes(finding.severity)) ? 1 : 0;
}

/**
 * A rule or project that failed is the tool's own error; a file left out (too large, too deeply
 * nested, not parseable, a link out of the folder, an env value cut) is a note about the input.
 */
export function analysisNotice(failure: AnalysisFailure, display: (file: string) => string): AnalysisNotice {
  return { level: failure.ruleId !== undefined || failure.cost === 'project' ? 'error' : 'note', text: describeFailure(failure, display) };
}

function parseCheckArgs(args: string[]): CheckOptions | 'help' {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      rule: { type: 'string', multiple: true, default: [] },
      online: { type: 'boolean', default: false },
      'process-env': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 1) throw new UsageError(l10n.t('Expected at most one folder, got {0}.', positionals.length));
  if (!formats.includes(values.format as Format)) {
    throw new UsageError(l10n.t('Unknown format "{0}" (expected one of: {1}).', values.format, formats.join(', ')));
  }
  if (!failLevels.includes(values['fail-on'] as FailLevel)) {
    throw new UsageError(l10n.t('Unknown --fail-on level "{0}" (expected one of: {1}).', values['fail-on'], failLevels.join(', ')));
  }
  const dir = path.resolve(positionals[0] ?? '.');
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(l10n.t('No such folder: {0}', dir));
  if (!stat.isDirectory()) throw new UsageError(l10n.t('Not a folder: {0}', dir));
  const knownIds = rulesMetadata().map((rule) => rule.id);
  const onlyRules: string[] = [];
  const ruleOverrides: Record<string, RuleSettingValue> = {};
  for (const spec of values.rule) {
    const [, id, value] = /^([^=:]+)(?:[=:](.*))?$/.exec(spec.trim()) ?? [];
    if (!id || !knownIds.includes(id)) throw new UsageError(unknownRule(id ?? spec, knownIds));
    if (value === undefined) onlyRules.push(id);
    else if (ruleSettingValues.includes(value as RuleSettingValue)) ruleOverrides[id] = value as RuleSettingValue;
    else throw new UsageError(l10n.t('Unknown severity "{0}" for rule {1} (expected one of: {2}).', value, id, ruleSettingValues.join(', ')));
  }
  const timeoutMs = values.timeout === undefined ? defaultTimeoutMs : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError(l10n.t('--timeout must be a whole number of milliseconds.'));
  return {
    dir: normalizePath(dir),
    format: values.format as Format,
    failOn: values['fail-on'] as FailLevel,
    onlyRules,
    ruleOverrides,
    online: values.online,
    processEnv: values['process-env'],
    timeoutMs,
  };
}

function unknownRule(id: string, knownIds: readonly string[]): string {
  const suggestion = closestName(id, knownIds);
  return suggestion
    ? l10n.t('Unknown rule "{0}". Did you mean "{1}"?', id, suggestion)
    : l10n.t('Unknown rule "{0}". Known rules: {1}', id, knownIds.join(', '));
}

/**
 * The editor's settings for the checked folder: its own `.vscode/settings.json` and no other. A
 * folder above it (a shared checkout, a planted file in a parent directory) must not switch rules off.
 */
function readSettings(options: CheckOptions): EngineSettings {
  const candidate = path.join(options.dir, '.vscode', 'settings.json');
  const file = fs.existsSync(candidate) ? candidate : undefined;
  const values = file ? readJsonc(file) : {};
  const knownIds = rulesMetadata().map((rule) => rule.id);
  const { settings, problems } = engineSettingsFromValues(
    { rules: { ...asRecord(values['clerkToolkit.rules']), ...options.ruleOverrides }, envFiles: values['clerkToolkit.envFiles'] },
    knownIds,
  );
  for (const problem of problems) {
    process.stderr.write(l10n.t('{0}: ignoring invalid {1} entry {2}', file ?? '', problem.setting, problem.detail) + '\n');
  }
  if (options.onlyRules.length > 0) settings.onlyRules = options.onlyRules;
  return settings;
}

function readJsonc(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckError(l10n.t('cannot read {0} ({1}).', file, (error as NodeJS.ErrnoException).code ?? String(error)));
  }
  const errors: ParseError[] = [];
  const parsed: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    // file:line:col, so terminals and editors can jump to the mistake.
    const before = text.slice(0, errors[0].offset).split('\n');
    const position = `${before.length}:${before[before.length - 1].length + 1}`;
    throw new CheckError(l10n.t('{0}:{1}: not valid JSON with comments ({2}).', file, position, printParseErrorCode(errors[0].error)));
  }
  return asRecord(parsed);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * `--online`: the JWT templates of the instance `CLERK_SECRET_KEY` belongs to, from the Clerk API
 * at `CLERK_API_URL` (default https://api.clerk.com). Any failure degrades to the offline result
 * with one notice on stderr; the key itself is never printed.
 */
async function fetchTemplatesForCli(timeoutMs: number): Promise<JwtTemplateInfo[] | undefined> {
  const secretKey = process.env.CLERK_SECRET_KEY?.trim();
  if (!secretKey) {
    process.stderr.write(l10n.t('--online: CLERK_SECRET_KEY is not set; showing the offline result.') + '\n');
    return undefined;
  }
  try {
    const { fetchJwtTemplates } = await import('../core/clerk/jwtTemplates');
    const templates = await fetchJwtTemplates({ secretKey, apiUrl: process.env.CLERK_API_URL?.trim() || undefined, timeoutMs });
    return templates.map((template) => ({ name: template.name, claims: { ...template.claims } }));
  } catch (error) {
    const reason = safeMessage(error instanceof Error ? error.message : String(error), [secretKey]);
    process.stderr.write(l10n.t('--online: {0} Showing the offline result.', reason.trim()) + '\n');
    return undefined;
  }
}

const repositoryUrl = 'https://github.com/clerk-auth-toolkit/clerk-auth-toolkit';
