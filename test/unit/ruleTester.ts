/**
 * The one harness for rule tests (in the spirit of typescript-eslint's RuleTester): runs rules on an
 * in-memory workspace rooted at `/ws` through the engine, and applies fixes only through the core's
 * `applyWorkspaceChange(workspaceChangeOf(fix))`, the function the language server's edits mirror,
 * so a test sees created, edited and renamed files exactly as a user would.
 *
 * `ruleTester.run(rule, { valid, invalid })`: a valid case must produce no finding; an invalid case
 * lists every finding with rule id, severity, file, exact range and (optionally) message, and every
 * fix each finding offers with the files it changes (`output`: path → text, `null` = no longer there).
 */
import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../src/core/engine';
import { applyWorkspaceChange, workspaceChangeOf } from '../../src/core/fixes/workspaceChange';
import type { EngineSettings, Finding, Fix, Position, Severity } from '../../src/core/model';
import { createMemoryHost } from '../../src/core/project/fileHost';
import type { Rule } from '../../src/core/rules/rule';

/** The workspace folder every test project lives in. */
export const root = '/ws';

/** File contents keyed by path relative to `root` (`'app/page.tsx'`) or absolute (`'/ws/app/page.tsx'`). */
export type Files = Record<string, string>;

const absolute = (file: string): string => (file.startsWith('/') ? file : `${root}/${file}`);
const display = (file: string): string => (file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file);

function toMap(files: Files): Map<string, string> {
  return new Map(Object.entries(files).map(([file, text]) => [absolute(file), text]));
}

/** Runs the rules over the files (all of them under `root`); a rule that fails fails the test. */
export function check(rules: Rule | Rule[], files: Files, settings: EngineSettings = {}): Finding[] {
  const session = new AnalysisSession({
    roots: [root],
    host: createMemoryHost(Object.fromEntries(toMap(files))),
    rules: Array.isArray(rules) ? rules : [rules],
    settings,
  });
  const findings = [...session.analyze().values()].flat();
  const failure = session.getRuleFailures()[0];
  if (failure) throw failure.error ?? new Error(`analysis failed: ${JSON.stringify(failure)}`);
  return findings;
}

/**
 * The files after applying one fix through the core's apply function. Keys keep the style of the
 * input (relative to `root` when the input's are).
 */
export function applyFix(files: Files, fix: Fix): Files {
  const relative = Object.keys(files).some((file) => !file.startsWith('/'));
  const after = applyWorkspaceChange(toMap(files), workspaceChangeOf(fix));
  return Object.fromEntries([...after].map(([file, text]) => [relative ? display(file) : file, text]));
}

function offsetOf(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const newline = text.indexOf('\n', offset);
    assert.notEqual(newline, -1, `line ${position.line} is past the end of the file`);
    offset = newline + 1;
  }
  return offset + position.character;
}

/** The text a finding's range covers. */
export function textAt(files: Files, finding: Finding): string {
  const text = toMap(files).get(finding.location.file);
  assert.ok(text !== undefined, `${finding.location.file} is not among the files`);
  const { start, end } = finding.location.range;
  return text.slice(offsetOf(text, start), offsetOf(text, end));
}

