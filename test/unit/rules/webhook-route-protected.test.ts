import { webhookRouteProtectedRule } from '../../../src/core/rules/webhook-route-protected';
import { nextPackage, ruleTester, type Files } from '../ruleTester';

const recommendedConfig = `export const config = {
  matcher: [
    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
    '/__clerk/(.*)',
  ],
};
`;

const webhookRoute = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
import type { NextRequest } from 'next/server';

export async function POST(req: NextRequest) {
  try {
    const evt = await verifyWebhook(req);
    console.log(evt.type);
    return new Response('Webhook received', { status: 200 });
  } catch {
    return new Response('Error verifying webhook', { status: 400 });
  }
}
`;

function project(proxy: string): Files {
  return {
    'package.json': nextPackage(),
    'proxy.ts': proxy,
    'app/api/webhooks/route.ts': webhookRoute,
    'app/page.tsx': 'export default function Page() { return null; }\n',
  };
}

const protectAllButPublic = `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';

const isPublicRoute = createRouteMatcher([
  '/',
  '/sign-in(.*)',
]);

export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) {
    await auth.protect();
  }
});

${recommendedConfig}`;

const protectedList = `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';

const isProtectedRoute = createRouteMatcher(['/dashboard(.*)', '/api/webhooks(.*)']);

export default clerkMiddleware(async (auth, req) => {
  if (isProtectedRoute(req)) await auth.protect();
});

