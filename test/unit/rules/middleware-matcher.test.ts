import { middlewareMatcherRule } from '../../../src/core/rules/middleware-matcher';
import { nextPackage, ruleTester, type Files } from '../ruleTester';

const recommended = `export const config = {
  matcher: [
    // Skip Next.js internals and all static files, unless found in search params
    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    // Always run for API routes
    '/(api|trpc)(.*)',
    // Always run for Clerk-specific frontend API routes
    '/__clerk/(.*)',
  ],
};
`;
const proxy = (config: string): string => `import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\n${config}`;
const apiRoute = `import { auth } from '@clerk/nextjs/server';
export async function GET() {
  const { userId } = await auth();
  return Response.json({ userId });
}
`;

function app(config: string): Files {
  return { 'package.json': nextPackage(), 'proxy.ts': proxy(config), 'app/api/me/route.ts': apiRoute };
}

const twoEntries =
  "export const config = {\n  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)'],\n};\n";

/** An app on a given @clerk/nextjs with the two-entry matcher (no /__clerk) and a custom clerkMiddleware() call. */
function appAt(clerkVersion: string, middlewareCall = 'clerkMiddleware()', extra: Files = {}): Files {
  return {
    'package.json': nextPackage('16.0.7', { '@clerk/nextjs': clerkVersion }),
    'proxy.ts': `import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default ${middlewareCall};\n\n${twoEntries}`,
    ...extra,
  };
}

const withoutClerkEntry = recommended.replace(/ {4}\/\/ Always run for Clerk-specific[^\n]*\n {4}'\/__clerk\/\(\.\*\)',\n/, '');
const configured = "clerkMiddleware({ frontendApiProxy: { enabled: true, path: '/clerk-proxy' } })";

