import { describePatterns, packageJson, type Files, type PatternCase } from './harness';

/**
 * Webhook patterns from issue 10 (D1, D2 and the review of webhook-raw-body / webhook-event-type):
 * verification several files away, bodies handed to code out of sight, health routes under
 * `/webhooks/`, other providers' events, raw bodies read with `text()`.
 */

const rules = ['webhook-unverified', 'webhook-response', 'webhook-raw-body', 'webhook-event-type'];

const nextApp = (files: Files): Files => ({
  'package.json': packageJson({ next: '16.0.7', react: '19.2.0', '@clerk/nextjs': '7.8.0', svix: '1.99.1' }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }),
  ...files,
});

const route = `import { handleClerkWebhook } from '@/lib/webhooks/handle';

export async function POST(req: Request) {
  const evt = await handleClerkWebhook(req);
  if (evt.type === 'user.created') console.log('new user', evt.data.id);
  return new Response('ok', { status: 200 });
}
`;

const handle = `import { verifyDelivery } from './verify';

export async function handleClerkWebhook(req: Request) {
  const body = await req.text();
  const svix = {
    'svix-id': req.headers.get('svix-id') ?? '',
    'svix-timestamp': req.headers.get('svix-timestamp') ?? '',
    'svix-signature': req.headers.get('svix-signature') ?? '',
  };
  return verifyDelivery(body, svix);
}
`;

const verify = `import { Webhook } from 'svix';
import type { WebhookEvent } from '@clerk/nextjs/webhooks';

export function verifyDelivery(body: string, svix: Record<string, string>): WebhookEvent {
  return new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(body, svix) as WebhookEvent;
}
`;

/** handle.ts → relay1 → … → relay<n> → a verifying (or not) last step. */
function relays(n: number, last: string): Files {
  const files: Files = { 'lib/webhooks/verify.ts': "export { relay1 as verifyDelivery } from './relay1';\n" };
  for (let index = 1; index < n; index++) {
    files[`lib/webhooks/relay${index}.ts`] = `import { relay${index + 1} } from './relay${index + 1}';

export function relay${index}(body: string, svix: Record<string, string>) {
  return relay${index + 1}(body, svix);
}
`;
  }
  files[`lib/webhooks/relay${n}.ts`] = last.replace('verifyDelivery', `relay${n}`);
  return files;
}

const parseOnly = `import type { WebhookEvent } from '@clerk/nextjs/webhooks';

export function verifyDelivery(body: string, _svix: Record<string, string>): WebhookEvent {
  return JSON.parse(body) as WebhookEvent;
}
`;

const convexHttp = `import { httpRouter } from 'convex/server';
import { httpAction } from './_generated/server';
import { internal } from './_generated/api';

export const clerkWebhook = httpAction(async (ctx, request) => {
  await ctx.runAction(internal.clerk.receive, {
    payload: await request.text(),
    svixId: request.headers.get('svix-id') ?? '',
  });
  return new Response(null, { status: 200 });
});

const http = httpRouter();
http.route({ path: '/clerk', method: 'POST', handler: clerkWebhook });
export default http;
`;

const convexAction = `"use node";
import { v } from 'convex/values';
import { internalAction } from './_generated/server';
import { checkSignature } from './lib/signature';

export const receive = internalAction({
  args: { payload: v.string(), svixId: v.string() },
  handler: async (_ctx, args) => {
    const event = checkSignature(args.payload, args.svixId);
    console.log(event);
  },
});
`;

const convexApp = (signature: string): Files => ({
  'package.json': packageJson({ convex: '1.45.0', svix: '1.99.1' }),
  'convex/http.ts': convexHttp,
  'convex/clerk.ts': convexAction,
  'convex/lib/signature.ts': signature,
});

const resendRoute = (secret: string, type: string): string => `import { Webhook } from 'svix';
import { auth } from '@clerk/nextjs/server';

export async function POST(req: Request) {
  const { userId } = await auth();
  const event = new Webhook(${secret}).verify(await req.text(), Object.fromEntries(req.headers)) as { type: string };
  if (event.type === '${type}') console.log('delivered', userId);
  return new Response('ok');
}
`;

const manualRoute = (payload: string): string => `import { Webhook } from 'svix';
import type { WebhookEvent } from '@clerk/nextjs/webhooks';

export async function POST(req: Request) {
  const payload = ${payload};
  try {
    const evt = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(payload, Object.fromEntries(req.headers)) as WebhookEvent;
    if (evt.type === 'user.deleted') console.log('deleted', evt.data.id);
  } catch {
    return new Response('bad signature', { status: 400 });
  }
  return new Response('ok');
}
`;

