import * as assert from 'node:assert/strict';
import { envServerOnlyInClientRule } from '../../../src/core/rules/env-server-only-in-client';
import type { Finding } from '../../../src/core/model';
import { applyFix, check, nextApp, textAt, type Files } from '../ruleTester';

const aliases = '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }';

function summary(files: Files, findings: Finding[]): [string, string, number, string][] {
  return findings.map((f) => [f.severity, f.location.file, f.location.range.start.line, textAt(files, f)]);
}

/** A client page that imports `lib/<name>` and calls `use()` from it. */
function clientPageUsing(name: string, extra: Files): Files {
  return nextApp({
    '/ws/tsconfig.json': aliases,
    '/ws/app/page.tsx': `'use client';\nimport { use } from '@/lib/${name}';\nexport default function P() { return <button onClick={() => use()}>go</button>; }\n`,
    ...extra,
  });
}

describe('env-server-only-in-client', () => {
  it("errors on a secret read in a 'use client' module, at the read, and never suggests NEXT_PUBLIC_", () => {
    const files = nextApp({ '/ws/app/page.tsx': "'use client';\nexport default function P() {\n  return <p>{process.env.CLERK_SECRET_KEY ? 'ready' : 'missing'}</p>;\n}\n" });
    const findings = check(envServerOnlyInClientRule, files);
    assert.deepEqual(summary(files, findings), [['error', '/ws/app/page.tsx', 2, 'process.env.CLERK_SECRET_KEY']]);
    assert.match(findings[0].message, /^CLERK_SECRET_KEY is read in client code \(a 'use client' module\).*always undefined\. Read it on the server.*never rename it NEXT_PUBLIC_/);
    assert.equal(findings[0].fixes, undefined, 'a component cannot be moved mechanically');
  });

  it('errors in a module only client modules import, not in one a server module imports too', () => {
    const files = clientPageUsing('helper', {
      '/ws/lib/helper.ts': 'export const use = () => fetch(String(process.env.API_URL));\n',
      '/ws/lib/shared.ts': 'export const shared = () => process.env.API_URL;\n',
      '/ws/app/layout.tsx': "import { shared } from '@/lib/shared';\nexport default function L({ children }: { children: React.ReactNode }) { return <html><body data-x={shared()}>{children}</body></html>; }\n",
      '/ws/components/c.tsx': "'use client';\nimport { shared } from '@/lib/shared';\nexport const C = () => <p>{shared()}</p>;\n",
    });
    const findings = check(envServerOnlyInClientRule, files);
    assert.deepEqual(summary(files, findings), [['error', '/ws/lib/helper.ts', 0, 'process.env.API_URL']]);
    assert.match(findings[0].message, /a module that only client modules import/);
    assert.match(findings[0].message, /If the value is not secret, rename it NEXT_PUBLIC_API_URL instead\.$/);
  });

  it('warns (not errors) when a fallback keeps the browser working, except for a secret', () => {
    const files = nextApp({
      '/ws/app/page.tsx': "'use client';\nconst api = process.env.API_URL ?? 'http://localhost:3000';\nconst key = process.env.CLERK_SECRET_KEY || '';\nexport default function P() { return <p>{api}{key}</p>; }\n",
    });
    const findings = check(envServerOnlyInClientRule, files);
    assert.deepEqual(summary(files, findings), [
      ['warning', '/ws/app/page.tsx', 1, 'process.env.API_URL'],
      ['error', '/ws/app/page.tsx', 2, 'process.env.CLERK_SECRET_KEY'],
    ]);
    assert.match(findings[0].message, /the fallback always wins/);
  });

  it('reports the destructured binding', () => {
    const files = nextApp({ '/ws/app/page.tsx': "'use client';\nconst { CLERK_SECRET_KEY } = process.env;\nexport default function P() { return <p>{CLERK_SECRET_KEY}</p>; }\n" });
    assert.deepEqual(summary(files, check(envServerOnlyInClientRule, files)), [['error', '/ws/app/page.tsx', 1, 'CLERK_SECRET_KEY']]);
  });

  it('stays silent on NEXT_PUBLIC_*, platform variables, next.config env and server modules', () => {
    const files = nextApp({
      '/ws/next.config.ts': "export default { env: { APP_VERSION: process.env.APP_VERSION } };\n",
      '/ws/app/page.tsx': "'use client';\nexport default function P() {\n  return <p>{process.env.NEXT_PUBLIC_CONVEX_URL}{process.env.NODE_ENV}{process.env.VERCEL_URL}{process.env.APP_VERSION}</p>;\n}\n",
      '/ws/app/server/page.tsx': 'export default function S() { return <p>{process.env.CLERK_SECRET_KEY ? 1 : 0}</p>; }\n',
    });
    assert.deepEqual(check(envServerOnlyInClientRule, files), []);
  });

  it("treats a 'use server' module and one importing server-only as server code whoever imports them", () => {
    for (const header of ["'use server';\n", "import 'server-only';\n"]) {
      const files = clientPageUsing('actions', { '/ws/lib/actions.ts': `${header}export async function use() { await fetch('https://api.clerk.com/v1/users', { headers: { Authorization: \`Bearer \${process.env.CLERK_SECRET_KEY}\` } }); }\n` });
      assert.deepEqual(check(envServerOnlyInClientRule, files), [], header);
    }
  });

  it('skips the runtimeEnv of t3-env createEnv, not reads elsewhere in that module or another createEnv', () => {
    const env = (module: string) => `import { createEnv } from '${module}';\nimport { z } from 'zod';\nconst runtimeEnv = { CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY };\n` +
      'export const env = createEnv({\n  server: { CLERK_SECRET_KEY: z.string() },\n  runtimeEnv,\n' +
      '  experimental__runtimeEnv: { WEBHOOK_URL: process.env.WEBHOOK_URL },\n});\nexport const use = () => process.env.SENTRY_DSN;\n';
    const t3 = clientPageUsing('env', { '/ws/lib/env.ts': env('@t3-oss/env-nextjs') });
    assert.deepEqual(summary(t3, check(envServerOnlyInClientRule, t3)), [['error', '/ws/lib/env.ts', 8, 'process.env.SENTRY_DSN']]);
    const other = clientPageUsing('env', { '/ws/lib/env.ts': env('./my-env') });
    assert.deepEqual(check(envServerOnlyInClientRule, other).map((f) => textAt(other, f)),
      ['process.env.CLERK_SECRET_KEY', 'process.env.WEBHOOK_URL', 'process.env.SENTRY_DSN']);
  });

  it("skips code that runs only on the server (typeof window === 'undefined'), not the browser branch", () => {
    const files = nextApp({
      '/ws/app/page.tsx': "'use client';\n" +
        "function base() {\n  if (typeof window !== 'undefined') return '';\n  return process.env.INTERNAL_URL;\n}\n" +
        "const a = typeof window === 'undefined' ? process.env.A_URL : '/a';\n" +
        "const b = typeof window !== 'undefined' && process.env.B_URL;\n" +
        "export default function P() { return <p>{base()}{a}{b}</p>; }\n",
    });
    assert.deepEqual(summary(files, check(envServerOnlyInClientRule, files)), [['error', '/ws/app/page.tsx', 6, 'process.env.B_URL']]);
  });

  it("offers 'use server' for a client-only helper module of async functions; the fixed project is clean", () => {
    const helper = "import { z } from 'zod';\n\nexport async function use() {\n  const key = process.env.CLERK_SECRET_KEY;\n" +
      "  const response = await fetch('https://api.clerk.com/v1/users', { headers: { Authorization: `Bearer ${key}` } });\n  return z.array(z.object({ id: z.string() })).parse(await response.json());\n}\n";
    const files = clientPageUsing('users', { '/ws/lib/users.ts': helper });
    const [finding] = check(envServerOnlyInClientRule, files);
    assert.deepEqual(summary(files, [finding]), [['error', '/ws/lib/users.ts', 3, 'process.env.CLERK_SECRET_KEY']]);
    const fix = finding.fixes![0];
    assert.equal(fix.title, "Run this module on the server ('use server'): its exported functions become Server Actions");
    assert.ok(!fix.preferred && !fix.safe, 'it turns functions into public endpoints: the user decides');
    assert.match(finding.message, /Server Actions, which anyone can call: check the caller \(auth\(\)\) in each\.$/);
    const fixed = applyFix(files, fix);
    assert.equal(fixed['/ws/lib/users.ts'], `'use server';\n\n${helper}`);
    assert.deepEqual(check(envServerOnlyInClientRule, fixed), []);
  });

  it("offers no 'use server' fix when the value would be returned to the caller or a non-async export exists", () => {
    const cases = [
      'export async function use() { return process.env.CLERK_SECRET_KEY; }\n',
      'export const use = async () => ({ key: process.env.CLERK_SECRET_KEY });\n',
      'const key = process.env.CLERK_SECRET_KEY;\nexport async function use() { const copy = key; return copy; }\n',
      'export async function use() { let key = ""; key = process.env.CLERK_SECRET_KEY!; return { key }; }\n',
      "export async function use() { return fetch(String(process.env.API_URL)); }\nexport const LIMIT = 10;\n",
      "'use strict';\nexport async function use() { await fetch(String(process.env.API_URL)); }\n",
    ];
    for (const helper of cases) {
      const files = clientPageUsing('helper', { '/ws/lib/helper.ts': helper });
      const findings = check(envServerOnlyInClientRule, files);
      assert.equal(findings.length, 1, helper);
      assert.equal(findings[0].fixes, undefined, helper);
    }
  });
});
