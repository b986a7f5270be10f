import { describePatterns, packageJson, type Files, type PatternCase } from './harness';

/** Server/client boundary: secret-exposed (leaked values) and env-server-only-in-client (undefined in the browser). */

const rules = ['secret-exposed', 'env-server-only-in-client'];

/** A small Next 16 + Clerk app; `extra` adds or replaces files. */
function app(extra: Files): Files {
  return {
    'package.json': packageJson({ next: '16.0.7', react: '19.2.1', '@clerk/nextjs': '7.9.17', '@t3-oss/env-nextjs': '0.13.8', zod: '4.1.13' }),
    'tsconfig.json': '{ "compilerOptions": { "jsx": "preserve", "paths": { "~/*": ["./src/*"] } } }\n',
    // Every variable the cases read is defined, so only the boundary decides the exit code.
    '.env.local':
      'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=\n' +
      'DATABASE_URL=postgres://localhost/app\nINTERNAL_API_URL=http://api.internal\nNEXT_PUBLIC_APP_NAME=Demo\n',
    'src/app/layout.tsx': `import { ClerkProvider } from '@clerk/nextjs';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <html lang="en"><body>{children}</body></html>
    </ClerkProvider>
  );
}
`,
    ...extra,
  };
}

/** A t3-env module; `from` is the module createEnv comes from. */
const t3Env = (from: string) => `import { createEnv } from '${from}';
import { z } from 'zod';

export const env = createEnv({
  server: { CLERK_SECRET_KEY: z.string(), DATABASE_URL: z.string().url() },
  client: { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z.string() },
  runtimeEnv: {
    CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY,
    DATABASE_URL: process.env.DATABASE_URL,
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
  },
});
`;

/** A client component that shows the publishable key through the env module. */
const keyBadge = `'use client';
import { env } from '~/env';

export function KeyBadge() {
  return <code>{env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY.slice(0, 8)}</code>;
}
`;

/** A client form that calls `inviteUser` from `~/server/invite`. */
const inviteForm = `'use client';
import { inviteUser } from '~/server/invite';

export function InviteForm() {
  return <form action={async (data) => { await inviteUser(String(data.get('email'))); }}><input name="email" /></form>;
}
`;

const invite = (directive: string) => `${directive}export async function inviteUser(email: string) {
  await fetch('https://api.clerk.com/v1/invitations', {
    method: 'POST',
    headers: { Authorization: \`Bearer \${process.env.CLERK_SECRET_KEY}\`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email_address: email }),
  });
}
`;

