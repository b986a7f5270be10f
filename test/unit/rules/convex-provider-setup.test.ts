import * as assert from 'node:assert/strict';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../analysis/routeRuleHarness';
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
    assert.equal(finding.location.file, '/proj/app/layout.tsx');
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
    assert.equal(finding.location.file, '/proj/app/ConvexClientProvider.tsx');
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
});
