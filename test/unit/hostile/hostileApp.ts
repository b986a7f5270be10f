import { clerkRootLayout } from '../../helpers/appSources';
/** A correct Next 16 app with Clerk (one webhook route with a long pathname, which hostile matchers backtrack on). */
export const app: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { next: '16.0.3', '@clerk/nextjs': '6.35.0', react: '19.2.0' } }),
  'proxy.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n",
  'app/layout.tsx': clerkRootLayout,
  'app/page.tsx': 'export default function Page() {\n  return <p>home</p>;\n}\n',
  'app/api/webhooks/clerk-deliveries-from-the-dashboard/route.ts': [
    "import { verifyWebhook } from '@clerk/nextjs/webhooks';",
    '',
    'export async function POST(req: Request) {',
    '  const evt = await verifyWebhook(req);',
    "  if (evt.type === 'user.created') console.log(evt.data.id);",
    "  return new Response('ok');",
    '}',
    '',
  ].join('\n'),
  '.env.local': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k\nCLERK_SECRET_KEY=sk_test_aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY\n',
};

/** A secret a planted file outside the workspace holds: reported only if that file is read. */
export const outsideSecret = 'sk_live_Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe';
