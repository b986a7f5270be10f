import * as assert from 'node:assert/strict';
import { webhookRawBodyRule } from '../../../src/core/rules/webhook-raw-body';
import { webhookResponseRule } from '../../../src/core/rules/webhook-response';
import { webhookUnverifiedRule } from '../../../src/core/rules/webhook-unverified';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../analysis/routeRuleHarness';

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

describe('webhook-unverified', () => {
  it('flags a route that handles Clerk events from req.json(); the fix verifies with verifyWebhook', () => {
    const files = app({ 'app/api/webhooks/route.ts': unverifiedRoute });
    const finding = single(check(webhookUnverifiedRule, files));
    assert.equal(finding.severity, 'error');
    assert.equal(textAt(files, finding), 'await req.json()');
    assert.equal(finding.related?.length, 1);
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
    const unverifiedAction = action.replace("return new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(args.payload, args.headers);", 'return JSON.parse(args.payload);');
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
    const files: Files = { 'package.json': JSON.stringify({ dependencies: { convex: '1.45.0', svix: '1.99.1' } }), 'convex/http.ts': http, 'convex/users.ts': 'export const upsertFromClerk = 1;\n' };
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
});
