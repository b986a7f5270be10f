import { nextPackage, ruleTester, type Files } from '../ruleTester';
import { convexProviderSetupRule as rule } from '../../../src/core/rules/convex-provider-setup';

const convexClientProvider = (
  options: { useClient?: boolean; useAuthFrom?: string } = {},
) => `${options.useClient === false ? '' : "'use client';\n"}import { ReactNode } from 'react';
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

const normalLayout = layout('<ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider>');
const withoutClerkProvider = layout('<ConvexClientProvider>{children}</ConvexClientProvider>').replace("import { ClerkProvider } from '@clerk/nextjs';\n", '');
const bothInOneFile = `'use client';
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
`;
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
const plainApp = (extra: Files = {}, identity = true) =>
  app({ 'app/layout.tsx': normalLayout, 'app/ConvexClientProvider.tsx': plainProvider, ...backend(identity), ...extra });
const setAuth = `'use client';\nimport { useAuth } from '@clerk/nextjs';\nimport { useEffect } from 'react';\nimport { convex } from './convex';\nexport function AuthBridge() {\n  const { getToken } = useAuth();\n  useEffect(() => { convex.setAuth(() => getToken()); }, [getToken]);\n  return null;\n}\n`;
const serverPage = `import { auth } from '@clerk/nextjs/server';\nimport { fetchQuery } from 'convex/nextjs';\nimport { api } from '@/convex/_generated/api';\nexport default async function Page() {\n  const token = (await (await auth()).getToken()) ?? undefined;\n  const tasks = await fetchQuery(api.tasks.mine, {}, { token });\n  return <pre>{JSON.stringify(tasks)}</pre>;\n}\n`;
const withAuth = `'use client';\nimport { ConvexProviderWithAuth, ConvexReactClient } from 'convex/react';\nimport { useConvexAuthFromClerk } from './useConvexAuth';\nconst convex = new ConvexReactClient('https://x.convex.cloud');\nexport function Authed({ children }: { children: React.ReactNode }) {\n  return <ConvexProviderWithAuth client={convex} useAuth={useConvexAuthFromClerk}>{children}</ConvexProviderWithAuth>;\n}\n`;
const pinned = (convexRange: string, extra: Files = {}): Files => ({
  'package.json': `{\n  "name": "app",\n  "dependencies": {\n    "@clerk/nextjs": "7.8.0",\n    "convex": "${convexRange}",\n    "next": "16.0.7"\n  }\n}\n`,
  'app/layout.tsx': normalLayout,
  'app/ConvexClientProvider.tsx': convexClientProvider(),
  ...extra,
});
const lock = (version: string) => JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/convex': { version } } });

ruleTester.run(rule, {
  valid: [
    {
      name: 'ClerkProvider in the layout around a separate ConvexClientProvider',
      files: app({ 'app/layout.tsx': normalLayout, 'app/ConvexClientProvider.tsx': convexClientProvider() }),
    },
    {
      name: 'useAuth from a local wrapper',
      files: app({ 'app/layout.tsx': normalLayout, 'app/ConvexClientProvider.tsx': convexClientProvider({ useAuthFrom: '@/hooks/useAuth' }) }),
    },
    { name: 'a plain ConvexProvider when functions never read the identity', files: plainApp({}, false) },
    {
      name: 'a plain ConvexProvider when the auth config has no Clerk provider',
      files: plainApp({ 'convex/auth.config.ts': "export default { providers: [{ domain: 'https://auth.example.com', applicationID: 'app' }] };\n" }),
    },
    { name: 'a plain ConvexProvider with setAuth supplying the identity', files: plainApp({ 'app/AuthBridge.tsx': setAuth }) },
    { name: 'a plain ConvexProvider with a server call passing a token', files: plainApp({ 'app/tasks/page.tsx': serverPage }) },
    { name: 'a plain ConvexProvider next to ConvexProviderWithAuth', files: plainApp({ 'app/Authed.tsx': withAuth }) },
    { name: '^1.33.0 without a lock file (the lowest version of a range says nothing)', files: pinned('^1.33.0') },
    { name: '^1.33.0 locked at 1.33.1', files: pinned('^1.33.0', { 'package-lock.json': lock('1.33.1') }) },
    { name: 'convex 1.33.1', files: pinned('1.33.1') },
  ],
  invalid: [
    {
      name: 'the reversed nesting across files: the fix swaps it',
      files: app({
        'app/layout.tsx': layout('<ConvexClientProvider><ClerkProvider>{children}</ClerkProvider></ConvexClientProvider>'),
        'app/ConvexClientProvider.tsx': convexClientProvider(),
      }),
      errors: [
        {
          ruleId: 'convex-provider-setup',
          severity: 'error',
          file: 'app/layout.tsx',
          range: [7, 9, 7, 29],
          message:
            "ClerkProvider is rendered inside ConvexClientProvider, which renders ConvexProviderWithClerk: Clerk's useAuth throws outside <ClerkProvider>. Swap the two so ClerkProvider is outside.",
          related: ['app/ConvexClientProvider.tsx'],
          fixes: [
            {
              title: 'Swap the providers',
              output: {
                'app/layout.tsx':
                  "import { ClerkProvider } from '@clerk/nextjs';\nimport ConvexClientProvider from './ConvexClientProvider';\n\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang=\"en\">\n      <body>\n        <ClerkProvider><ConvexClientProvider>{children}</ConvexClientProvider></ClerkProvider>\n      </body>\n    </html>\n  );\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'both providers in one file with Convex outside: the fix swaps them',
      files: app({ 'app/providers.tsx': bothInOneFile }),
      errors: [
        {
          ruleId: 'convex-provider-setup',
          severity: 'error',
          file: 'app/providers.tsx',
          range: [7, 5, 7, 28],
          message:
            "ClerkProvider is inside ConvexProviderWithClerk, but it must be outside: ConvexProviderWithClerk calls Clerk's useAuth, which throws outside <ClerkProvider>. Swap the two providers.",
          related: ['app/providers.tsx'],
          fixes: [
            {
              title: 'Swap the providers',
              output: {
                'app/providers.tsx':
                  "'use client';\nimport { ClerkProvider, useAuth } from '@clerk/nextjs';\nimport { ConvexReactClient } from 'convex/react';\nimport { ConvexProviderWithClerk } from 'convex/react-clerk';\nconst convex = new ConvexReactClient('https://x.convex.cloud');\nexport function Providers({ children }: { children: React.ReactNode }) {\n  return (\n    <ClerkProvider>\n      <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>\n    </ClerkProvider>\n  );\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'no ClerkProvider anywhere: the fix wraps the provider',
      files: app({ 'app/layout.tsx': withoutClerkProvider, 'app/ConvexClientProvider.tsx': convexClientProvider() }),
      errors: [
        {
          ruleId: 'convex-provider-setup',
          severity: 'error',
          file: 'app/ConvexClientProvider.tsx',
          range: [10, 5, 10, 28],
          message:
            'ConvexProviderWithClerk is rendered, but the app has no ClerkProvider: its useAuth throws "useAuth can only be used within the <ClerkProvider /> component". Wrap it in <ClerkProvider> (in the root layout, inside <body>).',
          fixes: [
            {
              title: 'Wrap in <ClerkProvider>',
              output: {
                'app/ConvexClientProvider.tsx':
                  "'use client';\nimport { ClerkProvider } from '@clerk/nextjs';\nimport { ReactNode } from 'react';\nimport { ConvexReactClient } from 'convex/react';\nimport { ConvexProviderWithClerk } from 'convex/react-clerk';\nimport { useAuth } from '@clerk/nextjs';\n\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n\nexport default function ConvexClientProvider({ children }: { children: ReactNode }) {\n  return (\n    <ClerkProvider><ConvexProviderWithClerk client={convex} useAuth={useAuth}>\n      {children}\n    </ConvexProviderWithClerk></ClerkProvider>\n  );\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: "a provider module without 'use client': the fix adds the directive",
      files: app({ 'app/layout.tsx': normalLayout, 'app/ConvexClientProvider.tsx': convexClientProvider({ useClient: false }) }),
      errors: [
        {
          ruleId: 'convex-provider-setup',
          severity: 'error',
          file: 'app/ConvexClientProvider.tsx',
          range: [9, 5, 9, 28],
          message:
            "ConvexProviderWithClerk is in a server module (no 'use client'): it uses React context and Clerk's useAuth hook, which fail in Server Components. Move it into a 'use client' component such as ConvexClientProvider.",
          fixes: [
            {
              title: "Add 'use client' at the top of the file",
              output: {
                'app/ConvexClientProvider.tsx':
                  "'use client';\n\nimport { ReactNode } from 'react';\nimport { ConvexReactClient } from 'convex/react';\nimport { ConvexProviderWithClerk } from 'convex/react-clerk';\nimport { useAuth } from '@clerk/nextjs';\n\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n\nexport default function ConvexClientProvider({ children }: { children: ReactNode }) {\n  return (\n    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>\n      {children}\n    </ConvexProviderWithClerk>\n  );\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'useAuth from a non-Clerk package: the fix re-points the import',
      files: app({ 'app/layout.tsx': normalLayout, 'app/ConvexClientProvider.tsx': convexClientProvider({ useAuthFrom: 'next-auth/react' }) }),
      errors: [
        {
          ruleId: 'convex-provider-setup',
          severity: 'error',
          file: 'app/ConvexClientProvider.tsx',
          range: [10, 54, 10, 61],
          message:
            "useAuth comes from 'next-auth/react', not from Clerk: ConvexProviderWithClerk needs Clerk's useAuth (from '@clerk/nextjs') to get the session token, so Convex never sees the user. Import useAuth from '@clerk/nextjs'.",
          fixes: [
            {
              title: "Import useAuth from '@clerk/nextjs'",
              output: {
                'app/ConvexClientProvider.tsx':
                  "'use client';\nimport { ReactNode } from 'react';\nimport { ConvexReactClient } from 'convex/react';\nimport { ConvexProviderWithClerk } from 'convex/react-clerk';\nimport { useAuth } from '@clerk/nextjs';\n\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n\nexport default function ConvexClientProvider({ children }: { children: ReactNode }) {\n  return (\n    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>\n      {children}\n    </ConvexProviderWithClerk>\n  );\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a plain ConvexProvider while Convex expects Clerk identities: on the tag, related to the auth config and the identity read; the fix switches to ConvexProviderWithClerk',
      files: plainApp(),
      errors: [
        {
          ruleId: 'convex-provider-setup',
          severity: 'warning',
          file: 'app/ConvexClientProvider.tsx',
          range: [7, 10, 7, 24],
          message:
            "ConvexProvider sends no auth token, but convex/auth.config declares Clerk and Convex functions call ctx.auth.getUserIdentity(): for everything under this provider the identity is always null. Use ConvexProviderWithClerk (from 'convex/react-clerk', with useAuth from '@clerk/nextjs') inside <ClerkProvider>.",
          related: ['convex/auth.config.ts', 'convex/tasks.ts'],
          fixes: [
            {
              title: "Use ConvexProviderWithClerk with Clerk's useAuth",
              output: {
                'app/ConvexClientProvider.tsx':
                  "'use client';\nimport { ConvexProviderWithClerk } from 'convex/react-clerk';\nimport { useAuth } from '@clerk/nextjs';\nimport { ReactNode } from 'react';\nimport { ConvexReactClient } from 'convex/react';\n\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n\nexport default function ConvexClientProvider({ children }: { children: ReactNode }) {\n  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: "the same without a ClerkProvider anywhere: no fix (Clerk's useAuth would throw)",
      files: plainApp({ 'app/layout.tsx': withoutClerkProvider }),
      errors: [
        {
          ruleId: 'convex-provider-setup',
          severity: 'warning',
          file: 'app/ConvexClientProvider.tsx',
          range: [7, 10, 7, 24],
          message:
            "ConvexProvider sends no auth token, but convex/auth.config declares Clerk and Convex functions call ctx.auth.getUserIdentity(): for everything under this provider the identity is always null. Use ConvexProviderWithClerk (from 'convex/react-clerk', with useAuth from '@clerk/nextjs') inside <ClerkProvider>.",
          related: ['convex/auth.config.ts', 'convex/tasks.ts'],
        },
      ],
    },
    {
      name: 'a pinned convex "1.33.0" with ConvexProviderWithClerk, naming the fix release',
      files: pinned('1.33.0'),
      errors: [
        {
          ruleId: 'convex-provider-setup',
          severity: 'warning',
          file: 'package.json',
          range: [4, 14, 4, 22],
          message:
            'convex 1.33.0 is installed: its ConvexProviderWithClerk requests no JWT template, so unless Clerk\'s Convex integration is active (session tokens with aud "convex"), Convex rejects the token and users look signed out. Upgrade convex to 1.33.1 or later.',
          related: ['app/ConvexClientProvider.tsx'],
        },
      ],
    },
    {
      name: '^1.33.0 locked at 1.33.0',
      files: pinned('^1.33.0', { 'package-lock.json': lock('1.33.0') }),
      errors: [
        {
          ruleId: 'convex-provider-setup',
          severity: 'warning',
          file: 'package.json',
          range: [4, 14, 4, 23],
          message:
            'convex 1.33.0 is installed: its ConvexProviderWithClerk requests no JWT template, so unless Clerk\'s Convex integration is active (session tokens with aud "convex"), Convex rejects the token and users look signed out. Upgrade convex to 1.33.1 or later.',
          related: ['app/ConvexClientProvider.tsx'],
        },
      ],
    },
  ],
});
