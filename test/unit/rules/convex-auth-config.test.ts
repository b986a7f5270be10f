import { nextPackage, ruleTester, type Files } from '../ruleTester';
import { convexAuthConfigRule as rule } from '../../../src/core/rules/convex-auth-config';

const config = (domain: string, applicationID = "'convex'") => `import type { AuthConfig } from 'convex/server';

export default {
  providers: [
    {
      domain: ${domain},
      applicationID: ${applicationID},
    },
  ],
} satisfies AuthConfig;
`;

const convexOnly = (files: Files): Files => ({
  'package.json': JSON.stringify({ name: 'backend', dependencies: { convex: '1.45.0' } }),
  'convex/schema.ts': 'export default {};\n',
  ...files,
});

const readsIdentity = `import { query } from './_generated/server';\nexport const me = query({ args: {}, handler: async (ctx) => ctx.auth.getUserIdentity() });\n`;
const customJwt = (applicationID: string) =>
  `import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      type: 'customJwt',\n      issuer: process.env.CLERK_FRONTEND_API_URL!,\n      jwks: \`\${process.env.CLERK_FRONTEND_API_URL}/.well-known/jwks.json\`,\n      algorithm: 'RS256',\n${applicationID}    },\n  ],\n} satisfies AuthConfig;\n`;
const convexTemplate = `import { AuthConfig } from "convex/server";\n\nexport default {\n  providers: [\n    // Replace with your own Clerk Issuer URL from your "convex" JWT template\n    // or with \`process.env.CLERK_JWT_ISSUER_DOMAIN\`\n  ],\n} satisfies AuthConfig;\n`;
const clientProvider = `'use client';\nimport { ConvexProviderWithClerk } from 'convex/react-clerk';\nimport { ConvexReactClient } from 'convex/react';\nimport { useAuth } from '@clerk/nextjs';\nconst convex = new ConvexReactClient('https://x.convex.cloud');\nexport default function P({ children }: { children: React.ReactNode }) {\n  return <ConvexProviderWithClerk client={convex} useAuth={useAuth}>{children}</ConvexProviderWithClerk>;\n}\n`;
const jsConfig = config("'https://clerk.example.com'").replace("import type { AuthConfig } from 'convex/server';\n", '').replace(' satisfies AuthConfig', '');

