import * as assert from 'node:assert/strict';
import { webhookRawBodyRule } from '../../../src/core/rules/webhook-raw-body';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../ruleTester';

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

describe('webhook-raw-body', () => {
  it('flags JSON.stringify of the parsed body passed to a manual verify; the fix verifies the raw text and keeps the parsed value', () => {
    const files = app(legacySvixRoute);
    const finding = single(check(webhookRawBodyRule, files));
    assert.equal(finding.severity, 'error');
    assert.equal(textAt(files, finding), 'JSON.stringify(payload)');
    const fix = finding.fixes![0];
    assert.ok(fix.safe);
    const fixed = applyFix(files, fix);
    assert.match(fixed['app/api/webhooks/route.ts'], /const rawBody = await req\.text\(\);\n {2}const payload = JSON\.parse\(rawBody\);\n {2}const body = rawBody;/);
    assert.deepEqual(check(webhookRawBodyRule, fixed), []);
  });

  it('flags the inline form and replaces it with await req.text()', () => {
    const inline = legacySvixRoute.replace('const payload = await req.json();\n  const body = JSON.stringify(payload);', 'const body = JSON.stringify(await req.json());').replace(', payload.data', '');
    const files = app(inline);
    const finding = single(check(webhookRawBodyRule, files));
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['app/api/webhooks/route.ts'], /const body = await req\.text\(\);/);
    assert.deepEqual(check(webhookRawBodyRule, fixed), []);
  });

  it('flags a body read before verifyWebhook(req) (Body is unusable) and removes it when unused', () => {
    const route = `import { verifyWebhook } from '@clerk/nextjs/webhooks';

export async function POST(req: Request) {
  const text = await req.text();
  const evt = await verifyWebhook(req);
  return new Response(evt.type);
}
`;
    const files = app(route);
    const finding = single(check(webhookRawBodyRule, files));
    assert.equal(textAt(files, finding), 'req.text()');
    assert.equal(finding.related?.length, 1);
    const fixed = applyFix(files, finding.fixes![0]);
    assert.doesNotMatch(fixed['app/api/webhooks/route.ts'], /const text/);
    assert.deepEqual(check(webhookRawBodyRule, fixed), []);
  });

  it('stays silent on the current pattern (verifyWebhook(req)) and on a manual verify of await req.text()', () => {
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
    assert.deepEqual(check(webhookRawBodyRule, app(current)), []);
    const rawText = legacySvixRoute.replace('const payload = await req.json();\n  const body = JSON.stringify(payload);', 'const body = await req.text();').replace(', payload.data', '');
    assert.deepEqual(check(webhookRawBodyRule, app(rawText)), []);
  });

  it('leaves Pages Router verifyWebhook with the parsed body alone, but flags a manual verify behind the default body parser', () => {
    const pagesVerifyWebhook = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const evt = await verifyWebhook(req);
  res.status(200).send(evt.type);
}
`;
    assert.deepEqual(check(webhookRawBodyRule, app(pagesVerifyWebhook, 'pages/api/webhooks.ts')), []);
    const pagesManual = `import { Webhook } from 'svix';
import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  const evt = wh.verify(req.body, req.headers as Record<string, string>);
  res.status(200).json(evt);
}
`;
    const files = app(pagesManual, 'pages/api/webhooks.ts');
    assert.match(textAt(files, single(check(webhookRawBodyRule, files))), /^wh\.verify\(req\.body/);
    const disabled = `${pagesManual}export const config = { api: { bodyParser: false } };\n`;
    assert.deepEqual(check(webhookRawBodyRule, app(disabled, 'pages/api/webhooks.ts')), []);
  });

  it('checks Convex httpAction handlers too', () => {
    const http = `import { httpRouter } from 'convex/server';
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
    const files: Files = { 'package.json': JSON.stringify({ name: 'c', dependencies: { convex: '1.45.0', svix: '1.99.1' } }), 'convex/http.ts': http };
    const finding = single(check(webhookRawBodyRule, files));
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['convex/http.ts'], /const payload = await request\.text\(\);/);
    assert.deepEqual(check(webhookRawBodyRule, fixed), []);
  });

  it('stays silent when a read happens only on a branch that returns before verifyWebhook, and when the config comes from elsewhere', () => {
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
    assert.deepEqual(check(webhookRawBodyRule, app(guarded("return new Response('missing headers', { status: 400 });"))), []);
    // The near miss: the branch goes on to verifyWebhook, whose body is then gone.
    const files = app(guarded("console.error('continuing');"));
    const finding = single(check(webhookRawBodyRule, files));
    assert.equal(finding.severity, 'error');
    assert.equal(textAt(files, finding), 'req.text()');

    const pagesManual = `import { Webhook } from 'svix';
import type { NextApiRequest, NextApiResponse } from 'next';
import getRawBody from 'raw-body';
export { config } from '../../lib/rawBodyConfig';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const evt = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify((await getRawBody(req)).toString(), req.headers as Record<string, string>);
  res.status(200).json(evt);
}
`;
    assert.deepEqual(check(webhookRawBodyRule, app(pagesManual, 'pages/api/webhooks.ts')), []);
  });
});

