/**
 * Deeply nested code of every shape known to stress recursive tree walkers, placed where the most
 * rules look (a webhook route, a client component, a Convex mutation, the proxy). Shared by the
 * robustness tests and the stack-margin check they run in a child process with a halved stack.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisSession, describeFailure } from '../../../src/core/engine';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import { fixture } from '../../helpers/paths';

/** Each shape yields code whose syntax tree is about `levels` deep. */
export const deepShapes: Record<string, (levels: number) => string> = {
  concatenation: (n) => `const big = ${Array.from({ length: n }, (_, i) => `'a${i}'`).join(' + ')};`,
  elseIf: (n) =>
    `function pick(a: number) { if (a === 0) return 0;${Array.from({ length: n }, (_, i) => ` else if (a === ${i + 1}) return ${i};`).join('')} return -1; }`,
  parentheses: (n) => `const big = ${'('.repeat(n)}1${')'.repeat(n)};`,
  calls: (n) => `const big = ${'f('.repeat(n)}1${')'.repeat(n)};`,
  arrows: (n) => `const big = ${'() => '.repeat(n)}1;`,
  ternaries: (n) => `const big = ${'process.env.X ? 1 : '.repeat(n)}0;`,
  objects: (n) => `const big = ${'{ a: '.repeat(n / 2)}1${' }'.repeat(n / 2)};`,
  arrays: (n) => `const big = ${'['.repeat(n)}1${']'.repeat(n)};`,
  promiseChain: (n) => `const big = fetch('x')${'.then((r) => r)'.repeat(n / 2)};`,
  memberChain: (n) => `const big = process${'.env'.repeat(n)};`,
  jsx: (n) => `export const Big = () => (${'<div>'.repeat(n)}x${'</div>'.repeat(n)});`,
  blocks: (n) => `function f() ${'{ '.repeat(n)}${' }'.repeat(n)}`,
  logicalAnd: (n) => `const big = ${Array.from({ length: n }, (_, i) => `process.env.A${i}`).join(' && ')};`,
};

const places: Record<string, (code: string, base: Record<string, string>) => string> = {
  'app/api/webhooks/clerk/route.ts': (code) =>
    `import { verifyWebhook } from '@clerk/nextjs/webhooks';\n${code}\nexport async function POST(req: Request) { const evt = await verifyWebhook(req); return new Response('ok'); }\n`,
  'app/Deep.tsx': (code) =>
    `'use client';\nimport { useUser } from '@clerk/nextjs';\n${code}\nexport function Deep() { const u = useUser(); return <p>{process.env.NEXT_PUBLIC_X}</p>; }\n`,
  'convex/deep.ts': (code) =>
    `import { mutation } from './_generated/server';\nimport { v } from 'convex/values';\n${code}\nexport const m = mutation({ args: { userId: v.string() }, handler: async (ctx, args) => { await ctx.db.insert('x', { userId: args.userId }); } });\n`,
  'proxy.ts': (code, base) => `${base['/ws/proxy.ts']}\n${code}\n`,
};

/** The correct Next 16 + Convex fixture as an in-memory workspace at /ws. */
export function fixtureFiles(): Record<string, string> {
  const root = fixture('next16-convex');
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else files[`/ws/${path.relative(root, full).split(path.sep).join('/')}`] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}

/** Every rule over the fixture with one shape at `levels` in every place: the failures, described. */
export function failuresWithDeepCode(shape: string, levels: number): string[] {
  const base = fixtureFiles();
  const files = { ...base };
  for (const [place, wrap] of Object.entries(places)) {
    // Outside .tsx, JSX parses as comparisons: a different (deeper) tree.
    if (shape !== 'jsx' || place.endsWith('.tsx')) files[`/ws/${place}`] = wrap(deepShapes[shape](levels), base);
  }
  const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(files) });
  session.analyze();
  return session.getRuleFailures().map((failure) => describeFailure(failure));
}
