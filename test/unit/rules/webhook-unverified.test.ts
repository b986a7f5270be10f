import * as assert from 'node:assert/strict';
import { webhookRawBodyRule } from '../../../src/core/rules/webhook-raw-body';
import { webhookResponseRule } from '../../../src/core/rules/webhook-response';
import { webhookUnverifiedRule } from '../../../src/core/rules/webhook-unverified';
import { maxFollowDepth } from '../../../src/core/analysis/webhookTrace';
import { applyFix, check, nextPackage, ruleTester, single, textAt, type Files } from '../ruleTester';

const unverifiedRoute = `import type { NextRequest } from 'next/server';

export async function POST(req: NextRequest) {
  const evt = await req.json();
  if (evt.type === 'user.created') {
    console.log('new user', evt.data.id);
  }
  return new Response('ok', { status: 200 });
}
`;

function app(files: Files): Files {
  return { 'package.json': nextPackage(), ...files };
}

const convexUnverified = `import { httpAction } from './_generated/server';
export const clerkWebhook = httpAction(async (ctx, request) => {
  const id = request.headers.get('svix-id');
  const payload = await request.json();
  console.log(id, payload);
  return new Response(null, { status: 200 });
});
`;
const viaUnknownPackage = `import { handleWebhook } from '@acme/webhooks';
export async function POST(req: Request) {
  const svixId = req.headers.get('svix-id');
  return handleWebhook(req, svixId);
}
`;

ruleTester.run(webhookUnverifiedRule, {
  valid: [
    {
      name: 'a route verified with verifyWebhook(req)',
      files: app({
        'app/api/webhooks/route.ts': unverifiedRoute
          .replace(
            "import type { NextRequest } from 'next/server';",
            "import type { NextRequest } from 'next/server';\nimport { verifyWebhook } from '@clerk/nextjs/webhooks';",
          )
          .replace('await req.json()', 'await verifyWebhook(req)'),
      }),
    },
  ],
  invalid: [
    {
      name: 'a route handling Clerk events from req.json(): the fix verifies with verifyWebhook',
      files: app({ 'app/api/webhooks/route.ts': unverifiedRoute }),
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [3, 14, 3, 30],
          message:
            'POST handles Clerk webhooks but never verifies the Svix signature, so anyone who finds the URL can post forged events. Verify first: const evt = await verifyWebhook(req).',
          related: ['app/api/webhooks/route.ts'],
          fixes: [
            {
              title: 'Verify the webhook with verifyWebhook(req)',
              output: {
                'app/api/webhooks/route.ts':
                  "import type { NextRequest } from 'next/server';\nimport { verifyWebhook } from '@clerk/nextjs/webhooks';\n\nexport async function POST(req: NextRequest) {\n  const evt = await verifyWebhook(req);\n  if (evt.type === 'user.created') {\n    console.log('new user', evt.data.id);\n  }\n  return new Response('ok', { status: 200 });\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a Convex httpAction that reads svix headers and verifies nothing',
      files: { 'package.json': JSON.stringify({ dependencies: { convex: '1.45.0' } }), 'convex/http.ts': convexUnverified },
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'error',
          file: 'convex/http.ts',
          range: [1, 13, 1, 25],
          message:
            'clerkWebhook handles Clerk webhooks but never verifies the Svix signature, so anyone who finds the URL can post forged events. Verify first: const evt = await verifyWebhook(req).',
          related: ['convex/http.ts'],
        },
      ],
    },
    {
      name: 'a request handed to a package the analysis cannot follow: warning',
      files: app({ 'app/api/webhooks/route.ts': viaUnknownPackage }),
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [1, 22, 1, 26],
          message:
            'POST handles Clerk webhooks, and no code the analysis follows verifies the signature; it hands the raw body to handleWebhook, code the analysis cannot follow (a package or a dynamic call). Make sure that code verifies it (verifyWebhook, or new Webhook(secret).verify) before the event is trusted.',
          related: ['app/api/webhooks/route.ts'],
        },
      ],
    },
  ],
});

