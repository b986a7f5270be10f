import * as assert from 'node:assert/strict';
import { webhookRawBodyRule } from '../../../src/core/rules/webhook-raw-body';
import { webhookResponseRule } from '../../../src/core/rules/webhook-response';
import { webhookUnverifiedRule } from '../../../src/core/rules/webhook-unverified';
import { maxFollowDepth } from '../../../src/core/analysis/webhookTrace';
import { check, nextPackage, ruleTester, single, textAt, type Files } from '../ruleTester';

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

const convexPackage = JSON.stringify({ dependencies: { convex: '1.45.0' } });

const helperRoute = `import { handleClerkEvent } from '../../../lib/clerkWebhook';
export async function POST(req: Request) {
  const evt = await handleClerkEvent(req);
  if (evt.type === 'user.created') console.log(evt.data.id);
  return new Response('ok');
}
`;
const verifyingHelper = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
export async function handleClerkEvent(req: Request) {
  return verifyWebhook(req);
}
`;
const runActionHttp = `import { httpAction } from './_generated/server';
import { internal } from './_generated/api';
export const clerkWebhook = httpAction(async (ctx, request) => {
  const event = await ctx.runAction(internal.clerk.fulfill, {
    payload: await request.text(),
    headers: { 'svix-id': request.headers.get('svix-id')! },
  });
  return new Response(String(event), { status: 200 });
});
`;
const fulfillAction = `"use node";
import { internalAction } from './_generated/server';
import { Webhook } from 'svix';
export const fulfill = internalAction({
  handler: async (_ctx, args: { payload: string; headers: Record<string, string> }) => {
    return new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(args.payload, args.headers);
  },
});
`;
const runActionFiles: Files = { 'package.json': convexPackage, 'convex/http.ts': runActionHttp, 'convex/clerk.ts': fulfillAction };

const usersAndClerkWebhooksDemo = `import { httpRouter } from 'convex/server';
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

const paddle = (imports: string): string => `${imports}export async function POST(req: Request) {
  const raw = await req.text();
  const event = paddle.webhooks.unmarshal(raw, process.env.PADDLE_WEBHOOK_SECRET!, req.headers.get('paddle-signature')!);
  if (event.type === 'subscription.created') console.log(event.data);
  return new Response('ok');
}
`;

// ---- following the raw body across files ----

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

const barrelRoute = route
  .replace("import { handleClerkWebhook } from '@/lib/webhooks/handle';", "import * as webhooks from '@/lib/webhooks';")
  .replace('await handleClerkWebhook(req)', 'await webhooks.handleClerkWebhook(req)');
const parsingStep = `export function step2(body: string, id: string | null): { type: string; data: { id: string } } {\n  return id ? JSON.parse(body) : step1(body, id);\n}\nimport { step1 } from './step1';\n`;
const storing = `import { db } from '@/lib/db';
export async function handleClerkWebhook(req: Request) {
  const payload = JSON.parse(await req.text());
  await db.insert('events').values({ payload, id: req.headers.get('svix-id') });
  return payload;
}
`;
const dynamicHandle = handle
  .replace('return verifySignature(payload, headers);', "return verifiers[headers['svix-id'] ? 'svix' : 'none'](payload, headers);")
  .replace("import { verifySignature } from './verify';", "import { verifiers } from './verify';");
const webCryptoHandle = handle
  .replace('return verifySignature(payload, headers);', "return crypto.subtle.digest('SHA-256', new TextEncoder().encode(payload));")
  .replace("import { verifySignature } from './verify';\n", '');

