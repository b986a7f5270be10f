import { edit, write, type Seed } from './harness';

/** Convex auth: convex-jwt-template-mismatch, convex-auth-config, convex-provider-setup, convex-public-write-without-auth, convex-identity-from-args. */
export const convexSeeds: Seed[] = [
  {
    name: 'applicationID renamed to "Convex"',
    apply: (dir) => edit(dir, 'convex/auth.config.ts', (text) => text.replace("applicationID: 'convex'", "applicationID: 'Convex'")),
    ruleId: 'convex-jwt-template-mismatch',
    severity: 'error',
    file: 'convex/auth.config.ts',
    lineText: "applicationID: 'Convex'",
    fix: { title: /^Change applicationID to "convex"$/ },
  },
  {
    name: 'a server page requests JWT template "convex-jwt" for fetchQuery',
    apply: (dir) =>
      write(
        dir,
        'app/profile/page.tsx',
        `import { auth } from '@clerk/nextjs/server';
import { fetchQuery } from 'convex/nextjs';
import { api } from '../../convex/_generated/api';

export default async function Profile() {
  const { getToken } = await auth();
  const token = (await getToken({ template: 'convex-jwt' })) ?? undefined;
  const me = await fetchQuery(api.users.current, {}, { token });
  return <p>{me?.name}</p>;
}
`,
      ),
    ruleId: 'convex-jwt-template-mismatch',
    severity: 'error',
    file: 'app/profile/page.tsx',
    lineText: "template: 'convex-jwt'",
    fix: { title: /^Request JWT template "convex"$/ },
  },
  {
    name: 'the JWKS URL pasted as the provider domain',
    apply: (dir) =>
      edit(dir, 'convex/auth.config.ts', (text) =>
        text.replace('domain: process.env.CLERK_FRONTEND_API_URL!', "domain: 'https://example-app-42.clerk.accounts.dev/.well-known/jwks.json'"),
      ),
    ruleId: 'convex-auth-config',
    severity: 'error',
    file: 'convex/auth.config.ts',
    lineText: '/.well-known/jwks.json',
    // What remains is a development instance as the only provider: a warning of its own (production tokens are rejected).
    fix: {
      title: /^Change the domain to "https:\/\/example-app-42\.clerk\.accounts\.dev"$/,
      residual: [{ file: 'convex/auth.config.ts', lineText: 'example-app-42.clerk.accounts.dev', severity: 'warning' }],
    },
  },
  {
    name: "the Clerk provider left commented out, as Convex's template ships it",
    apply: (dir) =>
      edit(dir, 'convex/auth.config.ts', (text) =>
        text.replace(
          /    \{\n      domain: (.*),\n      applicationID: 'convex',\n    \},\n/,
          "    // {\n    //   domain: $1,\n    //   applicationID: 'convex',\n    // },\n",
        ),
      ),
    ruleId: 'convex-auth-config',
    severity: 'warning',
    file: 'convex/auth.config.ts',
    lineText: 'providers: [',
    fix: { title: /^Add the Clerk provider$/ },
  },
  {
    name: 'auth.config.js left behind next to auth.config.ts',
    apply: (dir) =>
      write(
        dir,
        'convex/auth.config.js',
        `export default {
  providers: [
    {
      domain: process.env.CLERK_FRONTEND_API_URL,
      applicationID: 'convex',
    },
  ],
};
`,
      ),
    ruleId: 'convex-auth-config',
    severity: 'error',
    file: 'convex/auth.config.js',
    lineText: 'export default {',
  },
  {
    name: "'use client' missing from ConvexClientProvider",
    apply: (dir) => edit(dir, 'app/ConvexClientProvider.tsx', (text) => text.replace("'use client';\n\n", '')),
    ruleId: 'convex-provider-setup',
    severity: 'error',
    file: 'app/ConvexClientProvider.tsx',
    lineText: '<ConvexProviderWithClerk',
    fix: { title: /^Add 'use client' at the top of the file$/ },
  },
  {
    name: 'ClerkProvider nested inside ConvexClientProvider in the layout',
    apply: (dir) =>
      edit(dir, 'app/layout.tsx', (text) =>
        text.replace(
          '<ClerkProvider>\n          <ConvexClientProvider>{children}</ConvexClientProvider>\n        </ClerkProvider>',
          '<ConvexClientProvider>\n          <ClerkProvider>{children}</ClerkProvider>\n        </ConvexClientProvider>',
        ),
      ),
    ruleId: 'convex-provider-setup',
    severity: 'error',
    file: 'app/layout.tsx',
    lineText: '<ConvexClientProvider>',
    fix: { title: /^Swap the providers$/ },
  },
  {
    name: 'no ClerkProvider in the app at all',
    apply: (dir) =>
      edit(dir, 'app/layout.tsx', (text) =>
        text
          .replace("import { ClerkProvider } from '@clerk/nextjs';\n", '')
          .replace(
            '<ClerkProvider>\n          <ConvexClientProvider>{children}</ConvexClientProvider>\n        </ClerkProvider>',
            '<ConvexClientProvider>{children}</ConvexClientProvider>',
          ),
      ),
    ruleId: 'convex-provider-setup',
    severity: 'error',
    file: 'app/ConvexClientProvider.tsx',
    lineText: '<ConvexProviderWithClerk',
    fix: { title: /^Wrap in <ClerkProvider>$/ },
  },
  {
    name: 'a public mutation that patches any user without checking the identity',
    apply: (dir) =>
      edit(dir, 'convex/users.ts', (text) =>
        text.replace('import { internalMutation, query, type QueryCtx }', 'import { internalMutation, mutation, query, type QueryCtx }').replace(
          'async function getCurrentUser',
          `export const rename = mutation({
  args: { id: v.id('users'), name: v.string() },
  handler: async (ctx, { id, name }) => {
    await ctx.db.patch(id, { name });
  },
});

async function getCurrentUser`,
        ),
      ),
    ruleId: 'convex-public-write-without-auth',
    severity: 'warning',
    file: 'convex/users.ts',
    lineText: 'export const rename = mutation({',
  },
  {
    name: 'a public query that looks a user up by a client-supplied Clerk id',
    apply: (dir) =>
      edit(dir, 'convex/users.ts', (text) =>
        text.replace(
          'async function getCurrentUser',
          `export const profileOf = query({
  args: { clerkId: v.string() },
  handler: async (ctx, { clerkId }) =>
    ctx.db.query('users').withIndex('byExternalId', (q) => q.eq('externalId', clerkId)).unique(),
});

async function getCurrentUser`,
        ),
      ),
    ruleId: 'convex-identity-from-args',
    severity: 'warning',
    file: 'convex/users.ts',
    lineText: 'export const profileOf = query({',
  },
];
