import { authRouteMissingRule as rule } from '../../../src/core/rules/auth-route-missing';
import { nextPackage, ruleTester, type Files } from '../ruleTester';

const signInPage = `import { SignIn } from '@clerk/nextjs';\n\nexport default function Page() {\n  return <SignIn />;\n}\n`;
const env = 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nNEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in\n';
const app = (files: Files): Files => ({
  'package.json': nextPackage(),
  'app/layout.tsx': 'export default function L({ children }: { children: React.ReactNode }) { return children; }\n',
  ...files,
});
const provider = `import { ClerkProvider } from '@clerk/nextjs';\nexport default function L({ children }: { children: React.ReactNode }) { return <ClerkProvider signInUrl="/login">{children}</ClerkProvider>; }\n`;
const templateLogin = {
  '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nNEXT_PUBLIC_CLERK_SIGN_IN_URL=/login\n',
  'app/sign-in/[[...sign-in]]/page.tsx': signInPage,
};
const dashboardRedirect = {
  '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL=/dashboard\n',
  'app/page.tsx': 'export default function Home() { return null; }\n',
};
const middleware = (body: string) =>
  `import { clerkMiddleware } from '@clerk/nextjs/server';\nimport { NextResponse } from 'next/server';\n\nexport default clerkMiddleware(async (auth, req) => {\n  const { userId } = await auth();\n${body}\n});\n`;
const redirectToSignIn = "  if (!userId) return NextResponse.redirect(new URL('/sign-in', req.url));";

