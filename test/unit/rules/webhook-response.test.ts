import * as assert from 'node:assert/strict';
import { webhookResponseRule } from '../../../src/core/rules/webhook-response';
import { check, nextPackage, single, textAt, type Files } from '../ruleTester';

const canonical = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
import type { NextRequest } from 'next/server';

export async function POST(req: NextRequest) {
  try {
    const evt = await verifyWebhook(req);
    console.log(evt.type);
    return new Response('Webhook received', { status: 200 });
  } catch (err) {
    console.error('Error verifying webhook:', err);
    return new Response('Error verifying webhook', { status: 400 });
  }
}
`;

function app(route: string, path = 'app/api/webhooks/route.ts'): Files {
  return { 'package.json': nextPackage(), [path]: route };
}

describe('webhook-response', () => {
  it('stays silent on the canonical Clerk route (200 on success, 400 on failure)', () => {
    assert.deepEqual(check(webhookResponseRule, app(canonical)), []);
  });

  it('flags a 2xx answer when verification fails', () => {
    const files = app(canonical.replace("'Error verifying webhook', { status: 400 }", "'Error verifying webhook'"));
    const finding = single(check(webhookResponseRule, files));
    assert.equal(finding.severity, 'warning');
    assert.equal(textAt(files, finding), "new Response('Error verifying webhook')");
  });

  it('flags a non-2xx answer on the success path', () => {
    const files = app(canonical.replace("'Webhook received', { status: 200 }", "'Webhook received', { status: 302 }"));
    assert.equal(textAt(files, single(check(webhookResponseRule, files))), '302');
  });

  it('flags a handler that can finish without a Response (Next answers 500)', () => {
    const route = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
export async function POST(req: Request) {
  const evt = await verifyWebhook(req);
  if (evt.type === 'user.created') {
    return new Response('ok');
  }
}
`;
    const files = app(route);
    assert.equal(textAt(files, single(check(webhookResponseRule, files))), 'POST');
    const switched = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
export async function POST(req: Request) {
  const evt = await verifyWebhook(req);
  switch (evt.type) {
    case 'user.created':
      return new Response('created');
    default:
      return new Response('ignored', { status: 200 });
  }
}
`;
    assert.deepEqual(check(webhookResponseRule, app(switched)), []);
  });

  it('flags a webhook route with no POST export', () => {
    const files = app(canonical.replace('export async function POST', 'export async function GET'));
    assert.equal(textAt(files, single(check(webhookResponseRule, files))), 'GET');
    const wrapped = `${canonical.replace('export async function POST', 'async function handle').replace('export async function GET', '')}export const POST = withLogging(handle);\nexport function GET() {\n  return new Response('up');\n}\nfunction withLogging(fn: (req: NextRequest) => Promise<Response>) {\n  return fn;\n}\n`;
    assert.deepEqual(check(webhookResponseRule, app(wrapped)), []);
  });

  it('checks Pages Router answers through res.status()', () => {
    const pages = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  try {
    const evt = await verifyWebhook(req);
    console.log(evt.type);
  } catch {
    return res.status(200).send('ignored');
  }
  return res.status(200).send('ok');
}
`;
    const files = app(pages, 'pages/api/webhooks.ts');
    assert.equal(textAt(files, single(check(webhookResponseRule, files))), '200');
    assert.deepEqual(check(webhookResponseRule, app(pages.replace("res.status(200).send('ignored')", "res.status(400).send('bad signature')"), 'pages/api/webhooks.ts')), []);
  });

  it('ignores routes that are not webhooks', () => {
    assert.deepEqual(check(webhookResponseRule, app('export async function GET() {\n  return new Response(null, { status: 404 });\n}\n', 'app/api/users/route.ts')), []);
  });

  it('judges a route by its code, not its URL: a health GET under /api/webhooks/ is no webhook', () => {
    const health = "export function GET() {\n  return Response.json({ ok: true });\n}\n";
    assert.deepEqual(check(webhookResponseRule, app(health, 'app/api/webhooks/health/route.ts')), []);
    assert.deepEqual(check(webhookResponseRule, app(health)), []);
    const form = "export async function POST(req: Request) {\n  const data = await req.formData();\n  console.log(data);\n  return new Response('Unsupported', { status: 400 });\n}\n";
    assert.deepEqual(check(webhookResponseRule, app(form, 'app/api/webhooks/test/route.ts')), []);
    // The near miss: reading svix headers makes it a webhook route, so the missing POST is reported.
    const svixGet = "export function GET(req: Request) {\n  return new Response(req.headers.get('svix-id'));\n}\n";
    const files = app(svixGet, 'app/api/webhooks/health/route.ts');
    const finding = single(check(webhookResponseRule, files));
    assert.equal(finding.ruleId, 'webhook-response');
    assert.equal(finding.severity, 'warning');
    assert.equal(textAt(files, finding), 'GET');
  });

  it('counts verification inside a project helper as webhook evidence', () => {
    const route = `import { verifyClerkRequest } from '../../../lib/verify';
export async function POST(req: Request) {
  const evt = await verifyClerkRequest(req);
  console.log(evt);
  return new Response('', { status: 302 });
}
`;
    const helper = "import { verifyWebhook } from '@clerk/nextjs/webhooks';\nexport function verifyClerkRequest(req: Request) {\n  return verifyWebhook(req);\n}\n";
    const files = { ...app(route, 'app/api/clerk/route.ts'), 'lib/verify.ts': helper };
    assert.equal(textAt(files, single(check(webhookResponseRule, files))), '302');
  });
});

