import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { growthOnDoubling } from '../engine/growth';
import { convexSiteUrl, convexWebhookRoutePaths, handlerCase, isLoopbackUrl, nextAppRoot, nextRoutePath } from '../../../src/core/webhooks/presentation';

describe('webhooks presentation helpers', () => {
  it('isLoopbackUrl accepts only local addresses', () => {
    for (const url of ['http://localhost:3000/api', 'http://127.0.0.1:3211/x', 'http://127.1.2.3/', 'http://127.1/', 'http://[::1]:8080/'])
      assert.equal(isLoopbackUrl(url), true, url);
    // `*.localhost` is resolved through DNS here, so it may point anywhere.
    for (const url of [
      'https://happy-otter-123.convex.site/clerk',
      'http://10.0.0.2/',
      'http://localhost.example.com/',
      'http://app.localhost/',
      'http://evil.localhost:3000/',
      'http://127.0.0.1.nip.io/',
      'http://[::ffff:10.0.0.1]/',
      'not a url',
    ])
      assert.equal(isLoopbackUrl(url), false, url);
  });

  it('nextRoutePath maps App Router route files to URL paths', () => {
    assert.equal(nextRoutePath('app/api/webhooks/clerk/route.ts'), '/api/webhooks/clerk');
    assert.equal(nextRoutePath('apps/web/src/app/(backend)/api/webhooks/route.js'), '/api/webhooks');
    assert.equal(nextRoutePath('app/@modal/api/hook/route.ts'), '/api/hook');
    assert.equal(nextRoutePath('app/api/webhooks/page.tsx'), undefined);
    assert.equal(nextRoutePath('pages/api/webhooks.ts'), undefined);
  });

  it('nextAppRoot finds the app folder above app/ or src/app/', () => {
    assert.equal(nextAppRoot('app/api/route.ts'), '');
    assert.equal(nextAppRoot('src/app/api/route.ts'), '');
    assert.equal(nextAppRoot('apps/web/src/app/api/route.ts'), 'apps/web');
    assert.equal(nextAppRoot('apps/site/app/api/route.ts'), 'apps/site');
  });

  it('convexSiteUrl prefers the explicit site URL, then derives it from the deployment URL', () => {
    const env = (values: Record<string, string>) => (name: string) => values[name];
    assert.equal(convexSiteUrl(env({ NEXT_PUBLIC_CONVEX_SITE_URL: 'https://a.convex.site/' })), 'https://a.convex.site');
    assert.equal(convexSiteUrl(env({ NEXT_PUBLIC_CONVEX_URL: 'https://happy-otter-123.convex.cloud' })), 'https://happy-otter-123.convex.site');
    assert.equal(convexSiteUrl(env({ NEXT_PUBLIC_CONVEX_URL: 'http://127.0.0.1:3210' })), 'http://127.0.0.1:3211');
    assert.equal(convexSiteUrl(env({ NEXT_PUBLIC_CONVEX_URL: 'https://example.com' })), undefined);
    assert.equal(convexSiteUrl(env({})), undefined);
  });

  it('convexWebhookRoutePaths finds webhook routes in convex/http.ts', () => {
    const source = `
      const http = httpRouter();
      http.route({ path: '/clerk-users-webhook', method: 'POST', handler: clerkWebhook });
      http.route({ path: "/health", method: 'GET', handler: health });
      export default http;`;
    assert.deepEqual(convexWebhookRoutePaths(source), ['/clerk-users-webhook']);
  });

  it('convexWebhookRoutePaths reads an http.ts full of unclosed routes in linear time', () => {
    // A lazy regex from each `http.route({` to the next `})` took quadratic time on these.
    const source = (size: number) => "http.route({ path: '/clerk', handler: h, ".repeat(size);
    assert.deepEqual(convexWebhookRoutePaths(source(3)), []);
    const growth = growthOnDoubling(source, convexWebhookRoutePaths, 20_000);
    assert.ok(growth < 3, `2× the input took ${growth.toFixed(1)}× as long`);
  });

  it('convexWebhookRoutePaths finds what the former regexes found', () => {
    const former = (text: string) =>
      [...text.matchAll(/http\.route\(\s*\{([\s\S]*?)\}\s*\)/g)].flatMap((match) => {
        const path = /\bpath\s*:\s*['"`]([^'"`]+)['"`]/.exec(match[1])?.[1];
        return path && /webhook|clerk|svix/i.test(match[1]) ? [path] : [];
      });
    const pieces = ['http.route(', '{', '}', ')', ' ', '\n', 'path', 'xpath', ':', "'", '"', '`', '/clerk', 'webhook', 'method', ','];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(convexWebhookRoutePaths(text), former(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('handlerCase is a complete switch case for the event type', () => {
    const text = handlerCase('user.created');
    assert.match(text, /^case 'user\.created': \{/);
    assert.match(text, /break;\n\}\n$/);
  });
});