/** The only finding; fails with the list when there are zero or several. */
export function single(findings: Finding[]): Finding {
  assert.equal(
    findings.length,
    1,
    JSON.stringify(
      findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.message}`),
      null,
      1,
    ),
  );
  return findings[0];
}

// ---- RuleTester ----

/** `[startLine, startCharacter, endLine, endCharacter]`, 0-based like `Range`. */
export type RangeTuple = [number, number, number, number];

export interface ExpectedFix {
  title: string | RegExp;
  /** Every file the fix changes: its new text, or `null` when it is deleted or renamed away. `{}` for a clipboard-only fix. */
  output: Record<string, string | null>;
  clipboardText?: string;
  /** Checked when given. */
  safe?: boolean;
  preferred?: boolean;
  /** The findings of the same rules on the fixed files (checked when given; `[]` = the fix repairs everything). */
  after?: ExpectedFinding[];
}

export interface ExpectedFinding {
  /** Defaults to the rule under test (the first one when several run). */
  ruleId?: string;
  severity: Severity;
  file: string;
  range: RangeTuple;
  /** The whole message, or a pattern it must match. */
  message?: string | RegExp;
  /** Marked deprecated (strike-through); checked when given. */
  deprecated?: boolean;
  /** Files of the related locations, in order; checked when given. */
  related?: string[];
  /** Every fix the finding offers, in order. Omitted = the finding offers none. */
  fixes?: ExpectedFix[];
}

export interface ValidCase {
  name: string;
  files: Files;
  settings?: EngineSettings;
}

export interface InvalidCase extends ValidCase {
  /** Every finding, sorted by file then position. */
  errors: ExpectedFinding[];
}

const tupleOf = ({ start, end }: Finding['location']['range']): RangeTuple => [start.line, start.character, end.line, end.character];

function byPosition(a: Finding, b: Finding): number {
  const [x, y] = [tupleOf(a.location.range), tupleOf(b.location.range)];
  return a.location.file.localeCompare(b.location.file) || x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3] || a.ruleId.localeCompare(b.ruleId);
}

/** What changed between two trees: new text per changed or created file, `null` per removed one. */
function changedFiles(before: Files, after: Files): Record<string, string | null> {
  const [from, to] = [toMap(before), toMap(after)];
  const changed: Record<string, string | null> = {};
  for (const [file, text] of to) if (from.get(file) !== text) changed[display(file)] = text;
  for (const file of from.keys()) if (!to.has(file)) changed[display(file)] = null;
  return changed;
}

function normalizedOutput(output: Record<string, string | null>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(output).map(([file, text]) => [display(absolute(file)), text]));
}

function assertMatches(actual: string, expected: string | RegExp, what: string): void {
  if (typeof expected === 'string') assert.equal(actual, expected, what);
  else assert.match(actual, expected, what);
}

/** The findings written as `errors` of an invalid case, so a failing case shows what to write (after checking it is right). */
export function asExpected(files: Files, findings: Finding[]): string {
  const literal = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));
  return `[\n${[...findings]
    .sort(byPosition)
    .map((finding) => {
      const fixes = (finding.fixes ?? []).map((fix) => {
        const output = Object.entries(changedFiles(files, applyFix(files, fix)))
          .map(([file, text]) => `${JSON.stringify(file)}: ${literal(text)}`)
          .join(', ');
        return `{ title: ${JSON.stringify(fix.title)}, output: { ${output} }${fix.clipboardText === undefined ? '' : `, clipboardText: ${JSON.stringify(fix.clipboardText)}`} }`;
      });
      return `  { ruleId: '${finding.ruleId}', severity: '${finding.severity}', file: '${display(finding.location.file)}', range: ${JSON.stringify(tupleOf(finding.location.range)).replace(/,/g, ', ')}, message: ${JSON.stringify(finding.message)}${finding.deprecated ? ', deprecated: true' : ''}${finding.related?.length ? `, related: ${JSON.stringify(finding.related.map((info) => display(info.location.file)))}` : ''}${fixes.length ? `,\n    fixes: [\n      ${fixes.join(',\n      ')},\n    ]` : ''} },`;
    })
    .join('\n')}\n]`;
}

/** Asserts the findings are exactly the expected ones, fixes included. */
export function assertFindings(rules: Rule[], files: Files, settings: EngineSettings, findings: Finding[], expected: ExpectedFinding[]): void {
  const sorted = [...findings].sort(byPosition);
  const shape = (finding: { ruleId: string; severity: string; file: string; range: RangeTuple }) =>
    `${finding.ruleId} ${finding.severity} ${display(absolute(finding.file))} ${JSON.stringify(finding.range)}`;
  assert.deepEqual(
    sorted.map((finding) => shape({ ruleId: finding.ruleId, severity: finding.severity, file: finding.location.file, range: tupleOf(finding.location.range) })),
    expected.map((entry) => shape({ ruleId: entry.ruleId ?? rules[0].id, severity: entry.severity, file: entry.file, range: entry.range })),
    `findings (rule severity file [range]); actual, as errors:\n${asExpected(files, sorted)}`,
  );
  sorted.forEach((finding, index) => {
    const entry = expected[index];
    const where = `finding #${index} (${shape({ ruleId: finding.ruleId, severity: finding.severity, file: finding.location.file, range: entry.range })})`;
    if (entry.message !== undefined) assertMatches(finding.message, entry.message, `${where} message`);
    if (entry.deprecated !== undefined) assert.equal(finding.deprecated ?? false, entry.deprecated, `${where} deprecated`);
    if (entry.related !== undefined)
      assert.deepEqual(
        (finding.related ?? []).map((info) => display(info.location.file)),
        entry.related.map((file) => display(absolute(file))),
        `${where} related files`,
      );
    const fixes = finding.fixes ?? [];
    const wanted = entry.fixes ?? [];
    assert.deepEqual(
      fixes.map((fix) => fix.title),
      wanted.map((fix, at) => (typeof fix.title === 'string' ? fix.title : fixes[at]?.title)),
      `${where} fix titles`,
    );
    fixes.forEach((fix, at) => {
      const want = wanted[at];
      if (want.title instanceof RegExp) assert.match(fix.title, want.title, `${where} fix #${at} title`);
      assert.equal(fix.clipboardText, want.clipboardText, `${where} fix "${fix.title}" clipboard text`);
      if (want.safe !== undefined) assert.equal(fix.safe ?? false, want.safe, `${where} fix "${fix.title}" safe`);
      if (want.preferred !== undefined) assert.equal(fix.preferred ?? false, want.preferred, `${where} fix "${fix.title}" preferred`);
      const fixed = applyFix(files, fix);
      assert.deepEqual(changedFiles(files, fixed), normalizedOutput(want.output), `${where} fix "${fix.title}" output`);
      if (want.after) assertFindings(rules, fixed, settings, check(rules, fixed, settings), want.after);
    });
  });
}

