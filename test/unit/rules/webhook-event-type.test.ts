import * as assert from 'node:assert/strict';
import { nearestEventType } from '../../../src/core/analysis/webhookEvents';
import { validClerkEventTypes, webhookEventTypeRule } from '../../../src/core/rules/webhook-event-type';
import { nextPackage, ruleTester, type Files } from '../ruleTester';

const route = (body: string): string => `import { verifyWebhook } from '@clerk/nextjs/webhooks';
import type { NextRequest } from 'next/server';

export async function POST(req: NextRequest) {
  const evt = await verifyWebhook(req);
${body}
  return new Response('ok', { status: 200 });
}
`;

function app(source: string, path = 'app/api/webhooks/route.ts'): Files {
  return { 'package.json': nextPackage(), [path]: source };
}

const followed = `import type { WebhookEvent } from '@clerk/nextjs/server';
export function handle(event: WebhookEvent) {
  const { type } = event;
  switch (type) {
    case 'organization_membership.created': return 1;
    case 'user.updated': return 2;
  }
  if (['session.created', 'sessionn.ended'].includes(event.type)) return 3;
  return 0;
}
`;
const convexHttp = `import { httpAction } from './_generated/server';
import { Webhook } from 'svix';
export const handleClerk = httpAction(async (ctx, request) => {
  const event = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(await request.text(), {}) as { type: string };
  const payload = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(await request.text(), {});
  const eventType = payload.type;
  if (eventType === 'user.delete') return new Response(null, { status: 200 });
  return new Response(event.type, { status: 200 });
});
`;
const stripe = `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'customer.subscription.created') return new Response('ok');
  return new Response('ignored');
}
`;
const resend = (secret: string): string => `import { Webhook } from 'svix';
import { auth } from '@clerk/nextjs/server';
export async function POST(req: Request) {
  const { userId } = await auth();
  const wh = new Webhook(${secret});
  const event = wh.verify(await req.text(), Object.fromEntries(req.headers)) as { type: string };
  if (event.type === 'email.delivered' || event.type === 'user.create') console.log(userId);
  return new Response('ok');
}
`;

