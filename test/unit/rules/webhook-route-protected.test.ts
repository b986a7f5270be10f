import * as assert from 'node:assert/strict';
import { webhookRouteProtectedRule } from '../../../src/core/rules/webhook-route-protected';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../ruleTester';

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
  return { 'package.json': nextPackage(), 'proxy.ts': proxy, 'app/api/webhooks/route.ts': webhookRoute, 'app/page.tsx': 'export default function Page() { return null; }\n' };
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

describe('webhook-route-protected', () => {
  it('flags a protect-all middleware whose public list lacks the webhook route, and the fix adds it', () => {
    const files = project(protectAllButPublic);
    const finding = single(check(webhookRouteProtectedRule, files));
    assert.equal(finding.severity, 'error');
    assert.equal(finding.location.file, '/ws/proxy.ts');
    assert.match(textAt(files, finding), /^\[\n {2}'\/',/);
    assert.match(finding.message, /\/api\/webhooks/);
    assert.ok(finding.related?.some((info) => info.location.file === '/ws/app/api/webhooks/route.ts'));
    const fix = finding.fixes?.[0];
    assert.ok(fix?.safe);
    const fixed = applyFix(files, fix);
    assert.match(fixed['proxy.ts'], /'\/sign-in\(\.\*\)',\n {2}'\/api\/webhooks\/:path\*',\n\]\);/);
    assert.deepEqual(check(webhookRouteProtectedRule, fixed), []);
  });

  it('flags a protected-route list that includes /api/webhooks, on the entry, and the fix removes it', () => {
    const files = project(protectedList);
    const finding = single(check(webhookRouteProtectedRule, files));
    assert.equal(textAt(files, finding), "'/api/webhooks(.*)'");
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['proxy.ts'], /createRouteMatcher\(\['\/dashboard\(\.\*\)'\]\)/);
    assert.deepEqual(check(webhookRouteProtectedRule, fixed), []);
  });

  it('flags the early-return form and an unconditional auth.protect()', () => {
    const earlyReturn = protectAllButPublic.replace(/if \(!isPublicRoute\(req\)\) \{\n {4}await auth.protect\(\);\n {2}\}/, 'if (isPublicRoute(req)) return;\n  await auth.protect();');
    assert.equal(single(check(webhookRouteProtectedRule, project(earlyReturn))).fixes?.length, 1);
    const everything = `import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware(async (auth) => {\n  await auth.protect();\n});\n${recommendedConfig}`;
    const files = project(everything);
    assert.equal(textAt(files, single(check(webhookRouteProtectedRule, files))), 'auth.protect()');
  });

  it('stays silent for clerkMiddleware() with the recommended matcher (webhooks stay public)', () => {
    assert.deepEqual(check(webhookRouteProtectedRule, project(`import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\n${recommendedConfig}`)), []);
  });

  it('stays silent when the public list already has the webhook route, or the matcher skips it', () => {
    const publicWebhooks = protectAllButPublic.replace("'/sign-in(.*)',", "'/sign-in(.*)',\n  '/api/webhooks(.*)',");
    assert.deepEqual(check(webhookRouteProtectedRule, project(publicWebhooks)), []);
    const onlyDashboard = protectAllButPublic.replace(recommendedConfig, "export const config = { matcher: ['/dashboard/:path*'] };\n");
    assert.deepEqual(check(webhookRouteProtectedRule, project(onlyDashboard)), []);
  });

  it('stays silent when a condition it cannot evaluate guards the protection', () => {
    const unknown = protectAllButPublic.replace('if (!isPublicRoute(req))', "if (!isPublicRoute(req) && req.headers.get('x-flag'))");
    assert.deepEqual(check(webhookRouteProtectedRule, project(unknown)), []);
  });

  it('treats a signed-out check as protection (webhooks carry no session)', () => {
    const redirect = `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';
const isPublicRoute = createRouteMatcher(['/sign-in(.*)']);
export default clerkMiddleware(async (auth, req) => {
  const { userId, redirectToSignIn } = await auth();
  if (!userId && !isPublicRoute(req)) return redirectToSignIn();
});
${recommendedConfig}`;
    assert.equal(single(check(webhookRouteProtectedRule, project(redirect))).fixes?.length, 1);
  });
});
