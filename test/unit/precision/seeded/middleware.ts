import * as fs from 'node:fs';
import * as path from 'node:path';
import { edit, move, recommendedMatcher, write, type Seed } from './harness';

/** A proxy.ts whose clerkMiddleware callback protects what `body` says, with the recommended matcher. */
function proxyWith(imports: string, body: string): string {
  return `import { ${imports} } from '@clerk/nextjs/server';

${body}

${recommendedMatcher}`;
}

/**
 * Next.js middleware / proxy: middleware-missing, middleware-file-convention, middleware-matcher,
 * webhook-route-protected, clerk-api-deprecated, auth-route-missing.
 */
export const middlewareSeeds: Seed[] = [
  {
    name: 'src/middleware.ts deleted while pages call auth()',
    fixture: 'next15-middleware',
    apply: (dir) => fs.rmSync(path.join(dir, 'src/middleware.ts')),
    ruleId: 'middleware-missing',
    severity: 'error',
    file: 'src/app/dashboard/page.tsx',
    lineText: 'await auth.protect()',
    fix: { title: /^Create src\/middleware\.ts with clerkMiddleware\(\)$/ },
  },
  {
    name: 'middleware.ts at the project root while the app lives in src/app',
    fixture: 'next15-middleware',
    apply: (dir) => move(dir, 'src/middleware.ts', 'middleware.ts'),
    ruleId: 'middleware-missing',
    severity: 'error',
    file: 'middleware.ts',
    lineText: 'export default clerkMiddleware();',
    fix: { title: /^Move middleware\.ts to src\/middleware\.ts$/ },
  },
  {
    name: 'proxy.ts (the Next 16 name) on Next 15',
    fixture: 'next15-middleware',
    apply: (dir) => move(dir, 'src/middleware.ts', 'src/proxy.ts'),
    ruleId: 'middleware-file-convention',
    severity: 'error',
    file: 'src/proxy.ts',
    lineText: 'export default clerkMiddleware();',
    fix: { title: /^Rename proxy\.ts to middleware\.ts$/ },
  },
  {
    name: "export const runtime = 'nodejs' in proxy.ts",
    apply: (dir) =>
      edit(dir, 'proxy.ts', (text) =>
        text.replace('export default clerkMiddleware();', "export default clerkMiddleware();\n\nexport const runtime = 'nodejs';"),
      ),
    ruleId: 'middleware-file-convention',
    severity: 'error',
    file: 'proxy.ts',
    lineText: "export const runtime = 'nodejs';",
    fix: { title: /^Remove export const runtime$/ },
  },
  {
    name: 'both middleware.ts and proxy.ts on Next 16',
    apply: (dir) => fs.copyFileSync(path.join(dir, 'proxy.ts'), path.join(dir, 'middleware.ts')),
    ruleId: 'middleware-file-convention',
    severity: 'error',
    file: 'middleware.ts',
    lineText: 'export default clerkMiddleware();',
  },
  {
    name: 'the Next.js docs matcher, which excludes /api, while an API route calls auth()',
    fixture: 'next15-middleware',
    apply: (dir) =>
      edit(dir, 'src/middleware.ts', (text) => text.replace(/matcher: \[[\s\S]*\],/, "matcher: ['/((?!api|_next/static|_next/image|favicon.ico).*)'],")),
    ruleId: 'middleware-matcher',
    severity: 'warning',
    file: 'src/middleware.ts',
    lineText: 'matcher:',
    fix: { title: /^Use Clerk's recommended matcher$/ },
  },
  {
    name: 'a route handler calls auth() while the proxy matcher lists only /dashboard',
    apply: (dir) => {
      write(
        dir,
        'app/api/me/route.ts',
        `import { auth } from '@clerk/nextjs/server';

export async function GET() {
  const { userId } = await auth();
  return Response.json({ userId });
}
`,
      );
      edit(dir, 'proxy.ts', (text) => text.replace(/matcher: \[[\s\S]*\],/, "matcher: ['/dashboard/:path*'],"));
    },
    ruleId: 'middleware-matcher',
    severity: 'warning',
    file: 'proxy.ts',
    lineText: 'matcher:',
    fix: { title: /^Use Clerk's recommended matcher$/ },
  },
  {
    name: '/api/webhooks protected by a createRouteMatcher callback on /api(.*)',
    apply: (dir) =>
      write(
        dir,
        'proxy.ts',
        proxyWith(
          'clerkMiddleware, createRouteMatcher',
          `const isProtectedRoute = createRouteMatcher(['/dashboard(.*)', '/api(.*)']);

export default clerkMiddleware(async (auth, req) => {
  if (isProtectedRoute(req)) await auth.protect();
});`,
        ),
      ),
    ruleId: 'webhook-route-protected',
    severity: 'error',
    file: 'proxy.ts',
    lineText: "'/api(.*)'",
  },
  {
    name: '/api/webhooks left out of the public list of a protect-everything middleware',
    apply: (dir) =>
      write(
        dir,
        'proxy.ts',
        proxyWith(
          'clerkMiddleware, createRouteMatcher',
          `const isPublicRoute = createRouteMatcher(['/', '/sign-in(.*)', '/sign-up(.*)']);

export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) await auth.protect();
});`,
        ),
      ),
    ruleId: 'webhook-route-protected',
    severity: 'error',
    file: 'proxy.ts',
    lineText: 'const isPublicRoute = createRouteMatcher(',
    fix: { title: /^Add '\/api\/webhooks\/:path\*' to the public routes$/ },
  },
  {
    name: 'every route the matcher selects protected, /api included',
    apply: (dir) =>
      edit(dir, 'proxy.ts', (text) =>
        text.replace('export default clerkMiddleware();', 'export default clerkMiddleware(async (auth) => {\n  await auth.protect();\n});'),
      ),
    ruleId: 'webhook-route-protected',
    severity: 'error',
    file: 'proxy.ts',
    lineText: 'await auth.protect();',
  },
  {
    name: '<SignedIn>/<SignedOut> from a v6 tutorial on @clerk/nextjs 7',
    apply: (dir) =>
      edit(dir, 'app/page.tsx', (text) =>
        text
          .replace(
            "import { SignInButton, UserButton } from '@clerk/nextjs';",
            "import { SignedIn, SignedOut, SignInButton, UserButton } from '@clerk/nextjs';",
          )
          .replace(/Unauthenticated>/g, 'SignedOut>')
          .replace(/Authenticated>/g, 'SignedIn>')
          .replace("import { Authenticated, Unauthenticated, useQuery } from 'convex/react';", "import { useQuery } from 'convex/react';"),
      ),
    ruleId: 'clerk-api-deprecated',
    severity: 'error',
    file: 'app/page.tsx',
    lineText: '<SignedOut>',
    fix: { title: /^Replace <SignedIn>\/<SignedOut> with <Show> in this file$/ },
  },
  {
    name: 'afterSignInUrl on <SignInButton> on @clerk/nextjs 7',
    apply: (dir) => edit(dir, 'app/page.tsx', (text) => text.replace('<SignInButton />', '<SignInButton afterSignInUrl="/" />')),
    ruleId: 'clerk-api-deprecated',
    severity: 'error',
    file: 'app/page.tsx',
    lineText: 'afterSignInUrl',
    fix: { title: /^Rename to fallbackRedirectUrl$/ },
  },
  {
    name: 'auth().protect() from a v5 tutorial on @clerk/nextjs 6',
    fixture: 'next15-middleware',
    apply: (dir) => edit(dir, 'src/app/dashboard/page.tsx', (text) => text.replace('await auth.protect()', 'await auth().protect()')),
    ruleId: 'clerk-api-deprecated',
    severity: 'error',
    file: 'src/app/dashboard/page.tsx',
    lineText: 'auth().protect()',
    fix: { title: /^Use await auth\.protect\(\)$/ },
  },
  {
    name: 'const { userId } = auth() without await in a route handler on @clerk/nextjs 6',
    fixture: 'next15-middleware',
    apply: (dir) => edit(dir, 'src/app/api/me/route.ts', (text) => text.replace('const { userId } = await auth();', 'const { userId } = auth();')),
    ruleId: 'clerk-api-deprecated',
    severity: 'error',
    file: 'src/app/api/me/route.ts',
    lineText: 'const { userId } = auth();',
    fix: { title: /^Await auth\(\)$/ },
  },
  {
    name: 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in set but no sign-in page',
    apply: (dir) => edit(dir, '.env.local', (text) => `${text}NEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in\n`),
    ruleId: 'auth-route-missing',
    severity: 'warning',
    file: '.env.local',
    lineText: 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in',
  },
  {
    name: 'app/sign-in/page.tsx renders <SignIn /> outside an optional catch-all route',
    apply: (dir) =>
      write(
        dir,
        'app/sign-in/page.tsx',
        `import { SignIn } from '@clerk/nextjs';

export default function SignInPage() {
  return <SignIn />;
}
`,
      ),
    ruleId: 'auth-route-missing',
    severity: 'warning',
    file: 'app/sign-in/page.tsx',
    lineText: '<SignIn />',
  },
  {
    name: 'signInUrl on ClerkProvider pointing at a page that does not exist',
    apply: (dir) => edit(dir, 'app/layout.tsx', (text) => text.replace('<ClerkProvider>', '<ClerkProvider signInUrl="/login">')),
    ruleId: 'auth-route-missing',
    severity: 'warning',
    file: 'app/layout.tsx',
    lineText: 'signInUrl="/login"',
  },
];
