import { describePatterns, packageJson, type Files, type PatternCase } from './harness';

/**
 * Setup patterns from issue 10 (D4–D6, E2–E5): sign-in routes documented in env templates or
 * reached through middleware redirects, after-sign-in URLs, a plain ConvexProvider in front of
 * functions that read the identity, convex 1.33.0, development-only Clerk issuers, customJwt
 * providers, both issuer variable names, and Clerk's native Convex integration (no JWT template).
 */

const app = (files: Files, convex = '1.48.0'): Files => ({
  'package.json': packageJson({ next: '16.0.7', react: '19.2.0', '@clerk/nextjs': '7.9.17', convex }),
  'app/layout.tsx': `import { ClerkProvider } from '@clerk/nextjs';
import type { ReactNode } from 'react';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ClerkProvider>{children}</ClerkProvider>
      </body>
    </html>
  );
}
`,
  'app/page.tsx': 'export default function Home() {\n  return <main>Home</main>;\n}\n',
  ...files,
});

const signInPage = `import { SignIn } from '@clerk/nextjs';

export default function SignInPage() {
  return <SignIn />;
}
`;

const middleware = (redirectTo: string) => `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';
import { NextResponse } from 'next/server';

const isPublic = createRouteMatcher(['/', '/account/enter(.*)']);

export default clerkMiddleware(async (auth, req) => {
  const { userId } = await auth();
  if (!userId && !isPublic(req)) {
    return NextResponse.redirect(new URL('${redirectTo}', req.url));
  }
});

export const config = {
  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)'],
};
`;

const identityQuery = `import { query } from './_generated/server';

export const myNotes = query({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (!identity) return [];
    return await ctx.db.query('notes').withIndex('by_owner', (q) => q.eq('owner', identity.subject)).collect();
  },
});
`;

const authConfig = (providers: string) => `import type { AuthConfig } from 'convex/server';

export default {
  providers: [
${providers}
  ],
} satisfies AuthConfig;
`;

const clerkProvider = `    {
      domain: process.env.CLERK_JWT_ISSUER_DOMAIN!,
      applicationID: 'convex',
    },`;

const plainConvexProvider = `'use client';
import type { ReactNode } from 'react';
import { ConvexProvider, ConvexReactClient } from 'convex/react';

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function Providers({ children }: { children: ReactNode }) {
  return <ConvexProvider client={convex}>{children}</ConvexProvider>;
}
`;

const clerkConvexProvider = `'use client';
import type { ReactNode } from 'react';
import { useAuth } from '@clerk/nextjs';
import { ConvexReactClient } from 'convex/react';
import { ConvexProviderWithClerk } from 'convex/react-clerk';

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ConvexProviderWithClerk client={convex} useAuth={useAuth}>
      {children}
    </ConvexProviderWithClerk>
  );
}
`;

const proxy = `import { clerkMiddleware } from '@clerk/nextjs/server';

export default clerkMiddleware();

export const config = {
  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)'],
};
`;

/** A server page that passes the Clerk session token (no template: Clerk's Convex integration) to Convex. */
const serverNotesPage = `import { auth } from '@clerk/nextjs/server';
import { fetchQuery } from 'convex/nextjs';
import { api } from '@/convex/_generated/api';

export default async function NotesPage() {
  const token = (await (await auth()).getToken()) ?? undefined;
  const notes = await fetchQuery(api.notes.myNotes, {}, { token });
  return <pre>{JSON.stringify(notes)}</pre>;
}
`;