${recommendedConfig}`;

const redirectSignedOut = `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';
const isPublicRoute = createRouteMatcher(['/sign-in(.*)']);
export default clerkMiddleware(async (auth, req) => {
  const { userId, redirectToSignIn } = await auth();
  if (!userId && !isPublicRoute(req)) return redirectToSignIn();
});
${recommendedConfig}`;

ruleTester.run(webhookRouteProtectedRule, {
  valid: [
    {
      name: 'clerkMiddleware() with the recommended matcher (webhooks stay public)',
      files: project(`import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\n${recommendedConfig}`),
    },
    {
      name: 'the public list already has the webhook route',
      files: project(protectAllButPublic.replace("'/sign-in(.*)',", "'/sign-in(.*)',\n  '/api/webhooks(.*)',")),
    },
    {
      name: 'the matcher skips the webhook route',
      files: project(protectAllButPublic.replace(recommendedConfig, "export const config = { matcher: ['/dashboard/:path*'] };\n")),
    },
    {
      name: 'a condition it cannot evaluate guards the protection',
      files: project(protectAllButPublic.replace('if (!isPublicRoute(req))', "if (!isPublicRoute(req) && req.headers.get('x-flag'))")),
    },
  ],
  invalid: [
    {
      name: 'a protect-all middleware whose public list lacks the webhook route: the safe fix adds it',
      files: project(protectAllButPublic),
      errors: [
        {
          ruleId: 'webhook-route-protected',
          severity: 'error',
          file: 'proxy.ts',
          range: [2, 41, 5, 1],
          message:
            "The webhook route /api/webhooks is not in isPublicRoute, so the middleware protects it: Clerk webhooks are never signed in, so every delivery gets 401/404 and is retried. Add '/api/webhooks/:path*' to the public routes.",
          related: ['app/api/webhooks/route.ts', 'proxy.ts', 'proxy.ts'],
          fixes: [
            {
              title: "Add '/api/webhooks/:path*' to the public routes",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\n\nconst isPublicRoute = createRouteMatcher([\n  '/',\n  '/sign-in(.*)',\n  '/api/webhooks/:path*',\n]);\n\nexport default clerkMiddleware(async (auth, req) => {\n  if (!isPublicRoute(req)) {\n    await auth.protect();\n  }\n});\n\nexport const config = {\n  matcher: [\n    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',\n    '/(api|trpc)(.*)',\n    '/__clerk/(.*)',\n  ],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a protected-route list that includes /api/webhooks, on the entry: the fix removes it',
      files: project(protectedList),
      errors: [
        {
          ruleId: 'webhook-route-protected',
          severity: 'error',
          file: 'proxy.ts',
          range: [2, 63, 2, 82],
          message:
            'isProtectedRoute lists the webhook route /api/webhooks as protected: Clerk webhooks are never signed in, so every delivery gets 401/404 and is retried. Take the webhook route out of the protected routes; it verifies the signature instead.',
          related: ['app/api/webhooks/route.ts', 'proxy.ts', 'proxy.ts'],
          fixes: [
            {
              title: "Remove '/api/webhooks(.*)' from the protected routes",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\n\nconst isProtectedRoute = createRouteMatcher(['/dashboard(.*)']);\n\nexport default clerkMiddleware(async (auth, req) => {\n  if (isProtectedRoute(req)) await auth.protect();\n});\n\nexport const config = {\n  matcher: [\n    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',\n    '/(api|trpc)(.*)',\n    '/__clerk/(.*)',\n  ],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'the early-return form',
      files: project(
        protectAllButPublic.replace(
          /if \(!isPublicRoute\(req\)\) \{\n {4}await auth.protect\(\);\n {2}\}/,
          'if (isPublicRoute(req)) return;\n  await auth.protect();',
        ),
      ),
      errors: [
        {
          ruleId: 'webhook-route-protected',
          severity: 'error',
          file: 'proxy.ts',
          range: [2, 41, 5, 1],
          message:
            "The webhook route /api/webhooks is not in isPublicRoute, so the middleware protects it: Clerk webhooks are never signed in, so every delivery gets 401/404 and is retried. Add '/api/webhooks/:path*' to the public routes.",
          related: ['app/api/webhooks/route.ts', 'proxy.ts', 'proxy.ts'],
          fixes: [
            {
              title: "Add '/api/webhooks/:path*' to the public routes",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\n\nconst isPublicRoute = createRouteMatcher([\n  '/',\n  '/sign-in(.*)',\n  '/api/webhooks/:path*',\n]);\n\nexport default clerkMiddleware(async (auth, req) => {\n  if (isPublicRoute(req)) return;\n  await auth.protect();\n});\n\nexport const config = {\n  matcher: [\n    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',\n    '/(api|trpc)(.*)',\n    '/__clerk/(.*)',\n  ],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'an unconditional auth.protect()',
      files: project(
        `import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware(async (auth) => {\n  await auth.protect();\n});\n${recommendedConfig}`,
      ),
      errors: [
        {
          ruleId: 'webhook-route-protected',
          severity: 'error',
          file: 'proxy.ts',
          range: [2, 8, 2, 22],
          message:
            "This call protects every route, including the webhook route /api/webhooks: Clerk webhooks are never signed in, so every delivery gets 401/404 and is retried. Skip it for public routes (createRouteMatcher(['/api/webhooks/:path*'])).",
          related: ['app/api/webhooks/route.ts', 'proxy.ts', 'proxy.ts'],
        },
      ],
    },
    {
      name: 'a signed-out check counts as protection (webhooks carry no session)',
      files: project(redirectSignedOut),
      errors: [
        {
          ruleId: 'webhook-route-protected',
          severity: 'error',
          file: 'proxy.ts',
          range: [1, 41, 1, 57],
          message:
            "The webhook route /api/webhooks is not in isPublicRoute, so the middleware protects it: Clerk webhooks are never signed in, so every delivery gets 401/404 and is retried. Add '/api/webhooks/:path*' to the public routes.",
          related: ['app/api/webhooks/route.ts', 'proxy.ts', 'proxy.ts'],
          fixes: [
            {
              title: "Add '/api/webhooks/:path*' to the public routes",
              output: {
                'proxy.ts':
                  "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isPublicRoute = createRouteMatcher(['/sign-in(.*)', '/api/webhooks/:path*']);\nexport default clerkMiddleware(async (auth, req) => {\n  const { userId, redirectToSignIn } = await auth();\n  if (!userId && !isPublicRoute(req)) return redirectToSignIn();\n});\nexport const config = {\n  matcher: [\n    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',\n    '/(api|trpc)(.*)',\n    '/__clerk/(.*)',\n  ],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
  ],
});