ruleTester.run(rule, {
  valid: [
    { name: 'the current config (env var domain)', files: convexOnly({ 'convex/auth.config.ts': config('process.env.CLERK_FRONTEND_API_URL!') }) },
    { name: 'a production domain with a trailing slash', files: convexOnly({ 'convex/auth.config.ts': config("'https://auth.example.com/'") }) },
    { name: 'a bare host', files: convexOnly({ 'convex/auth.config.ts': config("'auth.example.com'") }) },
    { name: 'CLERK_JWT_ISSUER_DOMAIN is current too', files: convexOnly({ 'convex/auth.config.ts': config('process.env.CLERK_JWT_ISSUER_DOMAIN!') }) },
    { name: 'an empty provider list when nothing uses auth', files: convexOnly({ 'convex/auth.config.ts': 'export default { providers: [] };\n' }) },
    {
      name: 'development and production providers side by side',
      files: convexOnly({
        'convex/auth.config.ts': `export default {\n  providers: [\n    { domain: 'https://verb-noun-42.clerk.accounts.dev', applicationID: 'convex' },\n    { domain: 'https://clerk.example.com', applicationID: 'convex' },\n  ],\n};\n`,
      }),
    },
    {
      name: 'a customJwt provider with issuer, jwks, algorithm and applicationID',
      files: convexOnly({ 'convex/auth.config.ts': customJwt("      applicationID: 'convex',\n") }),
    },
  ],
  invalid: [
    {
      name: 'a JWKS URL as domain: the preferred safe fix rewrites it to the issuer',
      files: convexOnly({ 'convex/auth.config.ts': config("'https://verb-noun-42.clerk.accounts.dev/.well-known/jwks.json'") }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'error',
          file: 'convex/auth.config.ts',
          range: [5, 14, 5, 77],
          message:
            'The domain has a path: Convex needs the issuer (the Clerk Frontend API URL) and looks up /.well-known/openid-configuration itself, so tokens never match. Keep only the scheme and host.',
          fixes: [
            {
              title: 'Change the domain to "https://verb-noun-42.clerk.accounts.dev"',
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: 'https://verb-noun-42.clerk.accounts.dev',\n      applicationID: 'convex',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
            },
            {
              title: 'Read the domain from process.env.CLERK_FRONTEND_API_URL',
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_FRONTEND_API_URL!,\n      applicationID: 'convex',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a domain quoted twice',
      files: convexOnly({ 'convex/auth.config.ts': config(`'"https://clerk.example.com"'`) }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'error',
          file: 'convex/auth.config.ts',
          range: [5, 14, 5, 43],
          message:
            'The domain starts with a quote character, so Convex rejects the config ("Invalid provider domain URL … starts with a double quote"). Remove the extra quotes.',
          fixes: [
            {
              title: 'Change the domain to "https://clerk.example.com"',
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: 'https://clerk.example.com',\n      applicationID: 'convex',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
            },
            {
              title: 'Read the domain from process.env.CLERK_FRONTEND_API_URL',
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_FRONTEND_API_URL!,\n      applicationID: 'convex',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
              clipboardText: 'npx convex env set CLERK_FRONTEND_API_URL https://clerk.example.com',
            },
          ],
        },
      ],
    },
    {
      name: 'a non-http scheme',
      files: convexOnly({ 'convex/auth.config.ts': config("'ftp://clerk.example.com'") }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'error',
          file: 'convex/auth.config.ts',
          range: [5, 14, 5, 39],
          message:
            'The domain has a scheme other than http or https, so Convex rejects the config ("scheme should be http or https"). Use the Clerk Frontend API URL, https://….',
          fixes: [
            {
              title: 'Read the domain from process.env.CLERK_FRONTEND_API_URL',
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
      name: 'a hard-coded domain in auth.config.js: the fix writes no TypeScript-only `!`',
      files: convexOnly({ 'convex/auth.config.js': jsConfig }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'info',
          file: 'convex/auth.config.js',
          range: [4, 14, 4, 41],
          message:
            "The Clerk domain is hard-coded: development and production Clerk instances have different Frontend API URLs, so one deployment will reject the other's tokens. Read it from process.env.CLERK_FRONTEND_API_URL and set that on each Convex deployment.",
          fixes: [
            {
              title: 'Read the domain from process.env.CLERK_FRONTEND_API_URL',
              output: {
                'convex/auth.config.js':
                  "\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_FRONTEND_API_URL,\n      applicationID: 'convex',\n    },\n  ],\n};\n",
              },
              clipboardText: 'npx convex env set CLERK_FRONTEND_API_URL https://clerk.example.com',
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a hard-coded production domain in auth.config.ts: the fix keeps the `!` (positive twin of the .js case)',
      files: convexOnly({ 'convex/auth.config.ts': config("'https://clerk.example.com'") }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'info',
          file: 'convex/auth.config.ts',
          range: [5, 14, 5, 41],
          message:
            "The Clerk domain is hard-coded: development and production Clerk instances have different Frontend API URLs, so one deployment will reject the other's tokens. Read it from process.env.CLERK_FRONTEND_API_URL and set that on each Convex deployment.",
          fixes: [
            {
              title: 'Read the domain from process.env.CLERK_FRONTEND_API_URL',
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_FRONTEND_API_URL!,\n      applicationID: 'convex',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
              clipboardText: 'npx convex env set CLERK_FRONTEND_API_URL https://clerk.example.com',
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'both auth.config.ts and auth.config.js: on the .js file, related to the .ts one',
      files: convexOnly({
        'convex/auth.config.ts': config('process.env.CLERK_FRONTEND_API_URL!'),
        'convex/auth.config.js': config('process.env.CLERK_FRONTEND_API_URL'),
      }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'error',
          file: 'convex/auth.config.js',
          range: [0, 0, 0, 0],
          message: 'Both auth.config.js and auth.config.ts exist: Convex refuses to push ("Found both … choose one"). Delete the one you do not use.',
          related: ['convex/auth.config.ts'],
        },
      ],
    },
    {
      name: 'providers commented out while ConvexProviderWithClerk is used: the fix adds the provider, keeping the comment',
      files: {
        'package.json': nextPackage('16.0.7', { convex: '1.45.0' }),
        'convex/auth.config.ts': `export default {\n  providers: [\n    // { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" },\n  ],\n};\n`,
        'app/ConvexClientProvider.tsx': clientProvider,
      },
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'warning',
          file: 'convex/auth.config.ts',
          range: [1, 13, 3, 3],
          message:
            'No auth provider is configured, but the app relies on auth (ConvexProviderWithClerk): Convex treats every user as signed out. Add the Clerk provider { domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }.',
          related: ['app/ConvexClientProvider.tsx'],
          fixes: [
            {
              title: 'Add the Clerk provider',
              output: {
                'convex/auth.config.ts':
                  'export default {\n  providers: [\n    // { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: "convex" },\n  \n    { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: \'convex\' },\n  ],\n};\n',
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'an empty provider list while a function reads the identity',
      files: convexOnly({ 'convex/auth.config.ts': 'export default { providers: [] };\n', 'convex/me.ts': readsIdentity }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'warning',
          file: 'convex/auth.config.ts',
          range: [0, 28, 0, 30],
          message:
            'No auth provider is configured, but the app relies on auth (ctx.auth.getUserIdentity()): Convex treats every user as signed out. Add the Clerk provider { domain: process.env.CLERK_FRONTEND_API_URL, applicationID: "convex" }.',
          fixes: [
            {
              title: 'Add the Clerk provider',
              output: {
                'convex/auth.config.ts':
                  "export default { providers: [\n    { domain: process.env.CLERK_FRONTEND_API_URL!, applicationID: 'convex' },\n  ] };\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a development instance as the only Clerk provider: warning on the literal naming the host',
      files: convexOnly({ 'convex/auth.config.ts': config("'https://verb-noun-42.clerk.accounts.dev'") }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'warning',
          file: 'convex/auth.config.ts',
          range: [5, 14, 5, 55],
          message:
            'The only Clerk provider is the development instance verb-noun-42.clerk.accounts.dev: tokens of your production Clerk instance have another issuer, so Convex rejects them and every production user looks signed out. Read the domain from process.env.CLERK_FRONTEND_API_URL and set it on each Convex deployment, or add the production instance as a second provider.',
          fixes: [
            {
              title: 'Read the domain from process.env.CLERK_FRONTEND_API_URL',
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_FRONTEND_API_URL!,\n      applicationID: 'convex',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
              clipboardText: 'npx convex env set CLERK_FRONTEND_API_URL https://verb-noun-42.clerk.accounts.dev',
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a customJwt provider without applicationID: info on its type',
      files: convexOnly({ 'convex/auth.config.ts': customJwt('') }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'info',
          file: 'convex/auth.config.ts',
          range: [5, 6, 5, 23],
          message:
            'This customJwt provider has no applicationID, so Convex accepts every token its issuer signs, whatever audience it was issued for (Convex calls this often insecure). Set applicationID to the aud claim of your tokens ("convex" for Clerk\'s Convex integration).',
        },
      ],
    },
    {
      name: 'the fixes keep the variable name the project documents (CLERK_JWT_ISSUER_DOMAIN)',
      files: convexOnly({ 'convex/auth.config.ts': config("'https://verb-noun-42.clerk.accounts.dev'"), '.env.example': 'CLERK_JWT_ISSUER_DOMAIN=\n' }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'warning',
          file: 'convex/auth.config.ts',
          range: [5, 14, 5, 55],
          message:
            'The only Clerk provider is the development instance verb-noun-42.clerk.accounts.dev: tokens of your production Clerk instance have another issuer, so Convex rejects them and every production user looks signed out. Read the domain from process.env.CLERK_JWT_ISSUER_DOMAIN and set it on each Convex deployment, or add the production instance as a second provider.',
          fixes: [
            {
              title: 'Read the domain from process.env.CLERK_JWT_ISSUER_DOMAIN',
              output: {
                'convex/auth.config.ts':
                  "import type { AuthConfig } from 'convex/server';\n\nexport default {\n  providers: [\n    {\n      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,\n      applicationID: 'convex',\n    },\n  ],\n} satisfies AuthConfig;\n",
              },
              clipboardText: 'npx convex env set CLERK_JWT_ISSUER_DOMAIN https://verb-noun-42.clerk.accounts.dev',
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: "Convex's template: the fix adds the provider its comments name, with the `!` satisfies AuthConfig needs",
      files: convexOnly({ 'convex/auth.config.ts': convexTemplate, 'convex/me.ts': readsIdentity }),
      errors: [
        {
          ruleId: 'convex-auth-config',
          severity: 'warning',
          file: 'convex/auth.config.ts',
          range: [3, 13, 6, 3],
          message:
            'No auth provider is configured, but the app relies on auth (ctx.auth.getUserIdentity()): Convex treats every user as signed out. Add the Clerk provider { domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }.',
          fixes: [
            {
              title: 'Add the Clerk provider',
              output: {
                'convex/auth.config.ts':
                  'import { AuthConfig } from "convex/server";\n\nexport default {\n  providers: [\n    // Replace with your own Clerk Issuer URL from your "convex" JWT template\n    // or with `process.env.CLERK_JWT_ISSUER_DOMAIN`\n  \n    { domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: \'convex\' },\n  ],\n} satisfies AuthConfig;\n',
              },
              after: [],
            },
          ],
        },
      ],
    },
  ],
});
