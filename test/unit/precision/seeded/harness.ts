import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatJson, type JsonFinding } from '../../../../src/cli/format/json';
import { relativeFile } from '../../../../src/cli/format/report';
import { analyzeDirectory, checkDirectory, describeFailure } from '../../../../src/core/engine';
import { applyWorkspaceChange, workspaceChangeOf } from '../../../../src/core/fixes/workspaceChange';
import type { Fix } from '../../../../src/core/model';
import { normalizePath } from '../../../../src/core/project/fileHost';
import { fixture, repoRoot } from '../../../helpers/paths';

/**
 * Seeded mistakes: one realistic mistake, alone, on a temp copy of a correct fixture, must be found
 * with the right rule, file, line and severity, as `clerk-toolkit check --format json` reports it; the
 * exit code follows the severity; no output repeats a secret. Where the rule offers a fix, the first
 * one is applied through the core's `applyWorkspaceChange` and the copy is checked again.
 *
 * The engine runs in-process (`checkDirectory` + the CLI's JSON formatter); seeds marked `viaCli`
 * run the built CLI end to end instead, so the process boundary (arguments, exit code, stdout) stays
 * covered without paying two process starts per seed.
 */

export type FixtureName = 'next16-convex' | 'next15-middleware';

/** A finding as the CLI reports it: the line is given by the text on it, in the file after seeding. */
export interface Expected {
  file: string;
  /** Text on the line the finding must start on (its first occurrence in the file). */
  lineText: string;
  severity: 'error' | 'warning';
}

export interface SeedFix {
  /** The title of the fix applied (the first one, unless `index` skips clipboard-only fixes). */
  title: RegExp;
  index?: number;
  /** Findings above info expected after the fix (default: none at all). */
  residual?: Expected[];
}

export interface Seed extends Expected {
  name: string;
  ruleId: string;
  /** Defaults to the Next 16 + Convex fixture. */
  fixture?: FixtureName;
  apply(dir: string): void;
  /** Set exactly when the finding offers a fix. */
  fix?: SeedFix;
  /** Check through the built CLI (a child process) rather than in-process. */
  viaCli?: boolean;
}

const cli = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');

// ---- seeding ----

export function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

export function write(dir: string, file: string, text: string): void {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

export function edit(dir: string, file: string, change: (text: string) => string): void {
  const before = read(dir, file);
  const after = change(before);
  assert.notEqual(after, before, `the seed must change ${file}`);
  write(dir, file, after);
}

export function move(dir: string, from: string, to: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
  fs.renameSync(path.join(dir, from), path.join(dir, to));
}

/** A publishable key for a Frontend API host (unpadded base64 of `<host>$`, as Clerk builds it). */
export function publishableKey(instance: 'test' | 'live', host: string): string {
  return `pk_${instance}_${Buffer.from(`${host}$`).toString('base64').replace(/=+$/, '')}`;
}

/** The matcher Clerk's docs recommend, for middleware files written from scratch. */
export const recommendedMatcher = `export const config = {
  matcher: [
    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
    '/__clerk/(.*)',
  ],
};
`;

// ---- checking ----

export interface CheckResult {
  code: number | null;
  stdout: string;
  stderr: string;
  findings: JsonFinding[];
}

/** `clerk-toolkit check <dir> --format json` as a child process. */
function runCli(dir: string): CheckResult {
  const env = { ...process.env };
  // Only the checked folder's env files count, not the test runner's environment.
  for (const name of Object.keys(env)) if (name.includes('CLERK') || name.includes('CONVEX')) delete env[name];
  const result = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.error, undefined);
  assert.ok(result.status === 0 || result.status === 1, `clerk-toolkit check exited ${result.status}: ${result.stderr}`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, findings: JSON.parse(result.stdout) as JsonFinding[] };
}

/**
 * The same check in-process: the engine and the CLI's JSON formatter, with the CLI's exit code rule
 * (1 when an error exists). Failures and "nothing to check" fail the test here instead of printing.
 */