const routeCases: PatternCase[] = [
  {
    name: 'a sign-in URL documented only in .env.example that no page serves is a warning on the template line',
    files: app({ '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nNEXT_PUBLIC_CLERK_SIGN_IN_URL=/account/enter\n' }),
    rules: ['auth-route-missing'],
    expect: [
      { rule: 'auth-route-missing', severity: 'warning', file: '.env.example', line: 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=', message: /no page serves that path/ },
    ],
  },
  {
    name: "near miss: the template's sign-in URL is served by a page inside a route group and an optional catch-all",
    files: app({
      '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nNEXT_PUBLIC_CLERK_SIGN_IN_URL=/account/enter\n',
      'app/(auth)/account/enter/[[...rest]]/page.tsx': signInPage,
    }),
    rules: ['auth-route-missing'],
    levels: ['error', 'warning', 'info'],
    expect: [],
  },
  {
    name: 'a middleware redirect to a sign-in path that no page serves is a warning on the path',
    files: app({ 'middleware.ts': middleware('/account/login') }),
    rules: ['auth-route-missing'],
    expect: [{ rule: 'auth-route-missing', severity: 'warning', file: 'middleware.ts', line: 'NextResponse.redirect', message: /\/account\/login/ }],
  },
  {
    name: 'near miss: the middleware redirect is served behind an i18n [locale] segment',
    files: app({ 'middleware.ts': middleware('/login'), 'app/[locale]/login/[[...login]]/page.tsx': signInPage }),
    rules: ['auth-route-missing'],
    levels: ['error', 'warning', 'info'],
    expect: [],
  },
  {
    name: 'near miss: the middleware redirect is served by a Pages Router page',
    files: {
      'package.json': packageJson({ next: '16.0.7', react: '19.2.0', '@clerk/nextjs': '7.9.17' }),
      'middleware.ts': middleware('/sign-in'),
      'pages/_app.tsx':
        "import { ClerkProvider } from '@clerk/nextjs';\nimport type { AppProps } from 'next/app';\n\nexport default function App({ Component, pageProps }: AppProps) {\n  return <ClerkProvider {...pageProps}><Component {...pageProps} /></ClerkProvider>;\n}\n",
      'pages/sign-in/[[...index]].tsx': signInPage,
    },
    rules: ['auth-route-missing'],
    levels: ['error', 'warning', 'info'],
    expect: [],
  },
  {
    name: 'an after-sign-in URL that no page serves is a warning; users land on a 404 after signing in',
    files: app({ '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL=/workspace\n' }),
    rules: ['auth-route-missing'],
    expect: [{ rule: 'auth-route-missing', severity: 'warning', file: '.env.local', line: 'FALLBACK_REDIRECT_URL', message: /after signing in/ }],
  },
  {
    name: 'near miss: the after-sign-in URL is served by a dynamic route',
    files: app({
      '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL=/workspace/home\n',
      'app/workspace/[section]/page.tsx': 'export default function Section() {\n  return null;\n}\n',
    }),
    rules: ['auth-route-missing'],
    levels: ['error', 'warning', 'info'],
    expect: [],
  },
];

const providerCases: PatternCase[] = [
  {
    name: 'a plain ConvexProvider while auth.config declares Clerk and a query reads the identity is a warning',
    files: app({
      'app/providers.tsx': plainConvexProvider,
      'convex/auth.config.ts': authConfig(clerkProvider),
      'convex/notes.ts': identityQuery,
    }),
    rules: ['convex-provider-setup'],
    expect: [
      { rule: 'convex-provider-setup', severity: 'warning', file: 'app/providers.tsx', line: '<ConvexProvider client', message: /identity is always null/ },
    ],
  },
  {
    name: 'near miss: the same plain ConvexProvider, with server pages that pass a token',
    files: app({
      'app/providers.tsx': plainConvexProvider,
      'app/notes/page.tsx': serverNotesPage,
      'proxy.ts': proxy,
      'convex/auth.config.ts': authConfig(clerkProvider),
      'convex/notes.ts': identityQuery,
    }),
    rules: ['convex-provider-setup'],
    levels: ['error', 'warning', 'info'],
    expect: [],
  },
  {
    name: 'convex pinned at 1.33.0 with ConvexProviderWithClerk is a warning on the dependency',
    files: app({ 'app/providers.tsx': clerkConvexProvider, 'convex/auth.config.ts': authConfig(clerkProvider) }, '1.33.0'),
    rules: ['convex-provider-setup'],
    expect: [{ rule: 'convex-provider-setup', severity: 'warning', file: 'package.json', line: '"convex": "1.33.0"', message: /1\.33\.1/ }],
  },
  {
    name: "near miss: convex ^1.33.0 without a lock file (the range's lowest version proves nothing)",
    files: app({ 'app/providers.tsx': clerkConvexProvider, 'convex/auth.config.ts': authConfig(clerkProvider) }, '^1.33.0'),
    rules: ['convex-provider-setup'],
    levels: ['error', 'warning', 'info'],
    expect: [],
  },
];

const configCases: PatternCase[] = [
  {
    name: 'a development Clerk instance as the only provider is a warning',
    files: app({
      'convex/auth.config.ts': authConfig("    { domain: 'https://fond-lark-12.clerk.accounts.dev', applicationID: 'convex' },"),
      'convex/notes.ts': identityQuery,
    }),
    rules: ['convex-auth-config'],
    expect: [{ rule: 'convex-auth-config', severity: 'warning', file: 'convex/auth.config.ts', line: 'fond-lark-12', message: /production/ }],
  },
  {
    name: 'near miss: development and production instances side by side',
    files: app({
      'convex/auth.config.ts': authConfig(
        "    { domain: 'https://fond-lark-12.clerk.accounts.dev', applicationID: 'convex' },\n    { domain: 'https://clerk.notes.example', applicationID: 'convex' },",
      ),
      'convex/notes.ts': identityQuery,
    }),
    rules: ['convex-auth-config'],
    levels: ['error', 'warning', 'info'],
    expect: [],
  },
  {
    name: 'a customJwt provider is valid; without applicationID it is info only',
    files: app({
      'convex/auth.config.ts': authConfig(`    {
      type: 'customJwt',
      issuer: process.env.CLERK_FRONTEND_API_URL!,
      jwks: process.env.CLERK_JWKS_URL!,
      algorithm: 'RS256',
    },`),
      'convex/notes.ts': identityQuery,
    }),
    rules: ['convex-auth-config', 'convex-jwt-template-mismatch', 'key-instance-mismatch'],
    levels: ['error', 'warning', 'info'],
    expect: [{ rule: 'convex-auth-config', severity: 'info', file: 'convex/auth.config.ts', line: "type: 'customJwt'", message: /applicationID/ }],
  },
  {
    name: "near miss: CLERK_JWT_ISSUER_DOMAIN (Convex's name) is as current as CLERK_FRONTEND_API_URL",
    files: app({
      '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\nNEXT_PUBLIC_CONVEX_URL=\nCLERK_JWT_ISSUER_DOMAIN=\n',
      'app/providers.tsx': clerkConvexProvider,
      'convex/auth.config.ts': authConfig(clerkProvider),
      'convex/notes.ts': identityQuery,
    }),
    rules: ['env-legacy-name', 'convex-auth-config', 'convex-jwt-template-mismatch', 'convex-provider-setup'],
    levels: ['error', 'warning', 'info'],
    expect: [],
  },
  {
    name: "near miss: Clerk's native Convex integration (session token, no JWT template) needs no template",
    files: app({
      'app/providers.tsx': clerkConvexProvider,
      'app/notes/page.tsx': serverNotesPage,
      'proxy.ts': proxy,
      'convex/auth.config.ts': authConfig(clerkProvider),
      'convex/notes.ts': identityQuery,
    }),
    rules: ['convex-jwt-template-mismatch', 'convex-auth-config', 'convex-provider-setup'],
    levels: ['error', 'warning', 'info'],
    expect: [],
  },
];

describePatterns('convex and auth setup patterns (issue 10 D4–D6, E2–E5)', [...routeCases, ...providerCases, ...configCases]);
