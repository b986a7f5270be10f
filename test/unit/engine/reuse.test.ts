import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../src/core/engine';
import type { Finding } from '../../../src/core/model';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import { clerkApiDeprecatedRule } from '../../../src/core/rules/clerk-api-deprecated';
import { convexIdentityFromArgsRule } from '../../../src/core/rules/convex-identity-from-args';
import { convexPublicWriteWithoutAuthRule } from '../../../src/core/rules/convex-public-write-without-auth';
import { webhookResponseRule } from '../../../src/core/rules/webhook-response';
import { webhookUnverifiedRule } from '../../../src/core/rules/webhook-unverified';

// Per-tree results (a Convex folder's function index, clerk-api-deprecated's findings of a file) are
// reused while the trees are unchanged; these tests edit one file among several and check that the
// findings follow every edit, in the edited file and only there.

const app = (): Record<string, string> => ({
  '/ws/package.json': JSON.stringify({ dependencies: { next: '16.0.0', '@clerk/nextjs': '7.0.0', convex: '1.48.0' } }),
  '/ws/convex/auth.config.ts': "export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: 'convex' }] };\n",
  '/ws/convex/notes.ts': [
    "import { mutation } from './_generated/server';",
    "import { v } from 'convex/values';",
    'export const add = mutation({ args: { text: v.string() }, handler: async (ctx, args) => {',
    '  const identity = await ctx.auth.getUserIdentity();',
    "  if (!identity) throw new Error('unauthenticated');",
    "  await ctx.db.insert('notes', { text: args.text, owner: identity.subject });",
    '} });',
    '',
  ].join('\n'),
  '/ws/convex/tags.ts': [
    "import { query } from './_generated/server';",
    "export const list = query({ args: {}, handler: async (ctx) => ctx.db.query('tags').collect() });",
    '',
  ].join('\n'),
  '/ws/app/a/page.tsx':
    "import { auth } from '@clerk/nextjs/server';\nexport default async function A() {\n  const { userId } = await auth();\n  return userId;\n}\n",
  '/ws/app/b/page.tsx':
    "import { auth } from '@clerk/nextjs/server';\nexport default async function B() {\n  const { userId } = await auth();\n  return userId;\n}\n",
});

const places = (byFile: Map<string, Finding[]>, ruleId: string): string[] =>
  [...byFile.values()]
    .flat()
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => `${finding.location.file}:${finding.location.range.start.line}`);