const scheduleHttp = `import { httpAction } from './_generated/server';
import { internal } from './_generated/api';
export const clerkWebhook = httpAction(async (ctx, request) => {
  const payload = await request.text();
  const svixId = request.headers.get('svix-id');
  await ctx.RUN;
  return new Response(null, { status: 200 });
});
`;
const receiveAction = `"use node";
import { internalAction } from '../_generated/server';
import { checkSignature } from '../lib/signature';
export const receive = internalAction({
  handler: async (ctx, { payload, svixId }: { payload: string; svixId: string | null }) => {
    const event = checkSignature(payload, svixId);
    console.log(event);
  },
});
`;
const signatureHelper = `import { Webhook } from 'svix';
export function checkSignature(payload: string, svixId: string | null) {
  return new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(payload, { 'svix-id': svixId ?? '' });
}
`;
const convexApp = (run: string, signatureFile = signatureHelper): Files => ({
  'package.json': JSON.stringify({ dependencies: { convex: '1.45.0', svix: '1.99.1' } }),
  'convex/http.ts': scheduleHttp.replace('ctx.RUN', run),
  'convex/webhooks/clerk.ts': receiveAction,
  'convex/lib/signature.ts': signatureFile,
});

const nextRoute = `import { fetchAction } from 'convex/nextjs';
import { api } from '@/convex/_generated/api';
export async function POST(req: Request) {
  await fetchAction(api.clerk.verify, { payload: await req.text(), svixId: req.headers.get('svix-id') });
  return new Response('ok');
}
`;
const verifyAction = `import { action } from './_generated/server';
import { Webhook } from 'svix';
export const verify = action({
  handler: async (_ctx, args: { payload: string; svixId: string | null }) => {
    new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(args.payload, { 'svix-id': args.svixId ?? '' });
  },
});
`;
const fetchActionFiles = app({ 'tsconfig.json': tsconfig, 'app/api/webhooks/route.ts': nextRoute, 'convex/clerk.ts': verifyAction });

