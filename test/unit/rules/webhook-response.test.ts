import { webhookResponseRule } from '../../../src/core/rules/webhook-response';
import { nextPackage, ruleTester, type Files } from '../ruleTester';

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

const withSuccessStatus = (status: number) => app(canonical.replace("'Webhook received', { status: 200 }", `'Webhook received', { status: ${status} }`));
const noResponseOnSomePaths = `import { verifyWebhook } from '@clerk/nextjs/webhooks';
export async function POST(req: Request) {
  const evt = await verifyWebhook(req);
  if (evt.type === 'user.created') {
    return new Response('ok');
  }
}
`;
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
const health = 'export function GET() {\n  return Response.json({ ok: true });\n}\n';
const helperRoute = `import { verifyClerkRequest } from '../../../lib/verify';
export async function POST(req: Request) {
  const evt = await verifyClerkRequest(req);
  console.log(evt);
  return new Response('', { status: 302 });
}
`;
const verifyHelper =
  "import { verifyWebhook } from '@clerk/nextjs/webhooks';\nexport function verifyClerkRequest(req: Request) {\n  return verifyWebhook(req);\n}\n";

ruleTester.run(webhookResponseRule, {
  valid: [
    { name: 'the canonical Clerk route (200 on success, 400 on failure)', files: app(canonical) },
    {
      name: 'every 2xx on the success path: 201, 204, 299',
      files: {
        ...withSuccessStatus(201),
        'app/api/a/route.ts': canonical.replace('status: 200', 'status: 204'),
        'app/api/b/route.ts': canonical.replace('status: 200', 'status: 299'),
      },
    },
    { name: 'a switch whose every branch answers', files: app(switched) },
    {
      name: 'a POST wrapped by a helper next to a GET',
      files: app(
        `${canonical.replace('export async function POST', 'async function handle')}export const POST = withLogging(handle);\nexport function GET() {\n  return new Response('up');\n}\nfunction withLogging(fn: (req: NextRequest) => Promise<Response>) {\n  return fn;\n}\n`,
      ),
    },
    {
      name: 'Pages Router answering 400 on a bad signature',
      files: app(pages.replace("res.status(200).send('ignored')", "res.status(400).send('bad signature')"), 'pages/api/webhooks.ts'),
    },
    {
      name: 'a route that is no webhook',
      files: app('export async function GET() {\n  return new Response(null, { status: 404 });\n}\n', 'app/api/users/route.ts'),
    },
    { name: 'a health GET under /api/webhooks/ (judged by its code, not its URL)', files: app(health, 'app/api/webhooks/health/route.ts') },
    { name: 'a health GET at /api/webhooks', files: app(health) },
    {
      name: 'a form POST under /api/webhooks/ answering 400',
      files: app(
        "export async function POST(req: Request) {\n  const data = await req.formData();\n  console.log(data);\n  return new Response('Unsupported', { status: 400 });\n}\n",
        'app/api/webhooks/test/route.ts',
      ),
    },
  ],
  invalid: [
    {
      name: 'a 2xx answer when verification fails',
      files: app(canonical.replace("'Error verifying webhook', { status: 400 }", "'Error verifying webhook'")),
      errors: [
        {
          ruleId: 'webhook-response',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [10, 11, 10, 50],
          message:
            'This answers 200 when the signature check fails: a forged or corrupted request is reported as accepted. Answer 400 when verification fails.',
        },
      ],
    },
    {
      name: 'a redirect (302) on the success path',
      files: withSuccessStatus(302),
      errors: [
        {
          ruleId: 'webhook-response',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [7, 54, 7, 57],
          message:
            'The webhook handler answers 302 after handling the event: Svix counts every non-2xx answer as a failed delivery and retries it for days. Answer 200 (or another 2xx) on success.',
        },
      ],
    },
    {
      name: '300 on the success path is no success (2xx ends at 299)',
      files: withSuccessStatus(300),
      errors: [
        {
          ruleId: 'webhook-response',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [7, 54, 7, 57],
          message:
            'The webhook handler answers 300 after handling the event: Svix counts every non-2xx answer as a failed delivery and retries it for days. Answer 200 (or another 2xx) on success.',
        },
      ],
    },
    {
      name: '199 on the success path is no success',
      files: withSuccessStatus(199),
      errors: [
        {
          ruleId: 'webhook-response',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [7, 54, 7, 57],
          message:
            'The webhook handler answers 199 after handling the event: Svix counts every non-2xx answer as a failed delivery and retries it for days. Answer 200 (or another 2xx) on success.',
        },
      ],
    },
    {
      name: 'a handler that can finish without a Response (Next answers 500)',
      files: app(noResponseOnSomePaths),
      errors: [
        {
          ruleId: 'webhook-response',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [1, 22, 1, 26],
          message:
            'POST can finish without returning a Response: Next.js then answers 500 and Svix retries the delivery for days. Return a 200 Response once the event is handled.',
        },
      ],
    },
    {
      name: 'a webhook route with no POST export',
      files: app(canonical.replace('export async function POST', 'export async function GET')),
      errors: [
        {
          ruleId: 'webhook-response',
          severity: 'warning',
          file: 'app/api/webhooks/route.ts',
          range: [3, 22, 3, 25],
          message:
            'The webhook route /api/webhooks exports no POST handler, and Clerk delivers webhooks with POST: every delivery gets 405 and is retried. Export async function POST(req).',
        },
      ],
    },
    {
      name: 'Pages Router: res.status(200) when verification fails',
      files: app(pages, 'pages/api/webhooks.ts'),
      errors: [
        {
          ruleId: 'webhook-response',
          severity: 'warning',
          file: 'pages/api/webhooks.ts',
          range: [7, 22, 7, 25],
          message:
            'This answers 200 when the signature check fails: a forged or corrupted request is reported as accepted. Answer 400 when verification fails.',
        },
      ],
    },
    {
      name: 'a GET reading svix headers is a webhook route without POST (near miss of the health GET)',
      files: app("export function GET(req: Request) {\n  return new Response(req.headers.get('svix-id'));\n}\n", 'app/api/webhooks/health/route.ts'),
      errors: [
        {
          ruleId: 'webhook-response',
          severity: 'warning',
          file: 'app/api/webhooks/health/route.ts',
          range: [0, 16, 0, 19],
          message:
            'The webhook route /api/webhooks/health exports no POST handler, and Clerk delivers webhooks with POST: every delivery gets 405 and is retried. Export async function POST(req).',
        },
      ],
    },
    {
      name: 'verification inside a project helper counts as webhook evidence',
      files: { ...app(helperRoute, 'app/api/clerk/route.ts'), 'lib/verify.ts': verifyHelper },
      errors: [
        {
          ruleId: 'webhook-response',
          severity: 'warning',
          file: 'app/api/clerk/route.ts',
          range: [4, 36, 4, 39],
          message:
            'The webhook handler answers 302 after handling the event: Svix counts every non-2xx answer as a failed delivery and retries it for days. Answer 200 (or another 2xx) on success.',
        },
      ],
    },
  ],
});