describe('engine: results kept with unchanged trees follow every edit', () => {
  it('a Convex folder re-indexes when any of its files changes, not only the first', () => {
    const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(app()), rules: [convexPublicWriteWithoutAuthRule] });
    assert.deepEqual(places(session.analyze(), 'convex-public-write-without-auth'), []);
    const unchecked =
      "import { mutation } from './_generated/server';\nexport const clear = mutation({ args: {}, handler: async (ctx) => {\n  for (const tag of await ctx.db.query('tags').collect()) await ctx.db.delete(tag._id);\n} });\n";
    session.setOverlay('/ws/convex/tags.ts', unchecked);
    assert.deepEqual(places(session.analyze(), 'convex-public-write-without-auth'), ['/ws/convex/tags.ts:1']);
    // An edit in the app re-checks the project; the unchanged folder still reports the same write.
    session.setOverlay('/ws/app/a/page.tsx', `${app()['/ws/app/a/page.tsx']}// edited\n`);
    assert.deepEqual(places(session.analyze(), 'convex-public-write-without-auth'), ['/ws/convex/tags.ts:1']);
    session.setOverlay('/ws/convex/tags.ts', undefined);
    assert.deepEqual(places(session.analyze(), 'convex-public-write-without-auth'), []);
  });

  it("a Convex folder's findings follow an edit of one of its functions, and stay while only the app changes", () => {
    const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(app()), rules: [convexIdentityFromArgsRule] });
    assert.deepEqual(places(session.analyze(), 'convex-identity-from-args'), []);
    const byArgument =
      "import { query } from './_generated/server';\nimport { v } from 'convex/values';\nexport const mine = query({ args: { userId: v.string() }, handler: async (ctx, args) =>\n  ctx.db.query('tags').withIndex('by_owner', (q) => q.eq('owner', args.userId)).collect() });\n";
    session.setOverlay('/ws/convex/tags.ts', byArgument);
    assert.deepEqual(places(session.analyze(), 'convex-identity-from-args'), ['/ws/convex/tags.ts:2']);
    session.setOverlay('/ws/app/a/page.tsx', `${app()['/ws/app/a/page.tsx']}// edited\n`);
    assert.deepEqual(places(session.analyze(), 'convex-identity-from-args'), ['/ws/convex/tags.ts:2']);
    session.setOverlay('/ws/convex/tags.ts', undefined);
    assert.deepEqual(places(session.analyze(), 'convex-identity-from-args'), []);
  });

  it('a webhook route verified in a helper module: an edit of the helper alone changes the findings (route analyses are kept only while what they read is unchanged)', () => {
    const verifyingHelper = [
      "import { verifyWebhook } from '@clerk/nextjs/webhooks';",
      'export async function handleClerkEvent(req: Request) {',
      '  const evt = await verifyWebhook(req);',
      "  if (evt.type === 'user.created') console.log(evt.data.id);",
      '}',
      '',
    ].join('\n');
    const files = {
      ...app(),
      '/ws/lib/clerkEvents.ts': verifyingHelper,
      '/ws/app/api/webhooks/clerk/route.ts': [
        "import { handleClerkEvent } from '../../../../lib/clerkEvents';",
        'export async function POST(req: Request) {',
        "  const type = req.headers.get('svix-id');",
        '  await handleClerkEvent(req);',
        "  return new Response(type ? 'ok' : 'ok');",
        '}',
        '',
      ].join('\n'),
    };
    const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(files), rules: [webhookUnverifiedRule, webhookResponseRule] });
    assert.deepEqual(places(session.analyze(), 'webhook-unverified'), []);
    // The helper no longer verifies: it parses the body itself. Nothing in the route changed.
    session.setOverlay('/ws/lib/clerkEvents.ts', verifyingHelper.replace('await verifyWebhook(req)', 'await req.json()'));
    assert.deepEqual(places(session.analyze(), 'webhook-unverified'), ['/ws/app/api/webhooks/clerk/route.ts:1']);
    session.setOverlay('/ws/lib/clerkEvents.ts', undefined);
    assert.deepEqual(places(session.analyze(), 'webhook-unverified'), []);
  });

  it('clerk-api-deprecated re-walks the edited file only, and every file again when the version changes', () => {
    const files = app();
    const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(files), rules: [clerkApiDeprecatedRule] });
    assert.deepEqual(places(session.analyze(), 'clerk-api-deprecated'), []);
    const sync = files['/ws/app/b/page.tsx'].replace('await auth()', 'auth()');
    session.setOverlay('/ws/app/b/page.tsx', sync);
    assert.deepEqual(places(session.analyze(), 'clerk-api-deprecated'), ['/ws/app/b/page.tsx:2']);
    session.setOverlay('/ws/app/a/page.tsx', `${files['/ws/app/a/page.tsx']}// edited\n`);
    assert.deepEqual(places(session.analyze(), 'clerk-api-deprecated'), ['/ws/app/b/page.tsx:2']);
    // The kept join of files with findings loses a file that is fixed and gains one that is broken.
    session.setOverlay('/ws/app/b/page.tsx', undefined);
    session.setOverlay('/ws/app/a/page.tsx', files['/ws/app/a/page.tsx'].replace('await auth()', 'auth()'));
    assert.deepEqual(places(session.analyze(), 'clerk-api-deprecated'), ['/ws/app/a/page.tsx:2']);
    // Clerk 5 had a synchronous auth(): the same tree is judged again under the new version.
    session.setOverlay('/ws/package.json', JSON.stringify({ dependencies: { next: '14.2.0', '@clerk/nextjs': '5.7.0' } }));
    assert.deepEqual(places(session.analyze(), 'clerk-api-deprecated'), []);
  });
});
