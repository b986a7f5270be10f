/** Runs one rule on an in-memory project and applies its fixes, for the route/middleware/webhook rule tests. */
import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../src/core/engine';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import type { Rule } from '../../../src/core/rules/rule';
import type { Finding, Fix, Position } from '../../../src/core/model';

export const root = '/proj';

/** package.json of a Next.js app with Clerk, on the given `next` version (exact, as a lock would say). */
export function nextPackage(nextVersion = '16.0.7', extra: Record<string, string> = {}): string {
  return JSON.stringify({ name: 'app', dependencies: { next: nextVersion, '@clerk/nextjs': '7.8.0', react: '19.2.0', ...extra } });
}

/** Files keyed by path relative to `root`. */
export type Files = Record<string, string>;

export function check(rule: Rule, files: Files): Finding[] {
  const host = createMemoryHost(Object.fromEntries(Object.entries(files).map(([path, text]) => [`${root}/${path}`, text])));
  const session = new AnalysisSession({ roots: [root], host, rules: [rule] });
  const findings = [...session.analyze().values()].flat();
  assert.deepEqual(session.getRuleFailures().map((failure) => String(failure.error)), []);
  return findings;
}

/** Applies a fix's edits, created files and renames (in that order) to the tree; returns the new tree. */
export function applyFix(files: Files, fix: Fix): Files {
  const next: Files = { ...files };
  const byFile = new Map<string, typeof fix.edits>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    const relative = toRelative(file);
    let text = next[relative];
    assert.ok(text !== undefined, `fix edits missing file ${file}`);
    // Apply from the end so earlier offsets stay valid.
    const sorted = [...edits].sort((a, b) => offsetOf(text!, b.range.start) - offsetOf(text!, a.range.start));
    for (const edit of sorted) {
      text = text.slice(0, offsetOf(text, edit.range.start)) + edit.newText + text.slice(offsetOf(text, edit.range.end));
    }
    next[relative] = text;
  }
  for (const created of fix.createFiles ?? []) next[toRelative(created.file)] = created.content;
  for (const { from, to } of fix.renameFiles ?? []) {
    assert.ok(next[toRelative(to)] === undefined, `rename target ${to} exists`);
    next[toRelative(to)] = next[toRelative(from)];
    delete next[toRelative(from)];
  }
  return next;
}

function toRelative(file: string): string {
  assert.ok(file.startsWith(`${root}/`), `${file} is outside the project`);
  return file.slice(root.length + 1);
}

function offsetOf(text: string, position: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset += lines[line].length + 1;
  return offset + position.character;
}

/** The text a finding's range covers. */
export function textAt(files: Files, finding: Finding): string {
  const text = files[toRelative(finding.location.file)];
  const { start, end } = finding.location.range;
  return text.slice(offsetOf(text, start), offsetOf(text, end));
}

/** The only finding of the rule; fails with the list when there are zero or several. */
export function single(findings: Finding[]): Finding {
  assert.equal(findings.length, 1, JSON.stringify(findings.map((finding) => finding.message), null, 1));
  return findings[0];
}
