import * as assert from 'node:assert/strict';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../ruleTester';
import { convexProviderSetupRule as rule } from '../../../src/core/rules/convex-provider-setup';

const convexClientProvider = (options: { useClient?: boolean; useAuthFrom?: string } = {}) => `${options.useClient === false ? '' : "'use client';\n"}import { ReactNode } from 'react';
import { ConvexReactClient } from 'convex/react';
import { ConvexProviderWithClerk } from 'convex/react-clerk';
import { useAuth } from '${options.useAuthFrom ?? '@clerk/nextjs'}';

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`;

const layout = (body: string) => `import { ClerkProvider } from '@clerk/nextjs';
import ConvexClientProvider from './ConvexClientProvider';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        ${body}
      </body>
    </html>
  );
}
`;

const app = (files: Files): Files => ({ 'package.json': nextPackage('16.0.7', { convex: '1.45.0' }), ...files });

describe('convex-provider-setup', () => {
  it('accepts the normal setup: ClerkProvider in the layout around a separate ConvexClientProvider', () => {
    const files = app({
      'app/layout.tsx': layout('<ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider>'),
      'app/ConvexClientProvider.tsx': convexClientProvider(),
    });
    assert.deepEqual(check(rule, files), []);
  });

  it('flags the reversed nesting across files and swaps it', () => {
    const files = app({
      'app/layout.tsx': layout('<ConvexClientProvider><ClerkProvider>{children}</ClerkProvider></ConvexClientProvider>'),
      'app/ConvexClientProvider.tsx': convexClientProvider(),
    });
    const finding = single(check(rule, files));
    assert.equal(finding.location.file, '/ws/app/layout.tsx');
    assert.equal(textAt(files, finding), 'ConvexClientProvider');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['app/layout.tsx'], /<ClerkProvider><ConvexClientProvider>\{children\}<\/ConvexClientProvider><\/ClerkProvider>/);
    assert.deepEqual(check(rule, fixed), []);
  });

  it('flags both providers in one file with Convex outside, and swaps them', () => {
    const files = app({
      'app/providers.tsx': `'use client';
import { ClerkProvider, useAuth } from '@clerk/nextjs';
import { ConvexReactClient } from 'convex/react';
import { ConvexProviderWithClerk } from 'convex/react-clerk';
const convex = new ConvexReactClient('https://x.convex.cloud');
export function Providers({ children }: { children: React.ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      <ClerkProvider>{children}</ClerkProvider>
    </ConvexProviderWithClerk>
  );
}
`,
    });
    const finding = single(check(rule, files));
    assert.equal(textAt(files, finding), 'ConvexProviderWithClerk');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['app/providers.tsx'], /<ClerkProvider>\n\s*<ConvexProviderWithClerk client=\{convex\} useAuth=\{useAuth\}>\{children\}<\/ConvexProviderWithClerk>\n\s*<\/ClerkProvider>/);
    assert.deepEqual(check(rule, fixed), []);
  });

  it('flags an app without any ClerkProvider and wraps the provider', () => {
    const files = app({
      'app/layout.tsx': layout('<ConvexClientProvider>{children}</ConvexClientProvider>').replace("import { ClerkProvider } from '@clerk/nextjs';\n", ''),
      'app/ConvexClientProvider.tsx': convexClientProvider(),
    });
    const finding = single(check(rule, files));
    assert.equal(finding.location.file, '/ws/app/ConvexClientProvider.tsx');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['app/ConvexClientProvider.tsx'], /^'use client';\nimport \{ ClerkProvider \} from '@clerk\/nextjs';/);
    assert.deepEqual(check(rule, fixed), []);
  });

  it("flags a provider module without 'use client' and adds the directive", () => {
    const files = app({
      'app/layout.tsx': layout('<ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider>'),
      'app/ConvexClientProvider.tsx': convexClientProvider({ useClient: false }),
    });
    const finding = single(check(rule, files));
    assert.match(finding.message, /server module/);
    const fixed = applyFix(files, finding.fixes![0]);
    assert.deepEqual(check(rule, fixed), []);
  });

  it('flags useAuth from a non-Clerk package and re-points the import; a local wrapper is fine', () => {
    const files = app({
      'app/layout.tsx': layout('<ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider>'),
      'app/ConvexClientProvider.tsx': convexClientProvider({ useAuthFrom: 'next-auth/react' }),
    });
    const finding = single(check(rule, files));
    assert.equal(textAt(files, finding), 'useAuth');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['app/ConvexClientProvider.tsx'], /import \{ useAuth \} from '@clerk\/nextjs';/);
    assert.deepEqual(check(rule, fixed), []);
    const local = { ...files, 'app/ConvexClientProvider.tsx': convexClientProvider({ useAuthFrom: '@/hooks/useAuth' }) };
    assert.deepEqual(check(rule, local), []);
  });
  describe('a plain ConvexProvider while Convex expects Clerk identities', () => {
    const plainProvider = `'use client';
import { ReactNode } from 'react';
import { ConvexProvider, ConvexReactClient } from 'convex/react';

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: ReactNode }) {
  return <ConvexProvider client={convex}>{children}</ConvexProvider>;
}
`;
    const backend = (identity = true): Files => ({
      'convex/auth.config.ts': "export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: 'convex' }] };\n",
      'convex/tasks.ts': `import { query } from './_generated/server';\nexport const mine = query({ args: {}, handler: async (ctx) => {\n  const identity = ${identity ? 'await ctx.auth.getUserIdentity()' : 'null'};\n  return identity;\n} });\n`,
    });
    const files = (extra: Files = {}, identity = true) => app({
      'app/layout.tsx': layout('<ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider>'),
      'app/ConvexClientProvider.tsx': plainProvider,
      ...backend(identity),
      ...extra,
    });

    it('warns on the ConvexProvider tag, pointing at the Clerk provider and the identity read', () => {
      const project = files();
      const finding = single(check(rule, project));
      assert.equal(finding.ruleId, 'convex-provider-setup');
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.location.file, '/ws/app/ConvexClientProvider.tsx');
      assert.deepEqual(finding.location.range, { start: { line: 7, character: 10 }, end: { line: 7, character: 24 } });
      assert.match(finding.message, /identity is always null/);
      assert.deepEqual(finding.related?.map((related) => `${related.location.file}:${related.location.range.start.line}`), ['/ws/convex/auth.config.ts:0', '/ws/convex/tasks.ts:2']);
      assert.equal(textAt(project, { ...finding, location: finding.related![1].location }), 'ctx.auth.getUserIdentity');
    });

    it('switches to ConvexProviderWithClerk with Clerk\'s useAuth, and the result is clean', () => {
      const project = files();
      const finding = single(check(rule, project));
      assert.equal(finding.fixes?.[0].title, "Use ConvexProviderWithClerk with Clerk's useAuth");
      const fixed = applyFix(project, finding.fixes![0]);
      assert.equal(fixed['app/ConvexClientProvider.tsx'], `'use client';
import { ConvexProviderWithClerk } from 'convex/react-clerk';
import { useAuth } from '@clerk/nextjs';
import { ReactNode } from 'react';
import { ConvexReactClient } from 'convex/react';

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: ReactNode }) {
  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;
}
`);
      assert.deepEqual(check(rule, fixed), []);
      // Without a ClerkProvider anywhere, Clerk's useAuth would throw: no fix then.
      const noClerk = files({ 'app/layout.tsx': layout('<ConvexClientProvider>{children}</ConvexClientProvider>').replace("import { ClerkProvider } from '@clerk/nextjs';\n", '') });
      assert.deepEqual(single(check(rule, noClerk)).fixes, []);
    });

    it('stays silent when functions never read the identity, or the auth config has no Clerk provider', () => {
      assert.deepEqual(check(rule, files({}, false)), []);
      assert.deepEqual(check(rule, files({ 'convex/auth.config.ts': "export default { providers: [{ domain: 'https://auth.example.com', applicationID: 'app' }] };\n" })), []);
    });

    it('stays silent when setAuth, a server call with a token, or ConvexProviderWithAuth supplies the identity', () => {
      const setAuth = `'use client';\nimport { useAuth } from '@clerk/nextjs';\nimport { useEffect } from 'react';\nimport { convex } from './convex';\nexport function AuthBridge() {\n  const { getToken } = useAuth();\n  useEffect(() => { convex.setAuth(() => getToken()); }, [getToken]);\n  return null;\n}\n`;
      assert.deepEqual(check(rule, files({ 'app/AuthBridge.tsx': setAuth })), []);
      const serverPage = `import { auth } from '@clerk/nextjs/server';\nimport { fetchQuery } from 'convex/nextjs';\nimport { api } from '@/convex/_generated/api';\nexport default async function Page() {\n  const token = (await (await auth()).getToken()) ?? undefined;\n  const tasks = await fetchQuery(api.tasks.mine, {}, { token });\n  return <pre>{JSON.stringify(tasks)}</pre>;\n}\n`;
      assert.deepEqual(check(rule, files({ 'app/tasks/page.tsx': serverPage })), []);
      const withAuth = `'use client';\nimport { ConvexProviderWithAuth, ConvexReactClient } from 'convex/react';\nimport { useConvexAuthFromClerk } from './useConvexAuth';\nconst convex = new ConvexReactClient('https://x.convex.cloud');\nexport function Authed({ children }: { children: React.ReactNode }) {\n  return <ConvexProviderWithAuth client={convex} useAuth={useConvexAuthFromClerk}>{children}</ConvexProviderWithAuth>;\n}\n`;
      assert.deepEqual(check(rule, files({ 'app/Authed.tsx': withAuth })), []);
    });
  });

  describe('convex 1.33.0 with ConvexProviderWithClerk', () => {
    const project = (convexRange: string, extra: Files = {}): Files => ({
      'package.json': `{\n  "name": "app",\n  "dependencies": {\n    "@clerk/nextjs": "7.8.0",\n    "convex": "${convexRange}",\n    "next": "16.0.7"\n  }\n}\n`,
      'app/layout.tsx': layout('<ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider>'),
      'app/ConvexClientProvider.tsx': convexClientProvider(),
      ...extra,
    });
    const lock = (version: string) => JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/convex': { version } } });

    it('warns on the pinned "1.33.0" in package.json and names the fix release', () => {
      const files = project('1.33.0');
      const finding = single(check(rule, files));
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.location.file, '/ws/package.json');
      assert.equal(textAt(files, finding), '"1.33.0"');
      assert.deepEqual(finding.location.range, { start: { line: 4, character: 14 }, end: { line: 4, character: 22 } });
      assert.match(finding.message, /Upgrade convex to 1\.33\.1 or later/);
      assert.equal(finding.related?.[0].location.file, '/ws/app/ConvexClientProvider.tsx');
    });

    it('warns for ^1.33.0 only when the lock file says 1.33.0; the range\'s lowest version alone says nothing', () => {
      assert.deepEqual(check(rule, project('^1.33.0')), []);
      assert.equal(single(check(rule, project('^1.33.0', { 'package-lock.json': lock('1.33.0') }))).severity, 'warning');
      assert.deepEqual(check(rule, project('^1.33.0', { 'package-lock.json': lock('1.33.1') })), []);
      assert.deepEqual(check(rule, project('1.33.1')), []);
    });
  });
});