ruleTester.run(webhookEventTypeRule, {
  valid: [
    {
      name: 'valid types, including the SDK-only one',
      files: app(
        route("  if (evt.type === 'user.created' || evt.type === 'subscriptionItem.created' || evt.type === 'session.pending') return new Response('');"),
      ),
    },
    { name: 'another provider (Stripe)', files: app(stripe, 'app/api/stripe/route.ts') },
    {
      name: "another provider's svix events in a module that imports Clerk",
      files: app(resend('process.env.RESEND_WEBHOOK_SECRET!'), 'app/api/resend/route.ts'),
    },
  ],
  invalid: [
    {
      name: 'a misspelt event compared with evt.type: the fix writes the nearest valid type',
      files: app(route("  if (evt.type === 'user.create') console.log(evt.data.id);")),
      errors: [
        {
          ruleId: 'webhook-event-type',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [5, 20, 5, 31],
          message: "'user.create' is not a Clerk webhook event type, so this comparison is never true and its branch never runs. Did you mean 'user.created'?",
          fixes: [
            {
              title: "Replace with 'user.created'",
              output: {
                'app/api/webhooks/route.ts':
                  "import { verifyWebhook } from '@clerk/nextjs/webhooks';\nimport type { NextRequest } from 'next/server';\n\nexport async function POST(req: NextRequest) {\n  const evt = await verifyWebhook(req);\n  if (evt.type === 'user.created') console.log(evt.data.id);\n  return new Response('ok', { status: 200 });\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'switch cases, destructured types, includes() and WebhookEvent-typed parameters',
      files: app(followed, 'lib/webhooks.ts'),
      errors: [
        {
          ruleId: 'webhook-event-type',
          severity: 'warning',
          file: 'lib/webhooks.ts',
          range: [4, 10, 4, 41],
          message:
            "'organization_membership.created' is not a Clerk webhook event type, so this comparison is never true and its branch never runs. Did you mean 'organizationMembership.created'?",
          fixes: [
            {
              title: "Replace with 'organizationMembership.created'",
              output: {
                'lib/webhooks.ts':
                  "import type { WebhookEvent } from '@clerk/nextjs/server';\nexport function handle(event: WebhookEvent) {\n  const { type } = event;\n  switch (type) {\n    case 'organizationMembership.created': return 1;\n    case 'user.updated': return 2;\n  }\n  if (['session.created', 'sessionn.ended'].includes(event.type)) return 3;\n  return 0;\n}\n",
              },
            },
          ],
        },
        {
          ruleId: 'webhook-event-type',
          severity: 'warning',
          file: 'lib/webhooks.ts',
          range: [7, 27, 7, 41],
          message:
            "'sessionn.ended' is not a Clerk webhook event type, so this comparison is never true and its branch never runs. Did you mean 'session.ended'?",
          fixes: [
            {
              title: "Replace with 'session.ended'",
              output: {
                'lib/webhooks.ts':
                  "import type { WebhookEvent } from '@clerk/nextjs/server';\nexport function handle(event: WebhookEvent) {\n  const { type } = event;\n  switch (type) {\n    case 'organization_membership.created': return 1;\n    case 'user.updated': return 2;\n  }\n  if (['session.created', 'session.ended'].includes(event.type)) return 3;\n  return 0;\n}\n",
              },
            },
          ],
        },
      ],
    },
    {
      name: 'the svix payload of a Clerk handler in Convex',
      files: { 'package.json': JSON.stringify({ dependencies: { convex: '1.45.0' } }), 'convex/http.ts': convexHttp },
      errors: [
        {
          ruleId: 'webhook-event-type',
          severity: 'warning',
          file: 'convex/http.ts',
          range: [6, 21, 6, 32],
          message: "'user.delete' is not a Clerk webhook event type, so this comparison is never true and its branch never runs. Did you mean 'user.deleted'?",
          fixes: [
            {
              title: "Replace with 'user.deleted'",
              output: {
                'convex/http.ts':
                  "import { httpAction } from './_generated/server';\nimport { Webhook } from 'svix';\nexport const handleClerk = httpAction(async (ctx, request) => {\n  const event = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(await request.text(), {}) as { type: string };\n  const payload = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(await request.text(), {});\n  const eventType = payload.type;\n  if (eventType === 'user.deleted') return new Response(null, { status: 200 });\n  return new Response(event.type, { status: 200 });\n});\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: "svix events verified with a Clerk secret (positive twin of another provider's)",
      files: app(resend('process.env.CLERK_WEBHOOK_SIGNING_SECRET!')),
      errors: [
        {
          ruleId: 'webhook-event-type',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [6, 22, 6, 37],
          message:
            "'email.delivered' is not a Clerk webhook event type, so this comparison is never true and its branch never runs. Use a type from the Clerk event catalog (e.g. 'user.created').",
        },
        {
          ruleId: 'webhook-event-type',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [6, 58, 6, 69],
          message: "'user.create' is not a Clerk webhook event type, so this comparison is never true and its branch never runs. Did you mean 'user.created'?",
          fixes: [
            {
              title: "Replace with 'user.created'",
              output: {
                'app/api/webhooks/route.ts':
                  "import { Webhook } from 'svix';\nimport { auth } from '@clerk/nextjs/server';\nexport async function POST(req: Request) {\n  const { userId } = await auth();\n  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);\n  const event = wh.verify(await req.text(), Object.fromEntries(req.headers)) as { type: string };\n  if (event.type === 'email.delivered' || event.type === 'user.created') console.log(userId);\n  return new Response('ok');\n}\n",
              },
            },
          ],
        },
      ],
    },
    {
      name: "a generic WEBHOOK_SECRET (Clerk's older docs): the Clerk import decides",
      files: app(`const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET;\n${resend('WEBHOOK_SECRET!')}`),
      errors: [
        {
          ruleId: 'webhook-event-type',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [7, 22, 7, 37],
          message:
            "'email.delivered' is not a Clerk webhook event type, so this comparison is never true and its branch never runs. Use a type from the Clerk event catalog (e.g. 'user.created').",
        },
        {
          ruleId: 'webhook-event-type',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [7, 58, 7, 69],
          message: "'user.create' is not a Clerk webhook event type, so this comparison is never true and its branch never runs. Did you mean 'user.created'?",
          fixes: [
            {
              title: "Replace with 'user.created'",
              output: {
                'app/api/webhooks/route.ts':
                  "const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET;\nimport { Webhook } from 'svix';\nimport { auth } from '@clerk/nextjs/server';\nexport async function POST(req: Request) {\n  const { userId } = await auth();\n  const wh = new Webhook(WEBHOOK_SECRET!);\n  const event = wh.verify(await req.text(), Object.fromEntries(req.headers)) as { type: string };\n  if (event.type === 'email.delivered' || event.type === 'user.created') console.log(userId);\n  return new Response('ok');\n}\n",
              },
            },
          ],
        },
      ],
    },
  ],
});

describe('webhook-event-type: the event catalog', () => {
  it('knows every type of the spec catalog and suggests across case and separators', () => {
    assert.ok(validClerkEventTypes.includes('organizationInvitation.accepted'));
    assert.ok(validClerkEventTypes.includes('subscriptionItem.freeTrialEnding'));
    assert.equal(nearestEventType('organizationmembership.created', validClerkEventTypes), 'organizationMembership.created');
    assert.equal(nearestEventType('subscription_item.past_due', validClerkEventTypes), 'subscriptionItem.pastDue');
    assert.equal(nearestEventType('invoice.paid', validClerkEventTypes), undefined);
  });
});
