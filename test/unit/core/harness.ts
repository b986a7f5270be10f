import { AnalysisSession } from '../../../src/core/engine';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import type { EngineSettings } from '../../../src/core/model';
import type { Rule } from '../../../src/core/rules/rule';
import type { Finding, Fix, Position, TextEdit } from '../../../src/core/model';

export type Files = Record<string, string>;

/** Runs rules over an in-memory workspace rooted at `/ws`; findings sorted by file and position. */
export function check(rules: Rule | Rule[], files: Files, settings: EngineSettings = {}): Finding[] {
  const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(files), rules: Array.isArray(rules) ? rules : [rules], settings });
  const findings = [...session.analyze().values()].flat();
  const failure = session.getRuleFailures()[0];
  if (failure) throw failure.error;
  return findings;
}

function offsetAt(text: string, position: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset += lines[line].length + 1;
  return offset + position.character;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offsetAt(result, edit.range.start)) + edit.newText + result.slice(offsetAt(result, edit.range.end));
  return result;
}

/** The files after applying a fix (edits and created files). */
export function applyFix(files: Files, fix: Fix): Files {
  const next = { ...files };
  for (const created of fix.createFiles ?? []) next[created.file] = created.content;
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) next[file] = applyEdits(next[file] ?? '', edits);
  return next;
}

/** The text a finding's range covers. */
export function textAt(files: Files, finding: Finding): string {
  const text = files[finding.location.file];
  return text.slice(offsetAt(text, finding.location.range.start), offsetAt(text, finding.location.range.end));
}

export const pkDev = 'pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA'; // example-app-42.clerk.accounts.dev
export const pkOtherDev = 'pk_test_YWRtaW4tcG9ydGFsLTcuY2xlcmsuYWNjb3VudHMuZGV2JA'; // admin-portal-7.clerk.accounts.dev
export const pkLive = 'pk_live_Y2xlcmsuZXhhbXBsZS5jb20k'; // clerk.example.com
export const skDev = 'sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh';
export const skLive = 'sk_live_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh';
export const whsec = 'whsec_RkFLRWZha2VGQUtFZmFrZUZBS0VmYWtlMDEyMzQ1Njc=';

/** A minimal Next + Clerk app at /ws; override or add files per test. */
export function nextApp(extra: Files = {}, clerkVersion = '7.9.17'): Files {
  return {
    '/ws/package.json': JSON.stringify({ dependencies: { next: '16.4.6', '@clerk/nextjs': clerkVersion, convex: '1.48.0' } }),
    '/ws/app/layout.tsx': "import { ClerkProvider } from '@clerk/nextjs';\nexport default function L({ children }: { children: React.ReactNode }) {\n  return <html><body><ClerkProvider>{children}</ClerkProvider></body></html>;\n}\n",
    '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\nCLERK_SECRET_KEY=${skDev}\n`,
    ...extra,
  };
}
