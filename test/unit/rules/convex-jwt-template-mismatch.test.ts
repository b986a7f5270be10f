import * as assert from 'node:assert/strict';
import { nextPackage, ruleTester, type Files } from '../ruleTester';
import { AnalysisSession } from '../../../src/core/engine';
import { createNodeHost, normalizePath } from '../../../src/core/project/fileHost';
import { authRouteMissingRule } from '../../../src/core/rules/auth-route-missing';
import { clerkApiDeprecatedRule } from '../../../src/core/rules/clerk-api-deprecated';
import { convexAuthConfigRule } from '../../../src/core/rules/convex-auth-config';
import { convexJwtTemplateMismatchRule as rule } from '../../../src/core/rules/convex-jwt-template-mismatch';
import { convexProviderSetupRule } from '../../../src/core/rules/convex-provider-setup';
import { convexPublicWriteWithoutAuthRule } from '../../../src/core/rules/convex-public-write-without-auth';
import { fixture } from '../../helpers/paths';

const authConfig = (applicationID: string) => `import type { AuthConfig } from 'convex/server';

export default {
  providers: [
    {
      domain: process.env.CLERK_FRONTEND_API_URL!,
      applicationID: '${applicationID}',
    },
  ],
} satisfies AuthConfig;
`;

const convexClientProvider = `'use client';
import { ReactNode } from 'react';
import { ConvexReactClient } from 'convex/react';
import { ConvexProviderWithClerk } from 'convex/react-clerk';
import { useAuth } from '@clerk/nextjs';

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export default function ConvexClientProvider({ children }: { children: ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`;

const serverPage = (template: string) => `import { auth } from '@clerk/nextjs/server';
import { preloadQuery } from 'convex/nextjs';
import { api } from '@/convex/_generated/api';

async function getAuthToken() {
  return (await (await auth()).getToken({ template: '${template}' })) ?? undefined;
}

export default async function Tasks() {
  const token = await getAuthToken();
  const preloaded = await preloadQuery(api.tasks.list, {}, { token });
  return <pre>{JSON.stringify(preloaded)}</pre>;
}
`;

function project(applicationID: string, extra: Files = {}): Files {
  return {
    'package.json': nextPackage('16.0.7', { convex: '1.45.0' }),
    'convex/auth.config.ts': authConfig(applicationID),
    'app/ConvexClientProvider.tsx': convexClientProvider,
    ...extra,
  };
}

const withoutProvider = (files: Files): Files => Object.fromEntries(Object.entries(files).filter(([file]) => file !== 'app/ConvexClientProvider.tsx'));

