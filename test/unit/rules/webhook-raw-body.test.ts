import { webhookRawBodyRule } from '../../../src/core/rules/webhook-raw-body';
import { nextPackage, ruleTester, type Files } from '../ruleTester';

/** The pre-2025 Clerk docs sample: parse, re-stringify, verify. */
const legacySvixRoute = `import { Webhook } from 'svix';
import { headers } from 'next/headers';
import type { WebhookEvent } from '@clerk/nextjs/server';

export async function POST(req: Request) {
  const headerPayload = await headers();
  const svixId = headerPayload.get('svix-id')!;
  const svixTimestamp = headerPayload.get('svix-timestamp')!;
  const svixSignature = headerPayload.get('svix-signature')!;
  const payload = await req.json();
  const body = JSON.stringify(payload);
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  let evt: WebhookEvent;
  try {
    evt = wh.verify(body, { 'svix-id': svixId, 'svix-timestamp': svixTimestamp, 'svix-signature': svixSignature }) as WebhookEvent;
  } catch {
    return new Response('Error verifying webhook', { status: 400 });
  }
  console.log(evt.type, payload.data);
  return new Response('', { status: 200 });
}
`;

function app(route: string, path = 'app/api/webhooks/route.ts'): Files {
  return { 'package.json': nextPackage('15.5.4', { svix: '1.99.1' }), [path]: route };
}

const inline = legacySvixRoute
  .replace('const payload = await req.json();\n  const body = JSON.stringify(payload);', 'const body = JSON.stringify(await req.json());')
  .replace(', payload.data', '');
const readBeforeVerify = `import { verifyWebhook } from '@clerk/nextjs/webhooks';

export async function POST(req: Request) {
  const text = await req.text();
  const evt = await verifyWebhook(req);
  return new Response(evt.type);
}
`;
const current = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
import type { NextRequest } from 'next/server';
export async function POST(req: NextRequest) {
  try {
    const evt = await verifyWebhook(req);
    return new Response(evt.type, { status: 200 });
  } catch {
    return new Response('Error verifying webhook', { status: 400 });
  }
}
`;
const pagesVerifyWebhook = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const evt = await verifyWebhook(req);
  res.status(200).send(evt.type);
}
`;
const pagesManual = `import { Webhook } from 'svix';
import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  const evt = wh.verify(req.body, req.headers as Record<string, string>);
  res.status(200).json(evt);
}
`;
const pagesRawBody = `import { Webhook } from 'svix';
import type { NextApiRequest, NextApiResponse } from 'next';
import getRawBody from 'raw-body';
export { config } from '../../lib/rawBodyConfig';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const evt = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify((await getRawBody(req)).toString(), req.headers as Record<string, string>);
  res.status(200).json(evt);
}
`;
const convexHttp = `import { httpRouter } from 'convex/server';
import { httpAction } from './_generated/server';
import { Webhook } from 'svix';
const http = httpRouter();
const handleClerk = httpAction(async (ctx, request) => {
  const payload = JSON.stringify(await request.json());
  const event = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(payload, {
    'svix-id': request.headers.get('svix-id')!, 'svix-timestamp': request.headers.get('svix-timestamp')!, 'svix-signature': request.headers.get('svix-signature')!,
  });
  return new Response(JSON.stringify(event), { status: 200 });
});
http.route({ path: '/clerk-users-webhook', method: 'POST', handler: handleClerk });
export default http;
`;
const guarded = (branchEnd: string): string => `import { verifyWebhook } from '@clerk/nextjs/webhooks';
export async function POST(req: Request) {
  if (!req.headers.get('svix-id')) {
    console.error('not a svix delivery', await req.text());
    ${branchEnd}
  }
  const evt = await verifyWebhook(req);
  return new Response(evt.type);
}
`;