function runInProcess(dir: string): CheckResult {
  const root = normalizePath(dir);
  const { findings, projectCount, failures } = checkDirectory(root);
  assert.deepEqual(
    failures.map((failure) => describeFailure(failure, (file) => relativeFile(root, file))),
    [],
    'no analysis failure',
  );
  assert.ok(projectCount > 0, 'the copy holds a project');
  const stdout = formatJson(root, findings);
  return { code: findings.some((finding) => finding.severity === 'error') ? 1 : 0, stdout, stderr: '', findings: JSON.parse(stdout) as JsonFinding[] };
}

/** 1-based line of the first occurrence of `needle`. */
export function lineOf(dir: string, file: string, needle: string): number {
  const index = read(dir, file)
    .split('\n')
    .findIndex((line) => line.includes(needle));
  assert.notEqual(index, -1, `${JSON.stringify(needle)} not in ${file}`);
  return index + 1;
}

const secretPattern = /(?:sk_(?:test|live)_|whsec_)[A-Za-z0-9+/=]{20,}/g;

/** Every secret value in the copy (env files and any seeded source), so none may appear in output. */
function secretsIn(dir: string): string[] {
  const secrets = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else for (const match of fs.readFileSync(full, 'utf8').matchAll(secretPattern)) secrets.add(match[0]);
    }
  };
  walk(dir);
  return [...secrets];
}

function assertNoSecretIn(texts: string[], secrets: string[]): void {
  for (const secret of secrets) {
    for (const text of texts) {
      assert.ok(!text.includes(secret), 'no output repeats a secret value');
      // Not even a long prefix: at most `sk_test_…` may be shown.
      assert.ok(!text.includes(secret.slice(0, 20)), 'no output repeats a long prefix of a secret');
    }
  }
}

const describeFinding = (finding: JsonFinding) => `${finding.ruleId} ${finding.severity} ${finding.file}:${finding.line}`;

/** The findings above info are exactly `expected` (by rule, file, line and severity), in any order. */
function assertAboveInfo(dir: string, result: CheckResult, ruleId: string, expected: Expected[], secrets: string[]): void {
  assertNoSecretIn([result.stdout, result.stderr], secrets);
  const actual = result.findings
    .filter((finding) => finding.severity !== 'info')
    .map(describeFinding)
    .sort();
  const wanted = expected.map((entry) => `${ruleId} ${entry.severity} ${entry.file}:${lineOf(dir, entry.file, entry.lineText)}`).sort();
  assert.deepEqual(actual, wanted, `findings above info; got:\n${result.stdout}`);
  // Exit 1 exactly when an error-severity finding exists.
  assert.equal(result.code, expected.some((entry) => entry.severity === 'error') ? 1 : 0, result.stderr);
}

type Runner = (dir: string) => CheckResult;

/** Checks the seeded copy and the seeded finding. */
function assertSeedFound(dir: string, seed: Seed, secrets: string[], runCheck: Runner): void {
  const result = runCheck(dir);
  const line = lineOf(dir, seed.file, seed.lineText);
  // Several findings may share the line (both Clerk keys deleted; the matcher's info about /__clerk).
  const found = result.findings.filter(
    (finding) => finding.ruleId === seed.ruleId && finding.file === seed.file && finding.line === line && finding.severity === seed.severity,
  );
  assert.ok(found.length >= 1, `expected ${seed.ruleId} (${seed.severity}) at ${seed.file}:${line}; got:\n${result.stdout}`);
  assert.equal(result.code, seed.severity === 'error' ? 1 : 0, result.stderr);
  // The seed is the only mistake: a rule may report it at several places, no other rule above info.
  for (const finding of result.findings) {
    if (finding.severity === 'info') continue;
    assert.equal(finding.ruleId, seed.ruleId, `only the seeded mistake is reported, got: ${describeFinding(finding)}`);
  }
  assertNoSecretIn([result.stdout, result.stderr], secrets);
}

