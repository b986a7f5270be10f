import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JsonFinding } from '../../../../src/cli/format/json';
import { repoRoot } from '../../../helpers/paths';

/**
 * Real-world patterns, each as a small project written for the test (never a copy of the repository
 * that showed it), checked through the built CLI (`clerk-toolkit check --format json`), the way CI
 * users run it. A case lists every finding it expects at the levels it watches (by default error and
 * warning): a near-miss negative expects none, a positive names rule, severity, file and the text on
 * the line the finding starts at.
 */

export type Files = Record<string, string>;

export interface ExpectedFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  /** Text on the line the finding starts on (its first occurrence in the file). */
  line: string;
  /** A pattern the message must match. */
  message?: RegExp;
}

export interface PatternCase {
  name: string;
  files: Files;
  expect: ExpectedFinding[];
  /** Levels compared with `expect` (default error and warning). */
  levels?: ('error' | 'warning' | 'info')[];
  /** Only these rules are compared (default: all). */
  rules?: string[];
  /** Extra CLI arguments, e.g. `--fail-on warning`. */
  args?: string[];
  /** Expected exit code (default: 1 with an expected error, else 0). */
  exitCode?: number;
}

const cli = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');

/** A minimal package.json for a Next.js app with the given dependencies (exact versions). */
export function packageJson(dependencies: Record<string, string>, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ name: 'app', private: true, dependencies, ...extra }, null, 2)}\n`;
}

export function writeFiles(dir: string, files: Files): void {
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  findings: JsonFinding[];
}

/** Runs the built CLI on a folder, with no Clerk/Convex variables from the test runner's environment. */
export function runCli(dir: string, args: string[] = []): CliResult {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.includes('CLERK') || name.includes('CONVEX')) delete env[name];
  const result = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json', ...args], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.error, undefined);
  let findings: JsonFinding[] = [];
  try {
    findings = JSON.parse(result.stdout) as JsonFinding[];
  } catch {
    assert.fail(`clerk-toolkit check exited ${result.status} without JSON: ${result.stderr}`);
  }
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, findings };
}

function lineOf(files: Files, file: string, needle: string): number {
  const text = files[file];
  assert.ok(text !== undefined, `${file} is one of the case's files`);
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  assert.notEqual(index, -1, `${JSON.stringify(needle)} not in ${file}`);
  return index + 1;
}

export function withProject<T>(files: Files, body: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-pattern-'));
  try {
    writeFiles(dir, files);
    return body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks one case: exactly the expected findings at the watched levels, and the exit code. */
export function assertPattern(testCase: PatternCase): CliResult {
  return withProject(testCase.files, (dir) => {
    const result = runCli(dir, testCase.args);
    const levels = testCase.levels ?? ['error', 'warning'];
    const watched = result.findings.filter((finding) => levels.includes(finding.severity) && (!testCase.rules || testCase.rules.includes(finding.ruleId)));
    const describe = (f: { ruleId: string; severity: string; file: string; line: number }) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}`;
    const wanted = testCase.expect
      .map((e) => describe({ ruleId: e.rule, severity: e.severity, file: e.file, line: lineOf(testCase.files, e.file, e.line) }))
      .sort();
    assert.deepEqual(watched.map(describe).sort(), wanted, `findings (${levels.join('/')}); got:\n${result.stdout}${result.stderr}`);
    for (const expected of testCase.expect) {
      if (!expected.message) continue;
      const line = lineOf(testCase.files, expected.file, expected.line);
      const match = watched.find((f) => f.ruleId === expected.rule && f.file === expected.file && f.line === line);
      assert.match(match!.message, expected.message);
    }
    const exit = testCase.exitCode ?? (testCase.expect.some((e) => e.severity === 'error') ? 1 : 0);
    assert.equal(result.code, exit, result.stderr);
    return result;
  });
}

/** One mocha `it` per case. */
export function describePatterns(title: string, cases: PatternCase[]): void {
  describe(title, () => {
    for (const testCase of cases) {
      it(testCase.name, () => {
        assertPattern(testCase);
      });
    }
  });
}