const cases: PatternCase[] = [
  {
    name: 't3-env runtimeEnv in a module only client components import is not a client read',
    rules,
    files: app({ 'src/env.ts': t3Env('@t3-oss/env-nextjs'), 'src/components/KeyBadge.tsx': keyBadge }),
    expect: [],
  },
  {
    name: 'near miss: the same schema with a home-made createEnv reads the server variables in the browser',
    rules,
    files: app({
      'src/env.ts': t3Env('./lib/createEnv'),
      'src/lib/createEnv.ts': 'export const createEnv = <T,>(options: T) => options;\n',
      'src/components/KeyBadge.tsx': keyBadge,
    }),
    expect: [
      {
        rule: 'env-server-only-in-client',
        severity: 'error',
        file: 'src/env.ts',
        line: 'CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY',
        message: /always undefined/,
      },
      { rule: 'env-server-only-in-client', severity: 'error', file: 'src/env.ts', line: 'DATABASE_URL: process.env.DATABASE_URL' },
    ],
  },
  {
    name: "a 'use server' module imported by a client form is server code",
    rules,
    files: app({ 'src/server/invite.ts': invite("'use server';\n\n"), 'src/components/InviteForm.tsx': inviteForm }),
    expect: [],
  },
  {
    name: "near miss: without 'use server' the helper runs in the browser",
    rules,
    files: app({ 'src/server/invite.ts': invite(''), 'src/components/InviteForm.tsx': inviteForm }),
    expect: [{ rule: 'env-server-only-in-client', severity: 'error', file: 'src/server/invite.ts', line: 'Bearer ${process.env.CLERK_SECRET_KEY}' }],
  },
  {
    name: "a module importing 'server-only' is server code",
    rules,
    files: app({ 'src/server/invite.ts': invite("import 'server-only';\n\n"), 'src/components/InviteForm.tsx': inviteForm }),
    expect: [],
  },
  {
    name: "a getBaseUrl branch that runs only when typeof window === 'undefined'",
    rules,
    files: app({
      'src/trpc/react.tsx': `'use client';

export function getBaseUrl() {
  if (typeof window !== 'undefined') return window.location.origin;
  return process.env.INTERNAL_API_URL ?? 'http://localhost:3000';
}
`,
    }),
    expect: [],
  },
  {
    name: 'near miss: the same read outside the server branch falls back in every browser',
    rules,
    files: app({
      'src/trpc/react.tsx': `'use client';

export function getBaseUrl() {
  return process.env.INTERNAL_API_URL ?? 'http://localhost:3000';
}
`,
    }),
    expect: [
      {
        rule: 'env-server-only-in-client',
        severity: 'warning',
        file: 'src/trpc/react.tsx',
        line: 'process.env.INTERNAL_API_URL',
        message: /fallback always wins/,
      },
    ],
  },
  {
    name: 'placeholders in source and in the example env file are not secrets',
    rules,
    files: app({
      '.env.example':
        'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_<your-key>\nCLERK_SECRET_KEY=sk_test_YOUR_SECRET_KEY_GOES_HERE\nCLERK_WEBHOOK_SIGNING_SECRET=whsec_your_signing_secret_from_dashboard\n',
      'src/lib/setup.ts': `export const setupHint = 'Paste your key: CLERK_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
export const webhookHint = 'CLERK_WEBHOOK_SIGNING_SECRET=whsec_your_signing_secret_from_dashboard';
export const example = 'sk_test_REPLACEwithYOURsecretKEY123';
`,
    }),
    expect: [],
  },
  {
    name: 'near miss: a key-shaped literal is a hard-coded secret',
    rules,
    files: app({ 'src/lib/setup.ts': "export const clerkKey = 'sk_live_q8Vt3LmZr1XcWp7YbNd2KsHf9GjTa6Ee4UoRi0Ny5B';\n" }),
    expect: [{ rule: 'secret-exposed', severity: 'error', file: 'src/lib/setup.ts', line: 'export const clerkKey', message: /hard-coded/ }],
  },
  {
    name: 'NEXT_PUBLIC_ and platform variables in a client component are fine',
    rules,
    files: app({
      'src/components/Footer.tsx': `'use client';

export function Footer() {
  return <footer>{process.env.NEXT_PUBLIC_APP_NAME} {process.env.NODE_ENV} {process.env.NEXT_PUBLIC_VERCEL_ENV}</footer>;
}
`,
    }),
    expect: [],
  },
  {
    name: 'a client component importing only an interface does not make the module client code',
    files: app({
      'src/lib/plans.ts':
        "export interface Plan { id: string; price: string }\nexport const plans = (): Plan[] => [{ id: 'pro', price: process.env.INTERNAL_API_URL! }];\n",
      'src/components/PlanCard.tsx':
        "'use client';\nimport { Plan } from '~/lib/plans';\nexport function PlanCard({ plan }: { plan: Plan }) {\n  return <p>{plan.id}</p>;\n}\n",
    }),
    rules,
    expect: [],
  },
  {
    name: 'near miss: importing a value from it does',
    files: app({
      'src/lib/plans.ts':
        "export interface Plan { id: string; price: string }\nexport const plans = (): Plan[] => [{ id: 'pro', price: process.env.INTERNAL_API_URL! }];\n",
      'src/components/PlanCard.tsx': "'use client';\nimport { plans } from '~/lib/plans';\nexport function PlanCard() {\n  return <p>{plans()[0].id}</p>;\n}\n",
    }),
    rules,
    expect: [{ rule: 'env-server-only-in-client', severity: 'error', file: 'src/lib/plans.ts', line: 'process.env.INTERNAL_API_URL' }],
  },
];

describePatterns('patterns: server/client boundary', cases);
