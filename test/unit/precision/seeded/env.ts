import { edit, publishableKey, write, type Seed } from './harness';

/** Env files and keys: env-missing, env-convex-deployment, env-legacy-name, env-conflict, key-*, secret-exposed, env-server-only-in-client. */
export const envSeeds: Seed[] = [
  {
    name: 'CLERK_SECRET_KEY deleted from .env.local',
    apply: (dir) => edit(dir, '.env.local', (text) => text.replace(/^CLERK_SECRET_KEY=.*\n/m, '')),
    ruleId: 'env-missing',
    severity: 'error',
    // The fix adds the key to .env.local; the finding sits at the top of that file.
    file: '.env.local',
    lineText: '# Deployment used by `npx convex dev`',
    // The key comes back empty, for the user to paste: "defined but empty" is a warning.
    fix: { title: /^Add CLERK_SECRET_KEY= to \.env\.local$/, residual: [{ file: '.env.local', lineText: 'CLERK_SECRET_KEY=', severity: 'warning' }] },
  },
  {
    name: 'CLERK_WEBHOOK_SIGNING_SECRET missing while verifyWebhook(req) reads it',
    apply: (dir) => edit(dir, '.env.local', (text) => text.replace(/^CLERK_WEBHOOK_SIGNING_SECRET=.*\n/m, '')),
    ruleId: 'env-missing',
    severity: 'error',
    file: 'app/api/webhooks/clerk/route.ts',
    lineText: 'await verifyWebhook(req)',
    fix: {
      title: /^Add CLERK_WEBHOOK_SIGNING_SECRET= to \.env\.local$/,
      residual: [{ file: '.env.local', lineText: 'CLERK_WEBHOOK_SIGNING_SECRET=', severity: 'warning' }],
    },
  },
  {
    name: 'CLERK_SECRET_KEY deleted from the quickstart .env (no .env.local)',
    fixture: 'next15-middleware',
    apply: (dir) => edit(dir, '.env', (text) => text.replace(/^CLERK_SECRET_KEY=.*\n/m, '')),
    ruleId: 'env-missing',
    severity: 'error',
    file: '.env',
    lineText: '# Clerk quickstart writes the keys to .env',
    fix: { title: /^Add CLERK_SECRET_KEY= to \.env\.local$/, residual: [{ file: '.env.local', lineText: 'CLERK_SECRET_KEY=', severity: 'warning' }] },
  },
  {
    name: 'both Clerk keys removed: keyless mode in development',
    apply: (dir) => edit(dir, '.env.local', (text) => text.replace(/^(NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY|CLERK_SECRET_KEY)=.*\n/gm, '')),
    ruleId: 'env-missing',
    severity: 'warning',
    file: '.env.local',
    lineText: '# Deployment used by `npx convex dev`',
    // One key added empty: still keyless, so the other stays a warning rather than turning into an error.
    fix: {
      title: /^Add NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY= to \.env\.local$/,
      residual: [
        { file: '.env.local', lineText: '# Deployment used by `npx convex dev`', severity: 'warning' },
        { file: '.env.local', lineText: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=', severity: 'warning' },
      ],
    },
  },
  {
    name: 'a route handler reads process.env.CONVEX_SITE_URL that no env file defines',
    apply: (dir) =>
      write(
        dir,
        'app/api/health/route.ts',
        `export async function GET() {
  const response = await fetch(\`\${process.env.CONVEX_SITE_URL}/health\`);
  return new Response(null, { status: response.status });
}
`,
      ),
    ruleId: 'env-missing',
    severity: 'error',
    file: 'app/api/health/route.ts',
    lineText: 'process.env.CONVEX_SITE_URL',
    fix: {
      title: /^Add CONVEX_SITE_URL= to \.env\.local and \.env\.example$/,
      residual: [{ file: '.env.local', lineText: 'CONVEX_SITE_URL=', severity: 'warning' }],
    },
  },
  {
    name: "Convex's docs name CLERK_WEBHOOK_SECRET read in convex/http.ts, documented nowhere",
    apply: (dir) => edit(dir, 'convex/http.ts', (text) => text.replace('process.env.CLERK_WEBHOOK_SIGNING_SECRET!', 'process.env.CLERK_WEBHOOK_SECRET!')),
    ruleId: 'env-convex-deployment',
    severity: 'warning',
    file: 'convex/http.ts',
    lineText: 'process.env.CLERK_WEBHOOK_SECRET!',
    // The first fix only copies `npx convex env set …`; the second documents the variable.
    fix: { index: 1, title: /^Add CLERK_WEBHOOK_SECRET= to \.env\.local and \.env\.example$/ },
  },
  {
    name: 'a NEXT_PUBLIC_ variable read in a Convex function',
    apply: (dir) =>
      edit(dir, 'convex/http.ts', (text) =>
        text.replace(
          '      return new Response(null, { status: 200 });',
          "      console.log('Synced from', process.env.NEXT_PUBLIC_CONVEX_URL);\n      return new Response(null, { status: 200 });",
        ),
      ),
    ruleId: 'env-convex-deployment',
    severity: 'warning',
    file: 'convex/http.ts',
    lineText: 'process.env.NEXT_PUBLIC_CONVEX_URL',
  },
  {
    name: 'NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL, which @clerk/nextjs 7 ignores',
    apply: (dir) => edit(dir, '.env.local', (text) => `${text}NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=/\n`),
    ruleId: 'env-legacy-name',
    severity: 'warning',
    file: '.env.local',
    lineText: 'NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=',
    fix: { title: /^Rename NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL to NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL$/ },
  },
  {
    name: "Clerk's quickstart .env with another instance's keys under Convex's .env.local",
    apply: (dir) =>
      write(
        dir,
        '.env',
        [
          '# Written by the Clerk quickstart',
          `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${publishableKey('test', 'admin-portal-7.clerk.accounts.dev')}`,
          'CLERK_SECRET_KEY=sk_test_OTHERotherOTHERother0123456789abcdefgh',
          '',
        ].join('\n'),
      ),
    ruleId: 'env-conflict',
    severity: 'warning',
    file: '.env',
    lineText: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=',
  },
  {
    name: 'the dashboard line pasted whole after the key name (CLERK_SECRET_KEY=CLERK_SECRET_KEY=sk_…)',
    apply: (dir) => edit(dir, '.env.local', (text) => text.replace('CLERK_SECRET_KEY=sk_test_', 'CLERK_SECRET_KEY=CLERK_SECRET_KEY=sk_test_')),
    ruleId: 'key-malformed',
    severity: 'error',
    file: '.env.local',
    lineText: 'CLERK_SECRET_KEY=CLERK_SECRET_KEY=',
  },
  {
    name: 'the webhook signing secret pasted without its whsec_ prefix',
    apply: (dir) => edit(dir, '.env.local', (text) => text.replace('CLERK_WEBHOOK_SIGNING_SECRET=whsec_', 'CLERK_WEBHOOK_SIGNING_SECRET=')),
    ruleId: 'key-malformed',
    severity: 'error',
    file: '.env.local',
    lineText: 'CLERK_WEBHOOK_SIGNING_SECRET=',
  },
  {
    name: 'a trailing space pasted inside the quotes of the publishable key',
    apply: (dir) => edit(dir, '.env.local', (text) => text.replace(/^NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=(.*)$/m, 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY="$1 "')),
    ruleId: 'key-malformed',
    severity: 'error',
    file: '.env.local',
    lineText: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=',
    fix: { title: /^Remove quotes and spaces from NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY$/ },
  },
  {
    name: 'a pk_live_ key against an sk_test_ key',
    apply: (dir) =>
      edit(dir, '.env.local', (text) =>
        text.replace(/^NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=.*$/m, `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${publishableKey('live', 'clerk.example.com')}`),
      ),
    ruleId: 'key-instance-mismatch',
    severity: 'error',
    file: '.env.local',
    lineText: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_live_',
  },
  {
    name: "CLERK_FRONTEND_API_URL copied from another project's Clerk instance",
    apply: (dir) =>
      edit(dir, '.env.local', (text) => text.replace('CLERK_FRONTEND_API_URL=https://example-app-42.', 'CLERK_FRONTEND_API_URL=https://admin-portal-7.')),
    ruleId: 'key-instance-mismatch',
    severity: 'error',
    file: 'convex/auth.config.ts',
    lineText: 'domain: process.env.CLERK_FRONTEND_API_URL!',
  },
  {
    name: 'the secret key copied into a NEXT_PUBLIC_ variable',
    apply: (dir) => edit(dir, '.env.local', (text) => text.replace(/^(CLERK_SECRET_KEY=(.*))$/m, '$1\nNEXT_PUBLIC_CLERK_SECRET_KEY=$2')),
    ruleId: 'secret-exposed',
    severity: 'error',
    file: '.env.local',
    lineText: 'NEXT_PUBLIC_CLERK_SECRET_KEY=',
    fix: { title: /^Remove NEXT_PUBLIC_CLERK_SECRET_KEY from \.env\.local$/ },
  },
  {
    name: "CLERK_SECRET_KEY read in a 'use client' page",
    apply: (dir) =>
      edit(dir, 'app/page.tsx', (text) =>
        text.replace(
          'function Content() {',
          "async function loadUsers() {\n  const response = await fetch('https://api.clerk.com/v1/users', { headers: { Authorization: `Bearer ${process.env.CLERK_SECRET_KEY}` } });\n  return response.json();\n}\n\nfunction Content() {",
        ),
      ),
    ruleId: 'env-server-only-in-client',
    severity: 'error',
    file: 'app/page.tsx',
    lineText: 'process.env.CLERK_SECRET_KEY',
  },
  {
    name: "a Clerk API helper that only the 'use client' page imports",
    apply: (dir) => {
      write(
        dir,
        'lib/clerkUsers.ts',
        `export async function countUsers() {
  const response = await fetch('https://api.clerk.com/v1/users/count', { headers: { Authorization: \`Bearer \${process.env.CLERK_SECRET_KEY}\` } });
  return ((await response.json()) as { total_count: number }).total_count;
}
`,
      );
      edit(dir, 'app/page.tsx', (text) =>
        text
          .replace(
            "import { api } from '../convex/_generated/api';",
            "import { api } from '../convex/_generated/api';\nimport { countUsers } from '@/lib/clerkUsers';",
          )
          .replace('<UserButton />', '<UserButton />\n        <button onClick={() => void countUsers()}>Count users</button>'),
      );
    },
    ruleId: 'env-server-only-in-client',
    severity: 'error',
    file: 'lib/clerkUsers.ts',
    lineText: 'process.env.CLERK_SECRET_KEY',
    // The helper becomes a Server Action module: the read runs on the server.
    fix: { title: /^Run this module on the server \('use server'\)/ },
  },
  {
    name: 'the secret key hard-coded in createClerkClient',
    apply: (dir) =>
      write(
        dir,
        'app/api/users/route.ts',
        `import { createClerkClient } from '@clerk/backend';

const clerk = createClerkClient({ secretKey: 'sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh' });

export async function GET() {
  const users = await clerk.users.getUserList();
  return Response.json({ count: users.totalCount });
}
`,
      ),
    ruleId: 'secret-exposed',
    severity: 'error',
    file: 'app/api/users/route.ts',
    lineText: "secretKey: 'sk_test_",
    fix: { title: /^Move the secret to CLERK_SECRET_KEY in \.env\.local$/ },
  },
  {
    name: 'the webhook signing secret hard-coded in the Convex HTTP action',
    apply: (dir) =>
      edit(dir, 'convex/http.ts', (text) => text.replace('process.env.CLERK_WEBHOOK_SIGNING_SECRET!', "'whsec_RkFLRWZha2VGQUtFZmFrZUZBS0VmYWtlMDEyMzQ1Njc='")),
    ruleId: 'secret-exposed',
    severity: 'error',
    file: 'convex/http.ts',
    lineText: "signingSecret: 'whsec_",
    // Convex functions never read .env.local: the fix reads the env var and copies `npx convex env set`.
    fix: { title: /^Read CLERK_WEBHOOK_SIGNING_SECRET from the Convex deployment/ },
  },
  {
    name: 'CLERK_SECRET_KEY destructured from process.env in a client component',
    apply: (dir) =>
      edit(dir, 'app/ConvexClientProvider.tsx', (text) =>
        text.replace(
          'const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);',
          'const { CLERK_SECRET_KEY } = process.env;\nconsole.log(CLERK_SECRET_KEY ? "Clerk ready" : "Clerk key missing");\nconst convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);',
        ),
      ),
    ruleId: 'env-server-only-in-client',
    severity: 'error',
    file: 'app/ConvexClientProvider.tsx',
    lineText: 'const { CLERK_SECRET_KEY } = process.env;',
  },
];