ruleTester.run(webhookUnverifiedRule, {
  valid: [
    { name: 'verification followed into a project helper', files: app({ 'app/api/webhooks/route.ts': helperRoute, 'lib/clerkWebhook.ts': verifyingHelper }) },
    { name: 'verification followed into a ctx.runAction target', files: runActionFiles },
    {
      name: 'a verified route with verifyWebhook in the handler',
      files: app({
        'app/api/webhooks/route.ts': `import { verifyWebhook } from '@clerk/nextjs/webhooks';\nexport async function POST(req: Request) {\n  const evt = await verifyWebhook(req);\n  if (evt.type === 'user.created') console.log(evt.data.id);\n  return new Response('ok');\n}\n`,
      }),
    },
    {
      name: 'a non-Clerk (Stripe) webhook',
      files: app({
        'app/api/webhooks/stripe/route.ts': `export async function POST(req: Request) {\n  const event = await req.json();\n  if (event.type === 'checkout.session.completed') console.log(event.id);\n  return new Response('ok');\n}\n`,
      }),
    },
    {
      name: "another provider's event named like Clerk's (Paddle's subscription.created, with the Paddle SDK)",
      files: app({
        'app/api/webhooks/paddle/route.ts': paddle(
          "import { Paddle } from '@paddle/paddle-node-sdk';\nconst paddle = new Paddle(process.env.PADDLE_API_KEY!);\n",
        ),
      }),
    },
    { name: 'the check three files away (route → handle.ts → verify.ts → svix) through a tsconfig alias', files: chain({}) },
    {
      name: 're-exports of a barrel module and namespace imports',
      files: chain({ 'app/api/webhooks/route.ts': barrelRoute, 'lib/webhooks/index.ts': "export * from './handle';\n" }),
    },
    { name: `the check ${maxFollowDepth} calls deep`, files: chain(steps(maxFollowDepth - 1, verifyingStep)) },
    {
      name: 'a Convex action run from an httpAction, verifying in a helper of another file',
      files: convexApp('ctx.runAction(internal.webhooks.clerk.receive, { payload, svixId })'),
    },
    {
      name: 'a Convex action scheduled from an httpAction, verifying in a helper of another file',
      files: convexApp('ctx.scheduler.runAfter(0, internal.webhooks.clerk.receive, { payload, svixId })'),
    },
    { name: 'fetchAction from a Next route into the Convex action that verifies', files: fetchActionFiles },
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
    {
      name: 'the ctx.runAction target does not verify',
      files: {
        ...runActionFiles,
        'convex/clerk.ts': fulfillAction.replace(
          'return new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(args.payload, args.headers);',
          'return JSON.parse(args.payload);',
        ),
      },
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'error',
          file: 'convex/http.ts',
          range: [2, 13, 2, 25],
          message:
            'clerkWebhook handles Clerk webhooks but never verifies the Svix signature, so anyone who finds the URL can post forged events. Verify first: const evt = await verifyWebhook(req).',
          related: ['convex/http.ts'],
        },
      ],
    },
    {
      name: 'near miss of the Paddle case: with a Clerk import the same comparison is Clerk evidence, and nothing verifies',
      files: app({
        'app/api/webhooks/route.ts': paddle(
          "import type { WebhookEvent } from '@clerk/nextjs/webhooks';\nconst paddle = { webhooks: { unmarshal: (raw: string, ..._rest: string[]) => JSON.parse(raw) as WebhookEvent } };\n",
        ),
      }),
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [2, 22, 2, 26],
          message:
            'POST handles Clerk webhooks but never verifies the Svix signature, so anyone who finds the URL can post forged events. Verify first: const evt = await verifyWebhook(req).',
          related: ['app/api/webhooks/route.ts'],
        },
      ],
    },
    {
      name: `one call deeper than ${maxFollowDepth}: a warning that points at the hand-over, without a fix`,
      files: chain(steps(maxFollowDepth, verifyingStep)),
      errors: [
        {
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [1, 22, 1, 26],
          message: `POST handles Clerk webhooks, and no code the analysis follows (${maxFollowDepth} calls deep) verifies the signature; it hands the raw body on to step${maxFollowDepth}, deeper than that. Make sure that code verifies it (verifyWebhook, or new Webhook(secret).verify) before the event is trusted.`,
          related: [`lib/webhooks/steps/step${maxFollowDepth - 1}.ts`],
        },
      ],
    },
    {
      name: 'the body stays in followed code and nothing verifies it, through a cycle',
      files: chain(steps(2, parsingStep)),
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [1, 22, 1, 26],
          message:
            'POST handles Clerk webhooks but never verifies the Svix signature, so anyone who finds the URL can post forged events. Verify first: const evt = await verifyWebhook(req).',
          related: ['app/api/webhooks/route.ts'],
        },
      ],
    },
    {
      name: 'a cycle closing at the depth cap goes back into code already searched: still an error, not "too deep"',
      files: chain(steps(maxFollowDepth - 1, parsingStep.replace(/step2/g, `step${maxFollowDepth - 1}`))),
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [1, 22, 1, 26],
          message:
            'POST handles Clerk webhooks but never verifies the Svix signature, so anyone who finds the URL can post forged events. Verify first: const evt = await verifyWebhook(req).',
          related: ['app/api/webhooks/route.ts'],
        },
      ],
    },
    {
      name: "the body only goes to the project's database client",
      files: chain({
        'lib/webhooks/handle.ts': storing,
        'lib/db.ts': "import { drizzle } from 'drizzle-orm/neon-http';\nexport const db = drizzle(process.env.DATABASE_URL!);\n",
      }),
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [1, 22, 1, 26],
          message:
            'POST handles Clerk webhooks but never verifies the Svix signature, so anyone who finds the URL can post forged events. Verify first: const evt = await verifyWebhook(req).',
          related: ['app/api/webhooks/route.ts'],
        },
      ],
    },
    {
      name: 'a helper hands the body to a package',
      files: chain({
        'lib/webhooks/handle.ts': handle.replace("import { verifySignature } from './verify';", "import { verifySignature } from '@acme/webhooks';"),
      }),
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [1, 22, 1, 26],
          message:
            'POST handles Clerk webhooks, and no code the analysis follows verifies the signature; it hands the raw body to verifySignature, code the analysis cannot follow (a package or a dynamic call). Make sure that code verifies it (verifyWebhook, or new Webhook(secret).verify) before the event is trusted.',
          related: ['lib/webhooks/handle.ts'],
        },
      ],
    },
    {
      name: 'a helper hands the body to a dynamic call',
      files: chain({
        'lib/webhooks/handle.ts': dynamicHandle,
        'lib/webhooks/verify.ts': 'export const verifiers: Record<string, (p: string, h: object) => unknown> = {};\n',
      }),
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [1, 22, 1, 26],
          message:
            "POST handles Clerk webhooks, and no code the analysis follows verifies the signature; it hands the raw body to verifiers[headers['svix-id'] ? 'svix' : 'none'], code the analysis cannot follow (a package or a dynamic call). Make sure that code verifies it (verifyWebhook, or new Webhook(secret).verify) before the event is trusted.",
          related: ['lib/webhooks/handle.ts'],
        },
      ],
    },
    {
      name: 'a helper hands the body to global crypto',
      files: chain({ 'lib/webhooks/handle.ts': webCryptoHandle }),
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [1, 22, 1, 26],
          message:
            'POST handles Clerk webhooks, and no code the analysis follows verifies the signature; it hands the raw body to crypto.subtle.digest, code the analysis cannot follow (a package or a dynamic call). Make sure that code verifies it (verifyWebhook, or new Webhook(secret).verify) before the event is trusted.',
          related: ['lib/webhooks/handle.ts'],
        },
      ],
    },
    {
      name: 'a Convex action run from an httpAction whose helper does not verify',
      files: convexApp(
        'ctx.runAction(internal.webhooks.clerk.receive, { payload, svixId })',
        'export function checkSignature(payload: string, _id: string | null) {\n  return JSON.parse(payload);\n}\n',
      ),
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'error',
          file: 'convex/http.ts',
          range: [2, 13, 2, 25],
          message:
            'clerkWebhook handles Clerk webhooks but never verifies the Svix signature, so anyone who finds the URL can post forged events. Verify first: const evt = await verifyWebhook(req).',
          related: ['convex/http.ts'],
        },
      ],
    },
    {
      name: 'fetchAction from a Next route into a Convex action that does not verify',
      files: { ...fetchActionFiles, 'convex/clerk.ts': verifyAction.replace(/new Webhook[^;]*;/, 'console.log(args.payload);') },
      errors: [
        {
          ruleId: 'webhook-unverified',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [2, 22, 2, 26],
          message:
            'POST handles Clerk webhooks but never verifies the Svix signature, so anyone who finds the URL can post forged events. Verify first: const evt = await verifyWebhook(req).',
          related: ['app/api/webhooks/route.ts'],
        },
      ],
    },
  ],
});

/** Convex's users-and-clerk-webhooks demo (verification in a module helper): silent for all three webhook rules. */
ruleTester.run(
  [webhookUnverifiedRule, webhookResponseRule, webhookRawBodyRule],
  {
    valid: [
      {
        name: "Convex's users-and-clerk-webhooks demo",
        files: {
          'package.json': JSON.stringify({ dependencies: { convex: '1.45.0', svix: '1.99.1' } }),
          'convex/http.ts': usersAndClerkWebhooksDemo,
          'convex/users.ts': 'export const upsertFromClerk = 1;\n',
        },
      },
    ],
  },
  'webhook-unverified, webhook-response and webhook-raw-body (RuleTester)',
);

/** What the RuleTester checks only by file: the related location's text. */
describe('webhook-unverified related locations', () => {
  it(`one call deeper than ${maxFollowDepth}: the related location is the hand-over call`, () => {
    const files = chain(steps(maxFollowDepth, verifyingStep));
    const finding = single(check(webhookUnverifiedRule, files));
    assert.equal(textAt(files, { ...finding, location: finding.related![0].location }), `step${maxFollowDepth}(body, id)`);
  });
});