ruleTester.run(middlewareMatcherRule, {
  valid: [
    { name: "Clerk's recommended matcher", files: app(recommended) },
    { name: 'no matcher', files: app('') },
    {
      name: 'an auth() route covered by the legacy matcher',
      files: app("export const config = { matcher: ['/((?!.+\\\\.[\\\\w]+$|_next).*)', '/', '/(api|trpc)(.*)', '/__clerk/(.*)'] };\n"),
    },
    { name: 'no /__clerk before @clerk/nextjs 7.2.8 (6.39.0)', files: appAt('6.39.0') },
    { name: 'no /__clerk on 7.2.7, before auto-proxy', files: appAt('7.2.7') },
    {
      name: 'a proxy URL in .env.local',
      files: appAt('7.9.17', 'clerkMiddleware()', { '.env.local': 'NEXT_PUBLIC_CLERK_PROXY_URL=https://example.com/clerk\n' }),
    },
    { name: 'a Clerk domain documented in .env.example', files: appAt('7.9.17', 'clerkMiddleware()', { '.env.example': 'NEXT_PUBLIC_CLERK_DOMAIN=\n' }) },
    { name: 'CLERK_DISABLE_AUTO_PROXY=TRUE', files: appAt('7.9.17', 'clerkMiddleware()', { '.env': 'CLERK_DISABLE_AUTO_PROXY=TRUE\n' }) },
    { name: 'CLERK_DISABLE_AUTO_PROXY=1', files: appAt('7.9.17', 'clerkMiddleware()', { '.env': 'CLERK_DISABLE_AUTO_PROXY=1\n' }) },
    { name: 'CLERK_DISABLE_AUTO_PROXY=true from 7.5.19', files: appAt('7.5.19', 'clerkMiddleware()', { '.env': 'CLERK_DISABLE_AUTO_PROXY=true\n' }) },
    { name: 'a domain option', files: appAt('7.9.17', "clerkMiddleware(async () => undefined, { domain: 'example.com' })") },
    { name: 'a proxyUrl option', files: appAt('7.9.17', 'clerkMiddleware({ proxyUrl: process.env.PROXY_URL })') },
    { name: 'options that cannot be read', files: appAt('7.9.17', 'clerkMiddleware(async () => undefined, () => options())') },
    {
      name: 'a frontendApiProxy path under /api (covered by the API entry)',
      files: appAt('7.9.17', "clerkMiddleware({ frontendApiProxy: { enabled: true, path: '/api/__clerk' } })"),
    },
    { name: 'frontendApiProxy disabled', files: appAt('7.9.17', 'clerkMiddleware({ frontendApiProxy: { enabled: false } })') },
    { name: 'frontendApiProxy before the option existed (6.39.0)', files: appAt('6.39.0', configured) },
  ],
  invalid: [
    {
      name: 'no /__clerk (Convex docs two-entry matcher): info; the fix adds it',
      files: app(withoutClerkEntry),
      errors: [
        {
          ruleId: 'middleware-matcher',
          severity: 'info',
          file: 'proxy.ts',
          range: [5, 2, 5, 9],
          message:
            "The matcher has no '/__clerk/(.*)' entry. @clerk/nextjs 7.8.0 proxies Clerk's Frontend API through /__clerk on *.vercel.app production deployments with a pk_live_ key (no proxy URL or domain is set), and those requests skip the middleware and fail. Add the entry, or set CLERK_DISABLE_AUTO_PROXY=true.",
          fixes: [
            {
              title: "Add '/__clerk/(.*)' to the matcher",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\nexport const config = {\n  matcher: [\n    // Skip Next.js internals and all static files, unless found in search params\n    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',\n    // Always run for API routes\n    '/(api|trpc)(.*)',\n    '/__clerk/(.*)',\n  ],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a matcher that skips a route handler calling auth(): warning; the recommended matcher fixes it',
      files: app("export const config = { matcher: ['/dashboard/:path*'] };\n"),
      errors: [
        {
          ruleId: 'middleware-matcher',
          severity: 'warning',
          file: 'proxy.ts',
          range: [4, 24, 4, 31],
          message:
            "The matcher does not run the middleware on /api/me, whose route handler calls auth(): it fails there with \"Clerk can't detect usage of clerkMiddleware()\". Add '/(api|trpc)(.*)' or use the recommended matcher.",
          related: ['app/api/me/route.ts'],
          fixes: [
            {
              title: "Use Clerk's recommended matcher",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\nexport const config = { matcher: [\n  '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',\n  '/(api|trpc)(.*)',\n  '/__clerk/(.*)',\n] };\n",
              },
              after: [],
            },
          ],
        },
        {
          ruleId: 'middleware-matcher',
          severity: 'info',
          file: 'proxy.ts',
          range: [4, 24, 4, 31],
          message:
            "The matcher has no '/__clerk/(.*)' entry. @clerk/nextjs 7.8.0 proxies Clerk's Frontend API through /__clerk on *.vercel.app production deployments with a pk_live_ key (no proxy URL or domain is set), and those requests skip the middleware and fail. Add the entry, or set CLERK_DISABLE_AUTO_PROXY=true.",
          fixes: [
            {
              title: "Add '/__clerk/(.*)' to the matcher",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\nexport const config = { matcher: ['/dashboard/:path*', '/__clerk/(.*)'] };\n",
              },
            },
          ],
        },
      ],
    },
    {
      name: 'an entry that is not a literal: warning (Next.js ignores it), on the entry',
      files: app("const apiRoutes = '/(api|trpc)(.*)';\nexport const config = {\n  matcher: ['/((?!_next).*)', apiRoutes, '/__clerk/(.*)'],\n};\n"),
      errors: [
        {
          ruleId: 'middleware-matcher',
          severity: 'warning',
          file: 'proxy.ts',
          range: [6, 30, 6, 39],
          message:
            'Next.js reads config.matcher without running the file, so it ignores entries that are not string literals (or objects with a literal source). Write this entry as a literal.',
        },
      ],
    },
    {
      name: '/__clerk from 7.2.8, where Clerk auto-proxies on *.vercel.app',
      files: appAt('7.2.8'),
      errors: [
        {
          ruleId: 'middleware-matcher',
          severity: 'info',
          file: 'proxy.ts',
          range: [5, 2, 5, 9],
          message:
            "The matcher has no '/__clerk/(.*)' entry. @clerk/nextjs 7.2.8 proxies Clerk's Frontend API through /__clerk on *.vercel.app production deployments with a pk_live_ key (no proxy URL or domain is set), and those requests skip the middleware and fail. Add the entry, or set CLERK_DISABLE_AUTO_PROXY=true.",
          fixes: [
            {
              title: "Add '/__clerk/(.*)' to the matcher",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\nexport const config = {\n  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)', '/__clerk/(.*)'],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'CLERK_DISABLE_AUTO_PROXY=true before 7.5.19 (the middleware ignores the opt-out)',
      files: appAt('7.5.18', 'clerkMiddleware()', { '.env': 'CLERK_DISABLE_AUTO_PROXY=true\n' }),
      errors: [
        {
          ruleId: 'middleware-matcher',
          severity: 'info',
          file: 'proxy.ts',
          range: [5, 2, 5, 9],
          message:
            "The matcher has no '/__clerk/(.*)' entry. @clerk/nextjs 7.5.18 proxies Clerk's Frontend API through /__clerk on *.vercel.app production deployments with a pk_live_ key (no proxy URL or domain is set), and those requests skip the middleware and fail. Add the entry, or set CLERK_DISABLE_AUTO_PROXY=true.",
          fixes: [
            {
              title: "Add '/__clerk/(.*)' to the matcher",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\nexport const config = {\n  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)', '/__clerk/(.*)'],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'CLERK_DISABLE_AUTO_PROXY=false does not disable it',
      files: appAt('7.9.17', 'clerkMiddleware()', { '.env': 'CLERK_DISABLE_AUTO_PROXY=false\n' }),
      errors: [
        {
          ruleId: 'middleware-matcher',
          severity: 'info',
          file: 'proxy.ts',
          range: [5, 2, 5, 9],
          message:
            "The matcher has no '/__clerk/(.*)' entry. @clerk/nextjs 7.9.17 proxies Clerk's Frontend API through /__clerk on *.vercel.app production deployments with a pk_live_ key (no proxy URL or domain is set), and those requests skip the middleware and fail. Add the entry, or set CLERK_DISABLE_AUTO_PROXY=true.",
          fixes: [
            {
              title: "Add '/__clerk/(.*)' to the matcher",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\nexport const config = {\n  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)', '/__clerk/(.*)'],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'the path of a configured frontendApiProxy (>= 7.0.0); the fix adds its entry',
      files: appAt('7.0.0', configured),
      errors: [
        {
          ruleId: 'middleware-matcher',
          severity: 'info',
          file: 'proxy.ts',
          range: [5, 2, 5, 9],
          message:
            "clerkMiddleware() serves Clerk's Frontend API at /clerk-proxy (frontendApiProxy), but the matcher does not run the middleware there, so those requests fail and Clerk does not load. Add '/clerk-proxy/(.*)' to the matcher.",
          fixes: [
            {
              title: "Add '/clerk-proxy/(.*)' to the matcher",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware({ frontendApiProxy: { enabled: true, path: '/clerk-proxy' } });\n\nexport const config = {\n  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)', '/clerk-proxy/(.*)'],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'frontendApiProxy without a path serves /__clerk',
      files: appAt('7.1.0', 'clerkMiddleware({ frontendApiProxy: { enabled: (url) => url.hostname.endsWith(".app") } })'),
      errors: [
        {
          ruleId: 'middleware-matcher',
          severity: 'info',
          file: 'proxy.ts',
          range: [5, 2, 5, 9],
          message:
            "clerkMiddleware() serves Clerk's Frontend API at /__clerk (frontendApiProxy), but the matcher does not run the middleware there, so those requests fail and Clerk does not load. Add '/__clerk/(.*)' to the matcher.",
          fixes: [
            {
              title: "Add '/__clerk/(.*)' to the matcher",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware({ frontendApiProxy: { enabled: (url) => url.hostname.endsWith(\".app\") } });\n\nexport const config = {\n  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)', '/__clerk/(.*)'],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
  ],
});