// ---- fixing ----

const changesFiles = (fix: Fix) => fix.edits.length > 0 || (fix.createFiles?.length ?? 0) > 0 || (fix.renameFiles?.length ?? 0) > 0;

/** Every file of the copy, by absolute '/' path. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(normalizePath(full), fs.readFileSync(full, 'utf8'));
  }
  return files;
}

/** Applies a fix through the core's one apply function and writes the difference to disk. */
function applyFix(dir: string, fix: Fix): void {
  const before = readTree(dir);
  const after = applyWorkspaceChange(before, workspaceChangeOf(fix));
  for (const file of before.keys()) if (!after.has(file)) fs.rmSync(file);
  for (const [file, text] of after) {
    if (before.get(file) === text) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

/** The seeded finding's fixes, from the engine (the CLI has no fix mode). */
function fixesOf(dir: string, seed: Seed): Fix[] {
  const file = path.join(dir, seed.file).split(path.sep).join('/');
  const line = lineOf(dir, seed.file, seed.lineText) - 1;
  const finding = analyzeDirectory(dir).find(
    (candidate) =>
      candidate.ruleId === seed.ruleId &&
      candidate.severity === seed.severity &&
      candidate.location.file === file &&
      candidate.location.range.start.line === line,
  );
  assert.ok(finding, `the engine reports ${seed.ruleId} at ${seed.file}:${line + 1}`);
  return finding.fixes ?? [];
}

function assertFixRepairs(dir: string, seed: Seed, secrets: string[], runCheck: Runner): void {
  const fixes = fixesOf(dir, seed);
  if (!seed.fix) {
    assert.deepEqual(
      fixes.filter(changesFiles).map((fix) => fix.title),
      [],
      'a seed whose finding offers a fix must apply it',
    );
    return;
  }
  const index = seed.fix.index ?? 0;
  assert.ok(
    fixes.slice(0, index).every((fix) => !changesFiles(fix)),
    'only clipboard-only fixes are skipped',
  );
  const fix = fixes[index];
  assert.ok(fix && changesFiles(fix), `fix #${index} changes files`);
  assert.match(fix.title, seed.fix.title);
  assertNoSecretIn(
    fixes.map((candidate) => candidate.title),
    secrets,
  );
  applyFix(dir, fix);
  assertAboveInfo(dir, runCheck(dir), seed.ruleId, seed.fix.residual ?? [], secrets);
}

// ---- mocha ----

function withCopy(name: FixtureName, body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-seeded-'));
  try {
    fs.cpSync(fixture(name), dir, { recursive: true });
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function describeSeeds(title: string, seeds: Seed[]): void {
  describe(title, () => {
    for (const seed of seeds) {
      const fixtureName = seed.fixture ?? 'next16-convex';
      const runCheck = seed.viaCli ? runCli : runInProcess;
      it(`${seed.ruleId} (${seed.severity}): ${seed.name}${fixtureName === 'next16-convex' ? '' : ` [${fixtureName}]`}${seed.viaCli ? ' (CLI)' : ''}`, () =>
        withCopy(fixtureName, (dir) => {
          seed.apply(dir);
          const secrets = secretsIn(dir);
          assertSeedFound(dir, seed, secrets, runCheck);
          assertFixRepairs(dir, seed, secrets, runCheck);
        }));
    }
  });
}

/** The unseeded fixture: nothing above info, exit 0, and secrets present for the leak checks to guard. */
export function itIsCleanUnseeded(name: FixtureName): void {
  it(`${name} unseeded: clean, exit 0, holds secrets to leak`, () =>
    withCopy(name, (dir) => {
      const secrets = secretsIn(dir);
      assert.ok(secrets.length >= 1, 'the fixture has secrets (guards the leak checks)');
      assertAboveInfo(dir, runCli(dir), 'none', [], secrets);
    }));
}