const cases: PatternCase[] = [
  {
    name: 'verification three files away (route → handle.ts → verify.ts → svix): no finding',
    files: nextApp({ 'app/api/webhooks/clerk/route.ts': route, 'lib/webhooks/handle.ts': handle, 'lib/webhooks/verify.ts': verify }),
    rules,
    expect: [],
  },
  {
    name: 'verification at the depth cap (4 calls) through a re-export: no finding',
    files: nextApp({ 'app/api/webhooks/clerk/route.ts': route, 'lib/webhooks/handle.ts': handle, ...relays(3, verify) }),
    rules,
    expect: [],
  },
  {
    name: 'verification one call deeper than the analysis follows: warning, not error',
    files: nextApp({ 'app/api/webhooks/clerk/route.ts': route, 'lib/webhooks/handle.ts': handle, ...relays(4, verify) }),
    rules,
    expect: [
      {
        rule: 'webhook-unverified',
        severity: 'warning',
        file: 'app/api/webhooks/clerk/route.ts',
        line: 'export async function POST',
        message: /deeper than that/,
      },
    ],
  },
  {
    name: 'nothing verifies anywhere along the followed helpers: error',
    files: nextApp({ 'app/api/webhooks/clerk/route.ts': route, 'lib/webhooks/handle.ts': handle, 'lib/webhooks/verify.ts': parseOnly }),
    rules,
    expect: [
      { rule: 'webhook-unverified', severity: 'error', file: 'app/api/webhooks/clerk/route.ts', line: 'export async function POST', message: /never verifies/ },
    ],
  },
  {
    name: 'a helper hands the body to a package: warning',
    files: nextApp({ 'app/api/webhooks/clerk/route.ts': route, 'lib/webhooks/handle.ts': handle.replace("'./verify'", "'@acme/clerk-webhooks'") }),
    rules,
    expect: [
      {
        rule: 'webhook-unverified',
        severity: 'warning',
        file: 'app/api/webhooks/clerk/route.ts',
        line: 'export async function POST',
        message: /cannot follow/,
      },
    ],
  },
  {
    name: 'Convex httpAction → runAction target → helper in another file verifies: no finding',
    files: convexApp(`import { Webhook } from 'svix';

export function checkSignature(payload: string, svixId: string) {
  return new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(payload, { 'svix-id': svixId });
}
`),
    rules,
    expect: [],
  },
  {
    name: 'Convex httpAction → runAction target → helper that only parses: error',
    files: convexApp('export function checkSignature(payload: string, _svixId: string) {\n  return JSON.parse(payload);\n}\n'),
    rules,
    expect: [{ rule: 'webhook-unverified', severity: 'error', file: 'convex/http.ts', line: 'export const clerkWebhook' }],
  },
  {
    name: 'a GET health route under /api/webhooks/ is no webhook: no finding',
    files: nextApp({ 'app/api/webhooks/health/route.ts': 'export function GET() {\n  return Response.json({ ok: true });\n}\n' }),
    rules,
    expect: [],
  },
  {
    name: 'a route verified through a helper that answers 302 on success: warning',
    files: nextApp({
      'app/api/clerk/route.ts': route.replace("new Response('ok', { status: 200 })", "new Response('ok', { status: 302 })"),
      'lib/webhooks/handle.ts': handle,
      'lib/webhooks/verify.ts': verify,
    }),
    rules,
    expect: [{ rule: 'webhook-response', severity: 'warning', file: 'app/api/clerk/route.ts', line: 'status: 302' }],
  },
  {
    name: "another provider's svix event types in a module that imports Clerk: no finding",
    files: nextApp({ 'app/api/resend/route.ts': resendRoute('process.env.RESEND_WEBHOOK_SECRET!', 'email.delivered') }),
    rules,
    expect: [],
  },
  {
    name: 'a misspelt type on a svix event built with the Clerk secret: warning',
    files: nextApp({ 'app/api/webhooks/clerk/route.ts': resendRoute('process.env.CLERK_WEBHOOK_SIGNING_SECRET!', 'user.create') }),
    rules,
    expect: [{ rule: 'webhook-event-type', severity: 'warning', file: 'app/api/webhooks/clerk/route.ts', line: "'user.create'", message: /user\.created/ }],
  },
  {
    name: "Paddle's subscription.created (also a Clerk type) verified with Paddle's SDK: no finding",
    files: nextApp({
      'app/api/webhooks/paddle/route.ts': `import { Paddle } from '@paddle/paddle-node-sdk';

const paddle = new Paddle(process.env.PADDLE_API_KEY!);

export async function POST(req: Request) {
  const event = await paddle.webhooks.unmarshal(await req.text(), process.env.PADDLE_WEBHOOK_SECRET!, req.headers.get('paddle-signature') ?? '');
  if (event.eventType === 'subscription.created') console.log('subscribed', event.data.id);
  return new Response('ok');
}
`,
    }),
    rules,
    expect: [],
  },
  {
    name: 'a Clerk handler comparing subscription.created that verifies nothing: error',
    files: nextApp({
      'app/api/webhooks/clerk/route.ts': `import type { WebhookEvent } from '@clerk/nextjs/webhooks';

export async function POST(req: Request) {
  const event = (await req.json()) as WebhookEvent;
  if (event.type === 'subscription.created') console.log('subscribed', event.data.id);
  return new Response('ok');
}
`,
    }),
    rules,
    expect: [{ rule: 'webhook-unverified', severity: 'error', file: 'app/api/webhooks/clerk/route.ts', line: 'const event = (await req.json())' }],
  },
  {
    name: 'await req.text() passed to a manual svix verify: no finding',
    files: nextApp({ 'app/api/webhooks/clerk/route.ts': manualRoute('await req.text()') }),
    rules,
    expect: [],
  },
  {
    name: 'JSON.stringify of the parsed body passed to a manual svix verify: error',
    files: nextApp({ 'app/api/webhooks/clerk/route.ts': manualRoute('JSON.stringify(await req.json())') }),
    rules,
    expect: [{ rule: 'webhook-raw-body', severity: 'error', file: 'app/api/webhooks/clerk/route.ts', line: 'JSON.stringify(await req.json())' }],
  },
];

// Only the webhook rules run, so the exit code reflects them (the fixtures leave env setup out).
describePatterns(
  'webhook patterns (issue 10 D1, D2)',
  cases.map((testCase) => ({ ...testCase, args: rules.flatMap((rule) => ['--rule', rule]) })),
);