ruleTester.run(webhookRawBodyRule, {
  valid: [
    { name: 'the current pattern, verifyWebhook(req)', files: app(current) },
    {
      name: 'a manual verify of await req.text()',
      files: app(
        legacySvixRoute
          .replace('const payload = await req.json();\n  const body = JSON.stringify(payload);', 'const body = await req.text();')
          .replace(', payload.data', ''),
      ),
    },
    { name: 'Pages Router verifyWebhook with the parsed body', files: app(pagesVerifyWebhook, 'pages/api/webhooks.ts') },
    {
      name: 'a Pages Router manual verify with the body parser disabled',
      files: app(`${pagesManual}export const config = { api: { bodyParser: false } };\n`, 'pages/api/webhooks.ts'),
    },
    { name: 'a read only on a branch that returns before verifyWebhook', files: app(guarded("return new Response('missing headers', { status: 400 });")) },
    { name: 'a Pages Router config re-exported from elsewhere', files: app(pagesRawBody, 'pages/api/webhooks.ts') },
  ],
  invalid: [
    {
      name: 'JSON.stringify of the parsed body passed to a manual verify: the safe fix verifies the raw text and keeps the parsed value',
      files: app(legacySvixRoute),
      errors: [
        {
          ruleId: 'webhook-raw-body',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [10, 15, 10, 38],
          message:
            'The signature is checked against JSON.stringify of the parsed body, not the bytes Clerk signed: any difference in spacing, escaping or number format fails with "No matching signature found". Verify the raw body from await req.text().',
          fixes: [
            {
              title: 'Verify the raw body (await req.text())',
              output: {
                'app/api/webhooks/route.ts':
                  "import { Webhook } from 'svix';\nimport { headers } from 'next/headers';\nimport type { WebhookEvent } from '@clerk/nextjs/server';\n\nexport async function POST(req: Request) {\n  const headerPayload = await headers();\n  const svixId = headerPayload.get('svix-id')!;\n  const svixTimestamp = headerPayload.get('svix-timestamp')!;\n  const svixSignature = headerPayload.get('svix-signature')!;\n  const rawBody = await req.text();\n  const payload = JSON.parse(rawBody);\n  const body = rawBody;\n  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);\n  let evt: WebhookEvent;\n  try {\n    evt = wh.verify(body, { 'svix-id': svixId, 'svix-timestamp': svixTimestamp, 'svix-signature': svixSignature }) as WebhookEvent;\n  } catch {\n    return new Response('Error verifying webhook', { status: 400 });\n  }\n  console.log(evt.type, payload.data);\n  return new Response('', { status: 200 });\n}\n",
              },
              safe: true,
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'the inline form: the fix reads await req.text()',
      files: app(inline),
      errors: [
        {
          ruleId: 'webhook-raw-body',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [9, 15, 9, 47],
          message:
            'The signature is checked against JSON.stringify of the parsed body, not the bytes Clerk signed: any difference in spacing, escaping or number format fails with "No matching signature found". Verify the raw body from await req.text().',
          fixes: [
            {
              title: 'Verify the raw body (await req.text())',
              output: {
                'app/api/webhooks/route.ts':
                  "import { Webhook } from 'svix';\nimport { headers } from 'next/headers';\nimport type { WebhookEvent } from '@clerk/nextjs/server';\n\nexport async function POST(req: Request) {\n  const headerPayload = await headers();\n  const svixId = headerPayload.get('svix-id')!;\n  const svixTimestamp = headerPayload.get('svix-timestamp')!;\n  const svixSignature = headerPayload.get('svix-signature')!;\n  const body = await req.text();\n  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);\n  let evt: WebhookEvent;\n  try {\n    evt = wh.verify(body, { 'svix-id': svixId, 'svix-timestamp': svixTimestamp, 'svix-signature': svixSignature }) as WebhookEvent;\n  } catch {\n    return new Response('Error verifying webhook', { status: 400 });\n  }\n  console.log(evt.type);\n  return new Response('', { status: 200 });\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a body read before verifyWebhook(req) (Body is unusable): the fix removes it when unused',
      files: app(readBeforeVerify),
      errors: [
        {
          ruleId: 'webhook-raw-body',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [3, 21, 3, 31],
          message:
            'req.text() consumes the request body before verifyWebhook(req) reads it, which then fails with "TypeError: Body is unusable". Remove this read and use the event verifyWebhook returns.',
          related: ['app/api/webhooks/route.ts'],
          fixes: [
            {
              title: 'Remove the early body read',
              output: {
                'app/api/webhooks/route.ts':
                  "import { verifyWebhook } from '@clerk/nextjs/webhooks';\n\nexport async function POST(req: Request) {\n  const evt = await verifyWebhook(req);\n  return new Response(evt.type);\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a Pages Router manual verify behind the default body parser',
      files: app(pagesManual, 'pages/api/webhooks.ts'),
      errors: [
        {
          ruleId: 'webhook-raw-body',
          severity: 'error',
          file: 'pages/api/webhooks.ts',
          range: [4, 14, 4, 72],
          message:
            'This Pages Router route keeps the default body parser, so the raw body Svix signed is gone before this manual verify. Use verifyWebhook(req) from @clerk/nextjs/webhooks, or export config = { api: { bodyParser: false } } and verify the raw bytes.',
        },
      ],
    },
    {
      name: 'a Convex httpAction handler',
      files: { 'package.json': JSON.stringify({ name: 'c', dependencies: { convex: '1.45.0', svix: '1.99.1' } }), 'convex/http.ts': convexHttp },
      errors: [
        {
          ruleId: 'webhook-raw-body',
          severity: 'error',
          file: 'convex/http.ts',
          range: [5, 18, 5, 54],
          message:
            'The signature is checked against JSON.stringify of the parsed body, not the bytes Clerk signed: any difference in spacing, escaping or number format fails with "No matching signature found". Verify the raw body from await req.text().',
          fixes: [
            {
              title: 'Verify the raw body (await request.text())',
              output: {
                'convex/http.ts':
                  "import { httpRouter } from 'convex/server';\nimport { httpAction } from './_generated/server';\nimport { Webhook } from 'svix';\nconst http = httpRouter();\nconst handleClerk = httpAction(async (ctx, request) => {\n  const payload = await request.text();\n  const event = new Webhook(process.env.CLERK_WEBHOOK_SECRET!).verify(payload, {\n    'svix-id': request.headers.get('svix-id')!, 'svix-timestamp': request.headers.get('svix-timestamp')!, 'svix-signature': request.headers.get('svix-signature')!,\n  });\n  return new Response(JSON.stringify(event), { status: 200 });\n});\nhttp.route({ path: '/clerk-users-webhook', method: 'POST', handler: handleClerk });\nexport default http;\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a read on a branch that goes on to verifyWebhook (near miss of the returning branch)',
      files: app(guarded("console.error('continuing');")),
      errors: [
        {
          ruleId: 'webhook-raw-body',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [3, 47, 3, 57],
          message:
            'req.text() consumes the request body before verifyWebhook(req) reads it, which then fails with "TypeError: Body is unusable". Remove this read and use the event verifyWebhook returns.',
          related: ['app/api/webhooks/route.ts'],
          fixes: [
            {
              title: 'Remove the early body read',
              output: {
                'app/api/webhooks/route.ts':
                  "import { verifyWebhook } from '@clerk/nextjs/webhooks';\nexport async function POST(req: Request) {\n  if (!req.headers.get('svix-id')) {\n    console.error('continuing');\n  }\n  const evt = await verifyWebhook(req);\n  return new Response(evt.type);\n}\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
  ],
});
