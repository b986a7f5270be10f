import * as assert from 'node:assert/strict';
import { packageJson, runCli, withProject, type CliResult, type Files } from './harness';

/**
 * Hostile inputs found in real repositories, through the built CLI: each gives the other findings
 * and the exit code as if the bad input were absent, plus one `note` line naming the file
 * (none where the input is merely of an unexpected type and simply counts as absent).
 */

/** A Next 16 + Clerk app with one real error: a client component that reads the secret key. */
const app: Files = {
  'package.json': packageJson({ next: '16.0.0', react: '19.2.0', '@clerk/nextjs': '6.36.0' }),
  '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n',
  // Test-instance keys made up for this test (example.clerk.accounts.dev).
  '.env.local':
    'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS5jbGVyay5hY2NvdW50cy5kZXYk\nCLERK_SECRET_KEY=sk_test_0123456789abcdefghijABCDEFGHIJ0123456789ab\n',
  'proxy.ts':
    "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();\nexport const config = { matcher: ['/((?!_next|.*\\\\..*).*)', '/(api|trpc)(.*)'] };\n",
  'app/layout.tsx':
    "import { ClerkProvider } from '@clerk/nextjs';\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <ClerkProvider><html><body>{children}</body></html></ClerkProvider>;\n}\n",
  'app/page.tsx': 'export default function Page() {\n  return <p>Home</p>;\n}\n',
  'app/Debug.tsx': "'use client';\nexport function Debug() {\n  return <p>{process.env.CLERK_SECRET_KEY}</p>;\n}\n",
};

const concatenation = (terms: number) => `export const big = ${Array.from({ length: terms }, (_, i) => `'a${i}'`).join(' + ')};\n`;
const elseIfChain = (branches: number) =>
  `export function pick(a: number) {\n  if (a === 0) return 0;${Array.from({ length: branches }, (_, i) => ` else if (a === ${i + 1}) return ${i};`).join('')}\n  return -1;\n}\n`;
const parentheses = (depth: number) => `export const big = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`;
const doublingEnv = ['A0=xxxxxxxx', ...Array.from({ length: 40 }, (_, i) => `A${i + 1}=\${A${i}}\${A${i}}`)].join('\n');

const internalErrors = (result: CliResult) => result.stderr.split('\n').filter((line) => line.startsWith('clerk-toolkit: internal error: '));
const notes = (result: CliResult) => result.stderr.split('\n').filter((line) => line.startsWith('clerk-toolkit: note: '));

function assertSameAsWithout(withBad: CliResult, without: CliResult): void {
  assert.ok(without.findings.length > 0, 'the base project has findings of its own');
  assert.deepEqual(withBad.findings, without.findings);
  assert.equal(withBad.code, without.code);
  assert.equal(without.code, 1, 'the base project has an error');
}

describe('patterns: hostile inputs cost only their own findings', function () {
  this.timeout(120_000);
  const baseline = () => withProject(app, (dir) => runCli(dir));

  for (const [name, file, text, note] of [
    [
      'a 5,000-term string concatenation',
      'lib/generated.ts',
      concatenation(5_000),
      /^clerk-toolkit: note: lib\/generated\.ts: not analyzed: its syntax tree is nested more than \d+ levels deep/,
    ],
    [
      'a 3,000-branch else-if chain',
      'lib/lookup.ts',
      elseIfChain(3_000),
      /^clerk-toolkit: note: lib\/lookup\.ts: not analyzed: its syntax tree is nested more than \d+ levels deep/,
    ],
    ['1,000 nested parentheses (the parser overflows)', 'lib/nested.ts', parentheses(1_000), /^clerk-toolkit: note: lib\/nested\.ts: not analyzed: /],
    [
      '40 doubling ${A}${A} env lines',
      '.env.local',
      doublingEnv,
      /^clerk-toolkit: note: \.env\.local: values that expand to more than 64 KiB are analyzed up to that length: A14, A15, .*A40$/,
    ],
  ] as const) {
    it(name, () => {
      const without = baseline();
      // Source files read a variable, so rules parse them (a file no rule needs is never parsed, and costs nothing).
      const reads = file.endsWith('.ts') ? 'export const deep = process.env.DEEP_VALUE;\n' : '';
      const withBad = withProject({ ...app, [file]: `${app[file] ?? ''}${reads}${text}\n` }, (dir) => runCli(dir));
      assertSameAsWithout(withBad, without);
      // A file left out is a note about the input, not an error of the tool.
      assert.deepEqual(internalErrors(withBad), []);
      const [only, ...more] = notes(withBad);
      assert.deepEqual(more, [], withBad.stderr);
      assert.match(only, note);
    });
  }

  // The wrong-typed entry comes first (dependencies); the real range, in devDependencies, must still be read.
  for (const [name, name2, bad] of [
    ['a number version ("next": 16)', 'next', 16],
    ['an object version ("@clerk/nextjs": {…})', '@clerk/nextjs', { version: '6.36.0' }],
    ['a null version ("@clerk/nextjs": null)', '@clerk/nextjs', null],
  ] as const) {
    it(`${name} counts as absent: no crash, no internal error`, () => {
      const { dependencies } = JSON.parse(app['package.json']) as { dependencies: Record<string, unknown> };
      const pkg = { name: 'app', dependencies: { ...dependencies, [name2]: bad }, devDependencies: { [name2]: dependencies[name2] } };
      const withBad = withProject({ ...app, 'package.json': JSON.stringify(pkg) }, (dir) => runCli(dir));
      assertSameAsWithout(withBad, baseline());
      assert.deepEqual(internalErrors(withBad), []);
    });
  }

  it('dependencies as an array: the app is still checked by its other fields, no internal error', () => {
    const files = {
      ...app,
      'package.json': JSON.stringify({ name: 'app', dependencies: ['next'], devDependencies: { next: '16.0.0', react: '19.2.0', '@clerk/nextjs': '6.36.0' } }),
    };
    const withBad = withProject(files, (dir) => runCli(dir));
    assertSameAsWithout(withBad, baseline());
    assert.deepEqual(internalErrors(withBad), []);
  });
});
