import * as assert from 'node:assert/strict';
import { getEnvReads } from '../../../src/core/parse/facts';
import { parseSource } from '../../../src/core/parse/sourceFile';
import { envMissingRule } from '../../../src/core/rules/env-missing';
import { applyFix, check, nextApp, pkDev, textAt, whsec } from '../ruleTester';

describe('env-missing', () => {
  it('errors on a process.env read no local env file defines, at the reference', () => {
    const files = nextApp({ '/ws/app/api/x/route.ts': 'export async function GET() {\n  return Response.json({ u: process.env.API_URL });\n}\n' });
    const findings = check(envMissingRule, files);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'error');
    assert.equal(findings[0].location.file, '/ws/app/api/x/route.ts');
    assert.equal(textAt(files, findings[0]), 'process.env.API_URL');
    assert.match(findings[0].message, /API_URL/);
  });

  it('reports every read form: element access, destructuring', () => {
    const files = nextApp({ '/ws/lib/env.ts': "const K = 'B_KEY';\nexport const a = process.env['A_KEY'];\nexport const b = process.env[K];\nconst { C_KEY, D_KEY = 'd' } = process.env;\nexport const c = [C_KEY, D_KEY];\n" });
    assert.deepEqual(check(envMissingRule, files).map((f) => textAt(files, f)), ["process.env['A_KEY']", 'process.env[K]', 'C_KEY']);
  });

  it('is silent for fallbacks, platform variables, and variables defined in any loaded file', () => {
    const files = nextApp({
      '/ws/.env': 'FROM_DOT_ENV=1\n',
      '/ws/lib/env.ts': "export const a = process.env.X ?? 'x';\nexport const b = process.env.Y || 'y';\nexport const c = process.env.NODE_ENV;\nexport const d = process.env.VERCEL_URL;\nexport const e = process.env.FROM_DOT_ENV;\n",
    });
    assert.deepEqual(check(envMissingRule, files), []);
  });

  it('leaves convex/ reads to env-convex-deployment', () => {
    const files = nextApp({ '/ws/convex/auth.config.ts': 'export default { providers: [{ domain: process.env.CLERK_FRONTEND_API_URL!, applicationID: "convex" }] };\n' });
    assert.deepEqual(check(envMissingRule, files), []);
  });

  it('errors on a deleted CLERK_SECRET_KEY, at .env.local, and the fix adds it empty (then only a warning remains)', () => {
    const files = nextApp({ '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\n`, '/ws/.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\n' });
    const [finding, ...rest] = check(envMissingRule, files);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'error');
    assert.equal(finding.location.file, '/ws/.env.local');
    assert.match(finding.message, /CLERK_SECRET_KEY/);
    const fixed = applyFix(files, finding.fixes![0]);
    assert.equal(fixed['/ws/.env.local'], `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\nCLERK_SECRET_KEY=\n`);
    assert.equal(fixed['/ws/.env.example'], 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n');
    const after = check(envMissingRule, fixed);
    assert.deepEqual(after.map((f) => f.severity), ['warning']);
    assert.match(after[0].message, /empty/);
  });

  it('warns (keyless mode) when no env file holds any Clerk key', () => {
    const files = nextApp({ '/ws/.env.local': 'CONVEX_DEPLOYMENT=dev:x\nNEXT_PUBLIC_CONVEX_URL=https://x.convex.cloud\n' });
    const findings = check(envMissingRule, files);
    assert.deepEqual(findings.map((f) => f.severity), ['warning', 'warning']);
    assert.match(findings[0].message, /keyless/);
  });

  it('keyless mode stays a warning after the fix writes one key empty (an empty key is still keyless)', () => {
    const files = nextApp({ '/ws/.env.local': 'CONVEX_DEPLOYMENT=dev:x\nNEXT_PUBLIC_CONVEX_URL=https://x.convex.cloud\n' });
    const [first] = check(envMissingRule, files);
    const fixed = applyFix(files, first.fixes![0]);
    assert.deepEqual(check(envMissingRule, fixed).map((f) => f.severity), ['warning', 'warning']);
  });

  it('errors on CONVEX_SITE_URL read in Next.js code: only the Convex runtime sets it', () => {
    const files = nextApp({ '/ws/app/api/x/route.ts': 'export async function GET() {\n  return Response.json({ u: process.env.CONVEX_SITE_URL });\n}\n' });
    const findings = check(envMissingRule, files);
    assert.deepEqual(findings.map((f) => [f.severity, textAt(files, f)]), [['error', 'process.env.CONVEX_SITE_URL']]);
  });

  it('without local env files or template: one project-level warning at the ClerkProvider listing both keys; its fix creates .env.example', () => {
    const base = nextApp();
    delete base['/ws/.env.local'];
    const undocumented = check(envMissingRule, base);
    assert.deepEqual(undocumented.map((f) => [f.severity, f.location.file, textAt(base, f)]), [['warning', '/ws/app/layout.tsx', 'ClerkProvider']]);
    assert.match(undocumented[0].message, /NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY/);
    const fixed = applyFix(base, undocumented[0].fixes![0]);
    assert.equal(fixed['/ws/.env.example'], 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n');
    assert.deepEqual(check(envMissingRule, fixed), []);
    assert.deepEqual(check(envMissingRule, { ...base, '/ws/README.md': 'Set NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY.\n' }), []);
  });

  it('without local env files but with a template: one warning per undocumented variable at its first read', () => {
    const base = nextApp({ '/ws/.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n', '/ws/lib/a.ts': 'export const a = process.env.API_URL;\n' });
    delete base['/ws/.env.local'];
    const findings = check(envMissingRule, base);
    assert.deepEqual(findings.map((f) => [f.severity, textAt(base, f)]), [['warning', 'process.env.API_URL']]);
    assert.equal(findings[0].fixes![0].title, 'Add API_URL= to .env.example');
  });

  it('requires CLERK_WEBHOOK_SIGNING_SECRET only when verifyWebhook gets no signingSecret', () => {
    const route = (args: string) => `import { verifyWebhook } from '@clerk/nextjs/webhooks';\nexport async function POST(req: Request) {\n  await verifyWebhook(${args});\n  return new Response('ok');\n}\n`;
    const without = nextApp({ '/ws/app/api/webhooks/route.ts': route('req') });
    const findings = check(envMissingRule, without);
    assert.equal(findings.length, 1);
    assert.equal(textAt(without, findings[0]), 'verifyWebhook(req)');
    const passed = nextApp({ '/ws/app/api/webhooks/route.ts': route('req, { signingSecret: process.env.MY_SECRET! }') });
    passed['/ws/.env.local'] += `MY_SECRET=${whsec}\n`;
    assert.deepEqual(check(envMissingRule, passed), []);
  });

  it('counts next.config env and the CLI process environment as definitions', () => {
    const read = { '/ws/lib/a.ts': 'export const a = process.env.FROM_CONFIG + process.env.FROM_CI;\n' };
    const files = nextApp({ ...read, '/ws/next.config.ts': "const config = { env: { FROM_CONFIG: 'x' } };\nexport default config;\n" });
    assert.deepEqual(check(envMissingRule, files).map((f) => f.message.split(' ')[0]), ['process.env.FROM_CI']);
    assert.deepEqual(check(envMissingRule, files, { processEnv: { FROM_CI: 'y' } }), []);
  });

  it('classifies optional reads: chain defaults, ternaries, tests, guarded reads; throw-asserted and `|| \'\'` stay apart', () => {
    const source = parseSource('/a.ts', [
      "const a = process.env.A || process.env.B || 'x';",
      "const c = process.env.C ? process.env.C : 'd';",
      "const e = process.env.E === 'true';",
      "const f = process.env.F || '';",
      'function g() { if (!process.env.G) return; use(process.env.G); }',
      "if (!process.env.H) throw new Error('H');",
      'const i = process.env.I ?? process.env.J;',
    ].join('\n'));
    assert.deepEqual(getEnvReads(source).map((r) => [r.name, r.optional ?? '-', r.alternatives.join()]), [
      ['A', 'default', 'B'], ['B', 'default', 'A'], ['C', 'test', ''], ['C', 'test', ''], ['E', 'test', ''], ['F', 'empty-default', ''],
      ['G', 'test', ''], ['G', 'test', ''], ['H', '-', ''], ['I', '-', 'J'], ['J', '-', 'I'],
    ]);
  });

  it('reports a variable once, at its first read in path order, with the other reads as related locations', () => {
    const files = nextApp({ '/ws/lib/b.ts': 'export const b = process.env.API_URL!;\n', '/ws/lib/a.ts': 'export const a = process.env.API_URL!;\n' });
    const findings = check(envMissingRule, files);
    assert.deepEqual(findings.map((f) => f.location.file), ['/ws/lib/a.ts']);
    assert.deepEqual(findings[0].related?.map((r) => [r.location.file, r.message]), [['/ws/lib/b.ts', 'API_URL is also read here']]);
  });

  it('on @clerk/nextjs ≥ 7.8.0 without any key: keyless warning quoting the thrown error, with `npx clerk@latest init` to copy', () => {
    const files = nextApp({ '/ws/.env.local': 'NEXT_PUBLIC_CONVEX_URL=https://x.convex.cloud\n' });
    const [first] = check(envMissingRule, files);
    assert.equal(first.severity, 'warning');
    assert.match(first.message, /Clerk keys are missing from your environment/);
    assert.equal(first.fixes![1].clipboardText, 'npx clerk@latest init');
    assert.equal(check(envMissingRule, files, {}).length, 2);
    assert.ok(!check(envMissingRule, nextApp({ '/ws/.env.local': 'OTHER=1\n' }, '6.12.6'))[0].message.includes('npx clerk'));
  });

  it("in a monorepo, the app's missing NEXT_PUBLIC_CONVEX_URL points at the Convex package's CONVEX_URL", () => {
    const files = {
      '/ws/package.json': '{ "workspaces": ["apps/*", "packages/*"] }',
      '/ws/apps/web/package.json': JSON.stringify({ dependencies: { next: '16.4.6', convex: '1.48.0' } }),
      '/ws/apps/web/.env.local': 'OTHER=1\n',
      '/ws/apps/web/app/providers.tsx': "'use client';\nimport { ConvexReactClient } from 'convex/react';\nexport const c = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n",
      '/ws/packages/backend/package.json': JSON.stringify({ dependencies: { convex: '1.48.0' } }),
      '/ws/packages/backend/.env.local': 'CONVEX_DEPLOYMENT=dev:x\nCONVEX_URL=https://x.convex.cloud\n',
      '/ws/packages/backend/convex/messages.ts': 'export const x = 1;\n',
    };
    const [finding, ...rest] = check(envMissingRule, files);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.related?.map((r) => [r.location.file, r.location.range.start.line]), [['/ws/packages/backend/.env.local', 1]]);
  });

  it('stays linear on huge expressions: a 5,000-operand `||` chain is classified in one pass', () => {
    const source = parseSource('/big.ts', `export const x = ${Array.from({ length: 5000 }, (_, i) => `process.env.A${i % 50}`).join(' || ')} || 'd';\n`);
    const started = Date.now();
    const reads = getEnvReads(source);
    assert.equal(reads.length, 5000);
    assert.ok(reads.every((read) => read.optional === 'default' && read.alternatives.length <= 20));
    assert.ok(Date.now() - started < 10_000);
  });
});