describe('webhook-unverified', () => {
  it('flags a route that handles Clerk events from req.json(); the fix verifies with verifyWebhook', () => {
    const files = app({ 'app/api/webhooks/route.ts': unverifiedRoute });
    const finding = single(check(webhookUnverifiedRule, files));
    assert.equal(finding.ruleId, 'webhook-unverified');
    assert.equal(finding.severity, 'error');
    assert.equal(textAt(files, finding), 'await req.json()');
    assert.deepEqual(finding.location.range, { start: { line: 3, character: 14 }, end: { line: 3, character: 30 } });
    assert.equal(finding.related?.length, 1);
    assert.equal(finding.fixes![0].title, 'Verify the webhook with verifyWebhook(req)');
    assert.deepEqual(
      finding.fixes![0].edits.map((edit) => [edit.range, edit.newText]),
      [
        [{ start: { line: 3, character: 14 }, end: { line: 3, character: 30 } }, 'await verifyWebhook(req)'],
        [{ start: { line: 0, character: 47 }, end: { line: 0, character: 47 } }, "\nimport { verifyWebhook } from '@clerk/nextjs/webhooks';"],
      ],
    );
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['app/api/webhooks/route.ts'], /import \{ verifyWebhook \} from '@clerk\/nextjs\/webhooks';\n/);
    assert.match(fixed['app/api/webhooks/route.ts'], /const evt = await verifyWebhook\(req\);/);
    assert.deepEqual(check(webhookUnverifiedRule, fixed), []);
  });

  it('flags a Convex httpAction that reads svix headers and verifies nothing', () => {
    const http = `import { httpAction } from './_generated/server';
export const clerkWebhook = httpAction(async (ctx, request) => {
  const id = request.headers.get('svix-id');
  const payload = await request.json();
  console.log(id, payload);
  return new Response(null, { status: 200 });
});
`;
    const files: Files = { 'package.json': JSON.stringify({ dependencies: { convex: '1.45.0' } }), 'convex/http.ts': http };
    const finding = single(check(webhookUnverifiedRule, files));
    assert.equal(textAt(files, finding), 'clerkWebhook');
    assert.equal(finding.severity, 'error');
  });

  it('follows verification into a project helper and a ctx.runAction target', () => {
    const helperRoute = `import { handleClerkEvent } from '../../../lib/clerkWebhook';
export async function POST(req: Request) {
  const evt = await handleClerkEvent(req);
  if (evt.type === 'user.created') console.log(evt.data.id);
  return new Response('ok');
}
`;
    const helper = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
export async function handleClerkEvent(req: Request) {
  return verifyWebhook(req);
}
`;
    assert.deepEqual(check(webhookUnverifiedRule, app({ 'app/api/webhooks/route.ts': helperRoute, 'lib/clerkWebhook.ts': helper })), []);

    const http = `import { httpAction } from './_generated/server';
import { internal } from './_generated/api';
export const clerkWebhook = httpAction(async (ctx, request) => {
  const event = await ctx.runAction(internal.clerk.fulfill, {
    payload: await request.text(),
    headers: { 'svix-id': request.headers.get('svix-id')! },
  });
  return new Response(String(event), { status: 200 });
});
`;
    const action = `"use node";
import { internalAction } from './_generated/server';
import { Webhook } from 'svix';
export const fulfill = internalAction({
  handler: async (_ctx, args: { payload: string; headers: Record<string, string> }) => {
    return new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(args.payload, args.headers);
  },
});
`;
    const convexFiles: Files = { 'package.json': JSON.stringify({ dependencies: { convex: '1.45.0' } }), 'convex/http.ts': http, 'convex/clerk.ts': action };
    assert.deepEqual(check(webhookUnverifiedRule, convexFiles), []);
    const unverifiedAction = action.replace(
      'return new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(args.payload, args.headers);',
      'return JSON.parse(args.payload);',
    );
    assert.equal(single(check(webhookUnverifiedRule, { ...convexFiles, 'convex/clerk.ts': unverifiedAction })).severity, 'error');
  });

  it("stays silent on Convex's users-and-clerk-webhooks demo (verification in a module helper)", () => {
    const http = `import { httpRouter } from 'convex/server';
import { httpAction } from './_generated/server';
import { internal } from './_generated/api';
import type { WebhookEvent } from '@clerk/backend';
import { Webhook } from 'svix';

const handleClerkWebhook = httpAction(async (ctx, request) => {
  const event = await validateRequest(request);
  if (!event) {
    return new Response('Error occured', { status: 400 });
  }
  switch (event.type) {
    case 'user.created':
    case 'user.updated':
      await ctx.runMutation(internal.users.upsertFromClerk, { data: event.data });
      break;
    default:
      console.log('Ignored Clerk webhook event', event.type);
  }
  return new Response(null, { status: 200 });
});

const http = httpRouter();
http.route({ path: '/clerk-users-webhook', method: 'POST', handler: handleClerkWebhook });
export default http;

async function validateRequest(req: Request): Promise<WebhookEvent | null> {
  const payloadString = await req.text();
  const svixHeaders = {
    'svix-id': req.headers.get('svix-id')!,
    'svix-timestamp': req.headers.get('svix-timestamp')!,
    'svix-signature': req.headers.get('svix-signature')!,
  };
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SECRET!);
  try {
    return wh.verify(payloadString, svixHeaders) as unknown as WebhookEvent;
  } catch (error) {
    console.error('Error verifying webhook event', error);
    return null;
  }
}
`;
    const files: Files = {
      'package.json': JSON.stringify({ dependencies: { convex: '1.45.0', svix: '1.99.1' } }),
      'convex/http.ts': http,
      'convex/users.ts': 'export const upsertFromClerk = 1;\n',
    };
    assert.deepEqual(check(webhookUnverifiedRule, files), []);
    assert.deepEqual(check(webhookResponseRule, files), []);
    assert.deepEqual(check(webhookRawBodyRule, files), []);
  });

  it('warns (not errors) when the request goes to a package the analysis cannot follow', () => {
    const route = `import { handleWebhook } from '@acme/webhooks';
export async function POST(req: Request) {
  const svixId = req.headers.get('svix-id');
  return handleWebhook(req, svixId);
}
`;
    assert.equal(single(check(webhookUnverifiedRule, app({ 'app/api/webhooks/route.ts': route }))).severity, 'warning');
  });

  it('stays silent for verified routes and for non-Clerk webhooks', () => {
    const verified = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
export async function POST(req: Request) {
  const evt = await verifyWebhook(req);
  if (evt.type === 'user.created') console.log(evt.data.id);
  return new Response('ok');
}
`;
    assert.deepEqual(check(webhookUnverifiedRule, app({ 'app/api/webhooks/route.ts': verified })), []);
    const stripe = `export async function POST(req: Request) {
  const event = await req.json();
  if (event.type === 'checkout.session.completed') console.log(event.id);
  return new Response('ok');
}
`;
    assert.deepEqual(check(webhookUnverifiedRule, app({ 'app/api/webhooks/stripe/route.ts': stripe })), []);
  });

  it("does not take another provider's event for Clerk's when the names coincide (Paddle's subscription.created)", () => {
    const paddle = (imports: string): string => `${imports}export async function POST(req: Request) {
  const raw = await req.text();
  const event = paddle.webhooks.unmarshal(raw, process.env.PADDLE_WEBHOOK_SECRET!, req.headers.get('paddle-signature')!);
  if (event.type === 'subscription.created') console.log(event.data);
  return new Response('ok');
}
`;
    const withSdk = paddle("import { Paddle } from '@paddle/paddle-node-sdk';\nconst paddle = new Paddle(process.env.PADDLE_API_KEY!);\n");
    assert.deepEqual(check(webhookUnverifiedRule, app({ 'app/api/webhooks/paddle/route.ts': withSdk })), []);
    // The near miss: with a Clerk import the same comparison is Clerk evidence, and nothing verifies.
    const clerkFiles = app({
      'app/api/webhooks/route.ts': paddle(
        "import type { WebhookEvent } from '@clerk/nextjs/webhooks';\nconst paddle = { webhooks: { unmarshal: (raw: string, ..._rest: string[]) => JSON.parse(raw) as WebhookEvent } };\n",
      ),
    });
    const finding = single(check(webhookUnverifiedRule, clerkFiles));
    assert.equal(finding.severity, 'error');
    assert.equal(textAt(clerkFiles, finding), 'POST');
  });

  describe('following the raw body across files', () => {
    const tsconfig = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } });
    const route = `import { handleClerkWebhook } from '@/lib/webhooks/handle';
export async function POST(req: Request) {
  const evt = await handleClerkWebhook(req);
  if (evt.type === 'user.created') console.log(evt.data.id);
  return new Response('ok', { status: 200 });
}
`;
    const handle = `import { verifySignature } from './verify';
export async function handleClerkWebhook(req: Request) {
  const payload = await req.text();
  const headers = { 'svix-id': req.headers.get('svix-id') ?? '', 'svix-timestamp': req.headers.get('svix-timestamp') ?? '', 'svix-signature': req.headers.get('svix-signature') ?? '' };
  return verifySignature(payload, headers);
}
`;
    const verify = `import { Webhook } from 'svix';
import type { WebhookEvent } from '@clerk/nextjs/webhooks';
export function verifySignature(payload: string, headers: Record<string, string>) {
  return new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(payload, headers) as WebhookEvent;
}
`;
    const chain = (files: Files): Files =>
      app({ 'tsconfig.json': tsconfig, 'app/api/webhooks/route.ts': route, 'lib/webhooks/handle.ts': handle, 'lib/webhooks/verify.ts': verify, ...files });
    /** route → step1 → … → step<n> → svix: `n` helpers between the route and the check. */
    const steps = (n: number, last: string): Files => {
      const files: Files = {
        'lib/webhooks/handle.ts': `import { step1 } from './steps/step1';\nexport async function handleClerkWebhook(req: Request) {\n  return step1(await req.text(), req.headers.get('svix-id'));\n}\n`,
      };
      for (let index = 1; index < n; index++) {
        files[`lib/webhooks/steps/step${index}.ts`] =
          `import { step${index + 1} } from './step${index + 1}';\nexport function step${index}(body: string, id: string | null) {\n  return step${index + 1}(body, id);\n}\n`;
      }
      files[`lib/webhooks/steps/step${n}.ts`] = last.replace('STEP', `step${n}`);
      return files;
    };
    const verifyingStep = `import { Webhook } from 'svix';\nexport function STEP(body: string, id: string | null) {\n  return new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(body, { 'svix-id': id ?? '' }) as { type: string; data: { id: string } };\n}\n`;

    it('finds the check three files away (route → handle.ts → verify.ts → svix) through a tsconfig alias', () => {
      assert.deepEqual(check(webhookUnverifiedRule, chain({})), []);
    });

    it('follows re-exports of a barrel module and namespace imports', () => {
      const barrelRoute = route
        .replace("import { handleClerkWebhook } from '@/lib/webhooks/handle';", "import * as webhooks from '@/lib/webhooks';")
        .replace('await handleClerkWebhook(req)', 'await webhooks.handleClerkWebhook(req)');
      assert.deepEqual(
        check(webhookUnverifiedRule, chain({ 'app/api/webhooks/route.ts': barrelRoute, 'lib/webhooks/index.ts': "export * from './handle';\n" })),
        [],
      );
    });

    it(`finds the check ${maxFollowDepth} calls deep; one call deeper is a warning that points at the hand-over`, () => {
      assert.deepEqual(check(webhookUnverifiedRule, chain(steps(maxFollowDepth - 1, verifyingStep))), []);
      const files = chain(steps(maxFollowDepth, verifyingStep));
      const finding = single(check(webhookUnverifiedRule, files));
      assert.equal(finding.ruleId, 'webhook-unverified');
      assert.equal(finding.severity, 'warning');
      assert.equal(textAt(files, finding), 'POST');
      assert.deepEqual(finding.location.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 26 } });
      assert.match(finding.message, new RegExp(`${maxFollowDepth} calls deep.*step${maxFollowDepth}`));
      const related = finding.related![0];
      assert.equal(related.location.file, `/ws/lib/webhooks/steps/step${maxFollowDepth - 1}.ts`);
      assert.equal(textAt(files, { ...finding, location: related.location }), `step${maxFollowDepth}(body, id)`);
      assert.deepEqual(finding.fixes ?? [], []);
    });

    it('errors when the body stays in followed code and nothing verifies it, also through a cycle', () => {
      const parsing = `export function step2(body: string, id: string | null): { type: string; data: { id: string } } {\n  return id ? JSON.parse(body) : step1(body, id);\n}\nimport { step1 } from './step1';\n`;
      const files = chain(steps(2, parsing));
      const finding = single(check(webhookUnverifiedRule, files));
      assert.equal(finding.severity, 'error');
      assert.equal(textAt(files, finding), 'POST');
      assert.deepEqual(finding.fixes, []);
      // A cycle closing at the depth cap goes back into code already searched: still an error, not "too deep".
      const atCap = chain(steps(maxFollowDepth - 1, parsing.replace(/step2/g, `step${maxFollowDepth - 1}`)));
      assert.equal(single(check(webhookUnverifiedRule, atCap)).severity, 'error');
    });

    it("stays an error when the body only goes to the project's database client", () => {
      const storing = `import { db } from '@/lib/db';
export async function handleClerkWebhook(req: Request) {
  const payload = JSON.parse(await req.text());
  await db.insert('events').values({ payload, id: req.headers.get('svix-id') });
  return payload;
}
`;
      const files = chain({
        'lib/webhooks/handle.ts': storing,
        'lib/db.ts': "import { drizzle } from 'drizzle-orm/neon-http';\nexport const db = drizzle(process.env.DATABASE_URL!);\n",
      });
      assert.equal(single(check(webhookUnverifiedRule, files)).severity, 'error');
    });

    it('warns when a helper hands the body to a package, a dynamic call or global crypto', () => {
      const viaPackage = handle.replace("import { verifySignature } from './verify';", "import { verifySignature } from '@acme/webhooks';");
      const packaged = single(check(webhookUnverifiedRule, chain({ 'lib/webhooks/handle.ts': viaPackage })));
      assert.equal(packaged.severity, 'warning');
      assert.match(packaged.message, /verifySignature, code the analysis cannot follow/);
      assert.equal(packaged.related![0].location.file, '/ws/lib/webhooks/handle.ts');
      const dynamic = handle
        .replace('return verifySignature(payload, headers);', "return verifiers[headers['svix-id'] ? 'svix' : 'none'](payload, headers);")
        .replace("import { verifySignature } from './verify';", "import { verifiers } from './verify';");
      assert.equal(
        single(
          check(
            webhookUnverifiedRule,
            chain({
              'lib/webhooks/handle.ts': dynamic,
              'lib/webhooks/verify.ts': 'export const verifiers: Record<string, (p: string, h: object) => unknown> = {};\n',
            }),
          ),
        ).severity,
        'warning',
      );
      const webCrypto = handle
        .replace('return verifySignature(payload, headers);', "return crypto.subtle.digest('SHA-256', new TextEncoder().encode(payload));")
        .replace("import { verifySignature } from './verify';\n", '');
      assert.equal(single(check(webhookUnverifiedRule, chain({ 'lib/webhooks/handle.ts': webCrypto }))).severity, 'warning');
    });

    it('follows Convex actions run or scheduled from an httpAction, and their helpers in other files', () => {
      const http = `import { httpAction } from './_generated/server';
import { internal } from './_generated/api';
export const clerkWebhook = httpAction(async (ctx, request) => {
  const payload = await request.text();
  const svixId = request.headers.get('svix-id');
  await ctx.RUN;
  return new Response(null, { status: 200 });
});
`;
      const action = `"use node";
import { internalAction } from '../_generated/server';
import { checkSignature } from '../lib/signature';
export const receive = internalAction({
  handler: async (ctx, { payload, svixId }: { payload: string; svixId: string | null }) => {
    const event = checkSignature(payload, svixId);
    console.log(event);
  },
});
`;
      const signature = `import { Webhook } from 'svix';
export function checkSignature(payload: string, svixId: string | null) {
  return new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(payload, { 'svix-id': svixId ?? '' });
}
`;
      const convexApp = (run: string, signatureFile = signature): Files => ({
        'package.json': JSON.stringify({ dependencies: { convex: '1.45.0', svix: '1.99.1' } }),
        'convex/http.ts': http.replace('ctx.RUN', run),
        'convex/webhooks/clerk.ts': action,
        'convex/lib/signature.ts': signatureFile,
      });
      assert.deepEqual(check(webhookUnverifiedRule, convexApp('ctx.runAction(internal.webhooks.clerk.receive, { payload, svixId })')), []);
      assert.deepEqual(check(webhookUnverifiedRule, convexApp('ctx.scheduler.runAfter(0, internal.webhooks.clerk.receive, { payload, svixId })')), []);
      const unverified = convexApp(
        'ctx.runAction(internal.webhooks.clerk.receive, { payload, svixId })',
        'export function checkSignature(payload: string, _id: string | null) {\n  return JSON.parse(payload);\n}\n',
      );
      const finding = single(check(webhookUnverifiedRule, unverified));
      assert.equal(finding.severity, 'error');
      assert.equal(textAt(unverified, finding), 'clerkWebhook');
    });

    it('follows fetchAction from a Next route into the Convex action that verifies', () => {
      const nextRoute = `import { fetchAction } from 'convex/nextjs';
import { api } from '@/convex/_generated/api';
export async function POST(req: Request) {
  await fetchAction(api.clerk.verify, { payload: await req.text(), svixId: req.headers.get('svix-id') });
  return new Response('ok');
}
`;
      const action = `import { action } from './_generated/server';
import { Webhook } from 'svix';
export const verify = action({
  handler: async (_ctx, args: { payload: string; svixId: string | null }) => {
    new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(args.payload, { 'svix-id': args.svixId ?? '' });
  },
});
`;
      const files = app({ 'tsconfig.json': tsconfig, 'app/api/webhooks/route.ts': nextRoute, 'convex/clerk.ts': action });
      assert.deepEqual(check(webhookUnverifiedRule, files), []);
      const unverified = { ...files, 'convex/clerk.ts': action.replace(/new Webhook[^;]*;/, 'console.log(args.payload);') };
      assert.equal(single(check(webhookUnverifiedRule, unverified)).severity, 'error');
    });
  });
});
