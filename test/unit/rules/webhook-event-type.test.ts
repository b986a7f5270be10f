import * as assert from 'node:assert/strict';
import { nearestEventType } from '../../../src/core/analysis/webhookEvents';
import { validClerkEventTypes, webhookEventTypeRule } from '../../../src/core/rules/webhook-event-type';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../ruleTester';

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

describe('webhook-event-type', () => {
  it('flags a misspelt event compared with evt.type and replaces it with the nearest valid type', () => {
    const files = app(route("  if (evt.type === 'user.create') console.log(evt.data.id);"));
    const finding = single(check(webhookEventTypeRule, files));
    assert.equal(finding.severity, 'warning');
    assert.equal(textAt(files, finding), 'user.create');
    assert.match(finding.message, /user\.created/);
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['app/api/webhooks/route.ts'], /evt\.type === 'user\.created'/);
    assert.deepEqual(check(webhookEventTypeRule, fixed), []);
  });

  it('follows switch cases, destructured types, includes() and WebhookEvent-typed parameters', () => {
    const source = `import type { WebhookEvent } from '@clerk/nextjs/server';
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
    const files = app(source, 'lib/webhooks.ts');
    const findings = check(webhookEventTypeRule, files);
    assert.deepEqual(findings.map((finding) => textAt(files, finding)).sort(), ['organization_membership.created', 'sessionn.ended']);
    let fixed = files;
    for (const finding of findings) fixed = applyFix(fixed, finding.fixes![0]);
    assert.match(fixed['lib/webhooks.ts'], /case 'organizationMembership\.created'/);
    assert.match(fixed['lib/webhooks.ts'], /'session\.ended'\]/);
    assert.deepEqual(check(webhookEventTypeRule, fixed), []);
  });

  it('checks the svix payload of a Clerk handler in Convex', () => {
    const http = `import { httpAction } from './_generated/server';
import { Webhook } from 'svix';
export const handleClerk = httpAction(async (ctx, request) => {
  const event = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(await request.text(), {}) as { type: string };
  const payload = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(await request.text(), {});
  const eventType = (payload as { type: string }).type;
  if (eventType === 'user.delete') return new Response(null, { status: 200 });
  return new Response(event.type, { status: 200 });
});
`;
    // `payload` is a svix verify result in a module that uses a CLERK secret.
    const files: Files = { 'package.json': JSON.stringify({ dependencies: { convex: '1.45.0' } }), 'convex/http.ts': http.replace('(payload as { type: string }).type', 'payload.type') };
    assert.equal(textAt(files, single(check(webhookEventTypeRule, files))), 'user.delete');
  });

  it('stays silent for valid types, the SDK-only type, and other providers (Stripe)', () => {
    assert.deepEqual(check(webhookEventTypeRule, app(route("  if (evt.type === 'user.created' || evt.type === 'subscriptionItem.created' || evt.type === 'session.pending') return new Response('');"))), []);
    const stripe = `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === 'customer.subscription.created') return new Response('ok');
  return new Response('ignored');
}
`;
    assert.deepEqual(check(webhookEventTypeRule, app(stripe, 'app/api/stripe/route.ts')), []);
  });

  it('knows every type of the spec catalog and suggests across case and separators', () => {
    assert.ok(validClerkEventTypes.includes('organizationInvitation.accepted'));
    assert.ok(validClerkEventTypes.includes('subscriptionItem.freeTrialEnding'));
    assert.equal(nearestEventType('organizationmembership.created', validClerkEventTypes), 'organizationMembership.created');
    assert.equal(nearestEventType('subscription_item.past_due', validClerkEventTypes), 'subscriptionItem.pastDue');
    assert.equal(nearestEventType('invoice.paid', validClerkEventTypes), undefined);
  });

  it("ignores another provider's svix events in a module that imports Clerk, but not a Clerk or generic secret's", () => {
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
    assert.deepEqual(check(webhookEventTypeRule, app(resend('process.env.RESEND_WEBHOOK_SECRET!'), 'app/api/resend/route.ts')), []);
    const clerkSecret = app(resend('process.env.CLERK_WEBHOOK_SIGNING_SECRET!'));
    const clerkFindings = check(webhookEventTypeRule, clerkSecret);
    assert.deepEqual(clerkFindings.map((finding) => [finding.ruleId, finding.severity, textAt(clerkSecret, finding)]), [
      ['webhook-event-type', 'warning', 'email.delivered'],
      ['webhook-event-type', 'warning', 'user.create'],
    ]);
    // Clerk's older docs named the secret WEBHOOK_SECRET: generic, so the Clerk import decides.
    const generic = `const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET;\n${resend('WEBHOOK_SECRET!')}`;
    assert.equal(check(webhookEventTypeRule, app(generic)).length, 2);
  });
});