/** Exact ranges, severities, messages and every fix's output (settings.onlineJwtTemplates = what the Clerk API lists). */
ruleTester.run(rule, {
  valid: [
    { name: 'the correct setup', files: project('convex') },
    { name: 'no Clerk token path visible', files: withoutProvider(project('Convex')) },
    {
      name: 'a custom ConvexProviderWithAuth wrapper it cannot follow (near miss: "an applicationID no token path can satisfy")',
      files: project('custom-aud', {
        'app/Custom.tsx': `'use client';\nimport { ConvexProviderWithAuth, ConvexReactClient } from 'convex/react';\nimport { useMyAuth } from './useMyAuth';\nconst c = new ConvexReactClient('x');\nexport function P({ children }: { children: React.ReactNode }) { return <ConvexProviderWithAuth client={c} useAuth={useMyAuth}>{children}</ConvexProviderWithAuth>; }\n`,
      }),
    },
    {
      name: 'a template that does not reach Convex (a Supabase token; near miss: the convex-server template below)',
      files: project('convex', {
        'app/api/data/route.ts': `import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const token = await (await auth()).getToken({ template: 'supabase' });\n  return fetch('https://db.example', { headers: { Authorization: \`Bearer \${token}\` } });\n}\n`,
      }),
    },
    { name: 'online: only an unrelated template (supabase)', files: project('convex'), settings: { onlineJwtTemplates: [{ name: 'supabase', claims: {} }] } },
    {
      name: 'online: template "convex" with aud "convex"',
      files: project('convex'),
      settings: { onlineJwtTemplates: [{ name: 'convex', claims: { aud: 'convex' } }] },
    },
    { name: "online: no template at all (Clerk's native Convex integration)", files: project('convex'), settings: { onlineJwtTemplates: [] } },
    {
      name: 'online: a template whose aud matches the applicationID under another name',
      files: project('convex', { 'app/tasks/page.tsx': serverPage('convex-server') }),
      settings: {
        onlineJwtTemplates: [
          { name: 'convex', claims: { aud: 'convex' } },
          { name: 'convex-server', claims: { aud: 'convex' } },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'applicationID "Convex" (case near-miss), on the literal',
      files: project('Convex'),
      errors: [
        {
          ruleId: 'convex-jwt-template-mismatch',
          severity: 'error',
          file: 'convex/auth.config.ts',
          range: [6, 22, 6, 28],
          message:
            'applicationID "Convex" differs from the audience "convex" of the app\'s Clerk tokens only in letter case; Convex compares them exactly, so it rejects every token ("No auth provider found matching the given token") and users look signed out. Change it to "convex".',
          related: ['app/ConvexClientProvider.tsx'],
          fixes: [
            {
              title: 'Change applicationID to "convex"',
              safe: true,
              preferred: true,
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_FRONTEND_API_URL!,\n      applicationID: 'convex',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'an applicationID no token path can satisfy',
      files: project('my-app'),
      errors: [
        {
          ruleId: 'convex-jwt-template-mismatch',
          severity: 'error',
          file: 'convex/auth.config.ts',
          range: [6, 22, 6, 28],
          message:
            'No token the app sends to Convex has audience "my-app" (it sends "convex"), so Convex rejects every token ("No auth provider found matching the given token") and users look signed out. Change applicationID to the audience the app sends.',
          related: ['app/ConvexClientProvider.tsx'],
          fixes: [
            {
              title: 'Change applicationID to "convex"',
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_FRONTEND_API_URL!,\n      applicationID: 'convex',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a getToken template that feeds Convex through a helper (only the template side is fixable while ConvexProviderWithClerk needs "convex")',
      files: project('convex', { 'app/tasks/page.tsx': serverPage('convex-server') }),
      errors: [
        {
          ruleId: 'convex-jwt-template-mismatch',
          severity: 'error',
          file: 'app/tasks/page.tsx',
          range: [5, 53, 5, 66],
          message:
            'getToken requests JWT template "convex-server" for Convex, but convex/auth.config accepts applicationID "convex": the names must agree or Convex rejects the token ("No auth provider found matching the given token"). Request the template named like the applicationID, or rename the applicationID.',
          related: ['convex/auth.config.ts'],
          fixes: [
            {
              title: 'Request JWT template "convex"',
              output: {
                'app/tasks/page.tsx':
                  "import { auth } from '@clerk/nextjs/server';\nimport { preloadQuery } from 'convex/nextjs';\nimport { api } from '@/convex/_generated/api';\n\nasync function getAuthToken() {\n  return (await (await auth()).getToken({ template: 'convex' })) ?? undefined;\n}\n\nexport default async function Tasks() {\n  const token = await getAuthToken();\n  const preloaded = await preloadQuery(api.tasks.list, {}, { token });\n  return <pre>{JSON.stringify(preloaded)}</pre>;\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'the same without ConvexProviderWithClerk: renaming applicationID is offered too',
      files: withoutProvider(project('convex', { 'app/tasks/page.tsx': serverPage('convex-server') })),
      errors: [
        {
          ruleId: 'convex-jwt-template-mismatch',
          severity: 'error',
          file: 'app/tasks/page.tsx',
          range: [5, 53, 5, 66],
          message:
            'getToken requests JWT template "convex-server" for Convex, but convex/auth.config accepts applicationID "convex": the names must agree or Convex rejects the token ("No auth provider found matching the given token"). Request the template named like the applicationID, or rename the applicationID.',
          related: ['convex/auth.config.ts'],
          fixes: [
            {
              title: 'Request JWT template "convex"',
              output: {
                'app/tasks/page.tsx':
                  "import { auth } from '@clerk/nextjs/server';\nimport { preloadQuery } from 'convex/nextjs';\nimport { api } from '@/convex/_generated/api';\n\nasync function getAuthToken() {\n  return (await (await auth()).getToken({ template: 'convex' })) ?? undefined;\n}\n\nexport default async function Tasks() {\n  const token = await getAuthToken();\n  const preloaded = await preloadQuery(api.tasks.list, {}, { token });\n  return <pre>{JSON.stringify(preloaded)}</pre>;\n}\n",
              },
              after: [],
            },
            {
              title: 'Change applicationID to "convex-server"',
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_FRONTEND_API_URL!,\n      applicationID: 'convex-server',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
              after: [],
            },
          ],
        },
        {
          ruleId: 'convex-jwt-template-mismatch',
          severity: 'error',
          file: 'convex/auth.config.ts',
          range: [6, 22, 6, 28],
          message:
            'No token the app sends to Convex has audience "convex" (it sends "convex-server"), so Convex rejects every token ("No auth provider found matching the given token") and users look signed out. Change applicationID to the audience the app sends.',
          related: ['app/tasks/page.tsx'],
          fixes: [
            {
              title: 'Change applicationID to "convex-server"',
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_FRONTEND_API_URL!,\n      applicationID: 'convex-server',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'online: template "convex" carrying another aud',
      files: project('convex'),
      settings: { onlineJwtTemplates: [{ name: 'convex', claims: { aud: 'my-app' } }] },
      errors: [
        {
          ruleId: 'convex-jwt-template-mismatch',
          severity: 'error',
          file: 'convex/auth.config.ts',
          range: [6, 22, 6, 28],
          message:
            'The Clerk JWT template "convex" sets aud "my-app", not "convex": when ConvexProviderWithClerk uses that template (the Convex integration is not active), Convex rejects the token and users look signed out. Set the template\'s aud claim to "convex" in the Clerk dashboard.',
          related: ['app/ConvexClientProvider.tsx'],
        },
      ],
    },
    {
      name: 'online: a requested template that does not exist is info',
      files: project('convex', { 'app/tasks/page.tsx': serverPage('convex') }),
      settings: { onlineJwtTemplates: [] },
      errors: [
        {
          ruleId: 'convex-jwt-template-mismatch',
          severity: 'info',
          file: 'app/tasks/page.tsx',
          range: [5, 53, 5, 59],
          message:
            'The Clerk instance has no JWT template named "convex"; getToken then fails and Convex sees no user. Create the template (aud "convex") in the Clerk dashboard, request an existing one, or, with Clerk\'s Convex integration active, call getToken() without a template (the session token then carries aud "convex").',
          related: ['convex/auth.config.ts'],
        },
      ],
    },
  ],
});

describe('convex rules on the fixture projects', () => {
  const ourRules = [authRouteMissingRule, clerkApiDeprecatedRule, convexAuthConfigRule, rule, convexProviderSetupRule, convexPublicWriteWithoutAuthRule];
  const analyze = (dir: string) => {
    const session = new AnalysisSession({ roots: [dir], host: createNodeHost(), rules: ourRules });
    const findings = [...session.analyze().values()].flat();
    assert.deepEqual(
      session.getRuleFailures().map((failure) => `${failure.ruleId}: ${String(failure.error)}`),
      [],
    );
    return findings;
  };

  it('the correct Next 16 + Clerk 7 + Convex fixture gets no error or warning from these rules', () => {
    const findings = analyze(fixture('next16-convex'));
    assert.deepEqual(
      findings.filter((finding) => finding.severity !== 'info').map((finding) => `${finding.ruleId}: ${finding.message}`),
      [],
    );
  });

  it('the seeded mistake applicationID "Convex" is found at the literal', () => {
    const dir = fixture('broken', 'convex-jwt-template-mismatch');
    const findings = analyze(dir).filter((finding) => finding.severity === 'error');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'convex-jwt-template-mismatch');
    assert.equal(findings[0].location.file, `${normalizePath(dir)}/convex/auth.config.ts`);
    assert.equal(findings[0].location.range.start.line, 6);
  });
});
