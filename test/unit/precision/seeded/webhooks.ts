import { edit, write, type Seed } from './harness';

const nextRoute = 'app/api/webhooks/clerk/route.ts';

/** The event handling the seeded handlers share; the mistakes are around it, not in it. */
const handleUserCreated = "  if (evt.type === 'user.created') {\n    console.log('New user', evt.data.id);\n  }\n";

/** Webhooks: webhook-unverified, webhook-raw-body, webhook-event-type, webhook-response. */
export const webhookSeeds: Seed[] = [
  {
    name: 'the Next route trusts await req.json() without verifying',
    apply: (dir) =>
      write(
        dir,
        nextRoute,
        `import type { WebhookEvent } from '@clerk/nextjs/webhooks';

export async function POST(req: Request) {
  const evt = (await req.json()) as WebhookEvent;
${handleUserCreated}  return new Response('Webhook received', { status: 200 });
}
`,
      ),
    ruleId: 'webhook-unverified',
    severity: 'error',
    file: nextRoute,
    lineText: 'await req.json()',
    fix: { title: /^Verify the webhook with verifyWebhook\(req\)$/ },
  },
  {
    name: 'the Convex HTTP action trusts request.json() without verifying',
    apply: (dir) =>
      edit(dir, 'convex/http.ts', (text) =>
        text
          .replace("import { verifyWebhook } from '@clerk/backend/webhooks';\n", "import type { WebhookEvent } from '@clerk/backend';\n")
          .replace(
            'const event = await verifyWebhook(request, { signingSecret: process.env.CLERK_WEBHOOK_SIGNING_SECRET! });',
            'const event = (await request.json()) as WebhookEvent;',
          ),
      ),
    ruleId: 'webhook-unverified',
    severity: 'error',
    file: 'convex/http.ts',
    lineText: 'handler: httpAction(',
  },
  {
    name: 'the Next route reads svix headers and the event without verifying',
    apply: (dir) =>
      write(
        dir,
        nextRoute,
        `import type { WebhookEvent } from '@clerk/nextjs/webhooks';

export async function POST(req: Request) {
  const svixId = req.headers.get('svix-id');
  if (!svixId) return new Response('Missing svix headers', { status: 400 });
  const evt: WebhookEvent = await req.json();
  if (evt.type === 'user.deleted') {
    console.log('Deleted user', evt.data.id);
  }
  return new Response('OK', { status: 200 });
}
`,
      ),
    ruleId: 'webhook-unverified',
    severity: 'error',
    file: nextRoute,
    lineText: 'await req.json()',
    fix: { title: /^Verify the webhook with verifyWebhook\(req\)$/ },
  },
  {
    name: 'the body re-serialized before new Webhook(secret).verify',
    apply: (dir) =>
      write(
        dir,
        nextRoute,
        `import { Webhook } from 'svix';
import type { WebhookEvent } from '@clerk/nextjs/webhooks';

export async function POST(req: Request) {
  const headers = {
    'svix-id': req.headers.get('svix-id') ?? '',
    'svix-timestamp': req.headers.get('svix-timestamp') ?? '',
    'svix-signature': req.headers.get('svix-signature') ?? '',
  };
  let evt: WebhookEvent;
  try {
    evt = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(JSON.stringify(await req.json()), headers) as WebhookEvent;
  } catch {
    return new Response('Error verifying webhook', { status: 400 });
  }
${handleUserCreated}  return new Response('Webhook received', { status: 200 });
}
`,
      ),
    ruleId: 'webhook-raw-body',
    severity: 'error',
    file: nextRoute,
    lineText: 'JSON.stringify(await req.json())',
    fix: { title: /^Verify the raw body \(await req\.text\(\)\)$/ },
  },
  {
    name: 'the body logged before verifyWebhook(req) reads it (Body is unusable)',
    apply: (dir) => edit(dir, nextRoute, (text) => text.replace('  try {\n', "  console.log('Webhook payload', await req.text());\n  try {\n")),
    ruleId: 'webhook-raw-body',
    severity: 'error',
    file: nextRoute,
    lineText: 'await req.text()',
    fix: { title: /^Remove the early body read$/ },
  },
  {
    name: "Clerk's 2023-2025 docs pattern: JSON.stringify(payload) through a local",
    apply: (dir) =>
      write(
        dir,
        nextRoute,
        `import { Webhook } from 'svix';
import { headers } from 'next/headers';
import type { WebhookEvent } from '@clerk/nextjs/server';

export async function POST(req: Request) {
  const headerPayload = await headers();
  const svixHeaders = {
    'svix-id': headerPayload.get('svix-id') ?? '',
    'svix-timestamp': headerPayload.get('svix-timestamp') ?? '',
    'svix-signature': headerPayload.get('svix-signature') ?? '',
  };
  const payload = await req.json();
  const body = JSON.stringify(payload);
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  let evt: WebhookEvent;
  try {
    evt = wh.verify(body, svixHeaders) as WebhookEvent;
  } catch (err) {
    console.error('Error verifying webhook:', err);
    return new Response('Error occured', { status: 400 });
  }
${handleUserCreated}  return new Response('', { status: 200 });
}
`,
      ),
    ruleId: 'webhook-raw-body',
    severity: 'error',
    file: nextRoute,
    lineText: 'JSON.stringify(payload)',
    fix: { title: /^Verify the raw body \(await req\.text\(\)\)$/ },
  },
  {
    name: "the event type misspelled 'user.create' in the Next route",
    apply: (dir) => edit(dir, nextRoute, (text) => text.replace("'user.created'", "'user.create'")),
    ruleId: 'webhook-event-type',
    severity: 'warning',
    file: nextRoute,
    lineText: "'user.create'",
    fix: { title: /^Replace with 'user\.created'$/ },
  },
  {
    name: "the event type misspelled 'user.create' in the Convex HTTP action",
    apply: (dir) => edit(dir, 'convex/http.ts', (text) => text.replace("case 'user.created':", "case 'user.create':")),
    ruleId: 'webhook-event-type',
    severity: 'warning',
    file: 'convex/http.ts',
    lineText: "case 'user.create':",
    fix: { title: /^Replace with 'user\.created'$/ },
  },
  {
    name: "the snake_case 'organization_membership.created' from the Svix payload docs",
    apply: (dir) => edit(dir, nextRoute, (text) => text.replace("'user.created'", "'organization_membership.created'")),
    ruleId: 'webhook-event-type',
    severity: 'warning',
    file: nextRoute,
    lineText: "'organization_membership.created'",
    fix: { title: /^Replace with 'organizationMembership\.created'$/ },
  },
  {
    name: 'a failed verification answered 200 "so Clerk stops retrying"',
    apply: (dir) =>
      edit(dir, nextRoute, (text) =>
        text.replace("return new Response('Error verifying webhook', { status: 400 });", "return new Response('Ignored', { status: 200 });"),
      ),
    ruleId: 'webhook-response',
    severity: 'warning',
    file: nextRoute,
    lineText: "return new Response('Ignored', { status: 200 });",
  },
  {
    name: 'an event type the route does not handle answered 400 (Svix retries it for days)',
    apply: (dir) =>
      edit(dir, nextRoute, (text) =>
        text.replace(
          "      console.log('New user', evt.data.id);\n    }\n    return new Response('Webhook received', { status: 200 });",
          "      console.log('New user', evt.data.id);\n      return new Response('Webhook received', { status: 200 });\n    }\n    return new Response('Unhandled event type', { status: 400 });",
        ),
      ),
    ruleId: 'webhook-response',
    severity: 'warning',
    file: nextRoute,
    lineText: "return new Response('Unhandled event type', { status: 400 });",
  },
  {
    name: 'the handler exported as GET instead of POST',
    apply: (dir) => edit(dir, nextRoute, (text) => text.replace('export async function POST(', 'export async function GET(')),
    ruleId: 'webhook-response',
    severity: 'warning',
    file: nextRoute,
    lineText: 'export async function GET(',
  },
  {
    name: 'the handler falls off the end after handling the event (Next answers 500)',
    apply: (dir) =>
      edit(dir, nextRoute, (text) =>
        text.replace(
          "    return new Response('Webhook received', { status: 200 });\n  } catch {\n    return new Response('Error verifying webhook', { status: 400 });\n  }\n",
          "  } catch (err) {\n    console.error('Webhook failed', err);\n  }\n",
        ),
      ),
    ruleId: 'webhook-response',
    severity: 'warning',
    file: nextRoute,
    lineText: 'export async function POST(',
  },
];