ruleTester.run(rule, {
  valid: [
    { name: 'the documented optional catch-all sign-in page', files: app({ '.env.local': env, 'app/sign-in/[[...sign-in]]/page.tsx': signInPage }) },
    { name: 'the catch-all inside a route group', files: app({ '.env.local': env, 'app/(auth)/sign-in/[[...sign-in]]/page.tsx': signInPage }) },
    { name: 'the catch-all inside a [locale] segment', files: app({ '.env.local': env, 'app/[locale]/sign-in/[[...sign-in]]/page.tsx': signInPage }) },
    { name: 'an absolute URL (Account Portal)', files: app({ '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=https://accounts.example.com/sign-in\n' }) },
    { name: 'a project without the variable', files: app({ 'app/page.tsx': 'export default function P() { return null; }\n' }) },
    {
      name: 'a signInUrl prop a Pages Router page serves',
      files: {
        'package.json': nextPackage(),
        'pages/_app.tsx': provider.replace('export default function L', 'export default function App'),
        'pages/login/[[...index]].tsx': signInPage,
      },
    },
    { name: 'a <SignIn/> page with hash routing', files: app({ 'app/sign-in/page.tsx': signInPage.replace('<SignIn />', '<SignIn routing="hash" />') }) },
    { name: 'a local env file wins over the template', files: app({ ...templateLogin, '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in\n' }) },
    {
      name: 'a served template path',
      files: app({ '.env.example': 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in\n', 'app/(auth)/sign-in/[[...sign-in]]/page.tsx': signInPage }),
    },
    {
      name: 'an after-sign-in URL a nested route group page serves',
      files: app({ ...dashboardRedirect, 'app/[locale]/(app)/dashboard/page.tsx': 'export default function D() { return null; }\n' }),
    },
    {
      name: 'an after-sign-up URL of / served by a route group page',
      files: app({
        '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_UP_FORCE_REDIRECT_URL=/\n',
        'app/(marketing)/page.tsx': 'export default function Home() { return null; }\n',
      }),
    },
    {
      name: 'a middleware redirect a localized page serves',
      files: app({ 'middleware.ts': middleware(redirectToSignIn), 'app/[lang]/(auth)/sign-in/[[...sign-in]]/page.tsx': signInPage }),
    },
    {
      name: 'a middleware redirect a Pages Router page serves',
      files: { 'package.json': nextPackage(), 'middleware.ts': middleware(redirectToSignIn), 'pages/sign-in/[[...index]].tsx': signInPage },
    },
    {
      name: 'a middleware redirect to a non-auth path',
      files: app({ 'middleware.ts': middleware("  if (!userId) return NextResponse.redirect(new URL('/pricing', req.url));") }),
    },
    {
      name: 'a redirect in a middleware without Clerk',
      files: app({
        'middleware.ts': `import { NextResponse, type NextRequest } from 'next/server';\nexport function middleware(req: NextRequest) {\n  return NextResponse.redirect(new URL('/login', req.url));\n}\n`,
      }),
    },
    {
      name: 'next.config basePath stripped before matching',
      files: app({
        '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=/docs/sign-in\n',
        'next.config.ts': "export default { basePath: '/docs' };\n",
        'app/sign-in/[[...sign-in]]/page.tsx': signInPage,
      }),
    },
  ],
  invalid: [
    {
      name: 'a relative sign-in URL no page serves, on the env value',
      files: app({ '.env.local': env, 'app/login/[[...login]]/page.tsx': signInPage }),
      errors: [
        {
          ruleId: 'auth-route-missing',
          severity: 'warning',
          file: '.env.local',
          range: [1, 30, 1, 38],
          message:
            'NEXT_PUBLIC_CLERK_SIGN_IN_URL is "/sign-in", but no page serves that path: signed-out users are sent to a 404. Create app/sign-in/[[...sign-in]]/page.tsx with <SignIn />, or point the URL at your existing page.',
        },
      ],
    },
    {
      name: 'a signInUrl prop pointing nowhere',
      files: app({ 'app/layout.tsx': provider }),
      errors: [
        {
          ruleId: 'auth-route-missing',
          severity: 'warning',
          file: 'app/layout.tsx',
          range: [1, 106, 1, 112],
          message:
            'signInUrl is "/login", but no page serves that path: signed-out users are sent to a 404. Create app/login/[[...login]]/page.tsx with <SignIn />, or point the URL at your existing page.',
        },
      ],
    },
    {
      name: 'a <SignIn/> page with path routing that is not an optional catch-all',
      files: app({ 'app/sign-in/page.tsx': signInPage }),
      errors: [
        {
          ruleId: 'auth-route-missing',
          severity: 'warning',
          file: 'app/sign-in/page.tsx',
          range: [3, 10, 3, 16],
          message:
            '<SignIn/> uses path routing and renders sub-paths (such as /factor-one), but this page is not an optional catch-all route: those steps 404. Move the page into a [[...sign-in]] folder, or set routing="hash".',
        },
      ],
    },
    {
      name: 'an env template when no local env file sets the URL, on the template value',
      files: app(templateLogin),
      errors: [
        {
          ruleId: 'auth-route-missing',
          severity: 'warning',
          file: '.env.example',
          range: [1, 30, 1, 36],
          message:
            'NEXT_PUBLIC_CLERK_SIGN_IN_URL is "/login", but no page serves that path: signed-out users are sent to a 404. Create app/login/[[...login]]/page.tsx with <SignIn />, or point the URL at your existing page.',
        },
      ],
    },
    {
      name: 'an after-sign-in URL no page serves, with a plain page as the suggestion',
      files: app(dashboardRedirect),
      errors: [
        {
          ruleId: 'auth-route-missing',
          severity: 'warning',
          file: '.env.local',
          range: [0, 48, 0, 58],
          message:
            'NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL is "/dashboard", but no page serves that path: users land on a 404 right after signing in. Create app/dashboard/page.tsx, or point the URL at an existing page.',
        },
      ],
    },
    {
      name: 'fallbackRedirectUrl on <SignUp> is read as after sign-up',
      files: app({
        'app/sign-up/[[...sign-up]]/page.tsx': `import { SignUp } from '@clerk/nextjs';\n\nexport default function Page() {\n  return <SignUp fallbackRedirectUrl="/welcome" />;\n}\n`,
      }),
      errors: [
        {
          ruleId: 'auth-route-missing',
          severity: 'warning',
          file: 'app/sign-up/[[...sign-up]]/page.tsx',
          range: [3, 38, 3, 46],
          message:
            'fallbackRedirectUrl is "/welcome", but no page serves that path: users land on a 404 right after signing up. Create app/welcome/page.tsx, or point the URL at an existing page.',
        },
      ],
    },
    {
      name: 'a middleware redirect to a sign-in path no page serves',
      files: app({ 'middleware.ts': middleware(redirectToSignIn) }),
      errors: [
        {
          ruleId: 'auth-route-missing',
          severity: 'warning',
          file: 'middleware.ts',
          range: [5, 53, 5, 61],
          message:
            'The middleware redirect is "/sign-in", but no page serves that path: signed-out users are sent to a 404. Create app/sign-in/[[...sign-in]]/page.tsx with <SignIn />, or point the URL at your existing page.',
        },
      ],
    },
    {
      name: 'a proxy redirect through a local',
      files: app({ 'proxy.ts': middleware("  const signIn = new URL('/login', req.url);\n  if (!userId) return NextResponse.redirect(signIn);") }),
      errors: [
        {
          ruleId: 'auth-route-missing',
          severity: 'warning',
          file: 'proxy.ts',
          range: [5, 26, 5, 32],
          message:
            'The middleware redirect is "/login", but no page serves that path: signed-out users are sent to a 404. Create app/login/[[...login]]/page.tsx with <SignIn />, or point the URL at your existing page.',
        },
      ],
    },
    {
      name: 'a middleware redirect via pathname to sign-up',
      files: {
        'package.json': nextPackage(),
        'src/middleware.ts': middleware("  const url = req.nextUrl.clone();\n  url.pathname = '/sign-up';\n  if (!userId) return NextResponse.redirect(url);"),
        'src/app/page.tsx': 'export default function H() { return null; }\n',
      },
      errors: [
        {
          ruleId: 'auth-route-missing',
          severity: 'warning',
          file: 'src/middleware.ts',
          range: [6, 18, 6, 26],
          message:
            'The middleware redirect is "/sign-up", but no page serves that path: signed-out users are sent to a 404. Create src/app/sign-up/[[...sign-up]]/page.tsx with <SignUp />, or point the URL at your existing page.',
        },
      ],
    },
  ],
});