export const ruleTester = {
  /** One mocha `describe` per rule: each valid case must be silent, each invalid one must report exactly its errors. */
  run(rule: Rule | Rule[], cases: { valid?: ValidCase[]; invalid?: InvalidCase[] }, title?: string): void {
    const rules = Array.isArray(rule) ? rule : [rule];
    describe(title ?? `${rules[0].id} (RuleTester)`, () => {
      for (const valid of cases.valid ?? []) {
        it(`valid: ${valid.name}`, () => assertFindings(rules, valid.files, valid.settings ?? {}, check(rules, valid.files, valid.settings), []));
      }
      for (const invalid of cases.invalid ?? []) {
        it(`invalid: ${invalid.name}`, () =>
          assertFindings(rules, invalid.files, invalid.settings ?? {}, check(rules, invalid.files, invalid.settings), invalid.errors));
      }
    });
  },
};

// ---- fixtures shared by rule tests ----

export const pkDev = 'pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA'; // example-app-42.clerk.accounts.dev
export const pkOtherDev = 'pk_test_YWRtaW4tcG9ydGFsLTcuY2xlcmsuYWNjb3VudHMuZGV2JA'; // admin-portal-7.clerk.accounts.dev
export const pkLive = 'pk_live_Y2xlcmsuZXhhbXBsZS5jb20k'; // clerk.example.com
export const skDev = 'sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh';
export const skLive = 'sk_live_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh';
export const whsec = 'whsec_RkFLRWZha2VGQUtFZmFrZUZBS0VmYWtlMDEyMzQ1Njc=';

/** A minimal Next 16 + Clerk + Convex app at `root` with both Clerk keys in `.env.local`; override or add files per test. */
export function nextApp(extra: Files = {}, clerkVersion = '7.9.17'): Files {
  return {
    '/ws/package.json': JSON.stringify({ dependencies: { next: '16.4.6', '@clerk/nextjs': clerkVersion, convex: '1.48.0' } }),
    '/ws/app/layout.tsx':
      "import { ClerkProvider } from '@clerk/nextjs';\nexport default function L({ children }: { children: React.ReactNode }) {\n  return <html><body><ClerkProvider>{children}</ClerkProvider></body></html>;\n}\n",
    '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\nCLERK_SECRET_KEY=${skDev}\n`,
    ...extra,
  };
}

/** package.json of a Next.js app with Clerk, on the given `next` version (exact, as a lock would say). */
export function nextPackage(nextVersion = '16.0.7', extra: Record<string, string> = {}): string {
  return JSON.stringify({ name: 'app', dependencies: { next: nextVersion, '@clerk/nextjs': '7.8.0', react: '19.2.0', ...extra } });
}
