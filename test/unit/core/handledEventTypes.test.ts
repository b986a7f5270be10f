import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../src/core/engine';
import { createMemoryHost, createNodeHost } from '../../../src/core/project/fileHost';
import { fixture } from '../../helpers/paths';

describe('AnalysisSession.handledEventTypes (the event catalog check marks)', () => {
  it('collects the Clerk event types the fixture app switches on', () => {
    const root = fixture('next16-convex').split('\\').join('/');
    const handled = new AnalysisSession({ roots: [root], host: createNodeHost() }).handledEventTypes();
    assert.deepEqual([...handled].sort(), ['user.created', 'user.deleted', 'user.updated']);
  });

  it('ignores misspelt types and other providers, and follows unsaved edits', () => {
    const route = '/ws/app/api/webhooks/route.ts';
    const files = {
      '/ws/package.json': JSON.stringify({ dependencies: { next: '16.4.6', '@clerk/nextjs': '7.9.17' } }),
      '/ws/app/layout.tsx': 'export default function L({ children }: { children: React.ReactNode }) { return children; }',
      [route]: [
        "import { verifyWebhook } from '@clerk/nextjs/webhooks';",
        'export async function POST(req: Request) {',
        '  const evt = await verifyWebhook(req);',
        "  if (evt.type === 'user.create') return new Response('typo');",
        "  if (evt.type === 'session.created') return new Response('ok');",
        "  return new Response('ok');",
        '}',
        "export function other(stripeEvent: { type: string }) { return stripeEvent.type === 'user.deleted'; }",
      ].join('\n'),
    };
    const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(files) });
    assert.deepEqual([...session.handledEventTypes()], ['session.created']);
    session.setOverlay(route, files[route].replace("'session.created'", "'organization.created'"));
    assert.deepEqual([...session.handledEventTypes()], ['organization.created']);
  });
});
