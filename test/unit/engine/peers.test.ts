import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../src/core/engine';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import { convexProviderSetupRule } from '../../../src/core/rules/convex-provider-setup';
import { envConvexDeploymentRule } from '../../../src/core/rules/env-convex-deployment';
import type { Finding } from '../../../src/core/model';

const clerkAuthConfig = "export default { providers: [{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN!, applicationID: 'convex' }] };\n";
const otherAuthConfig = "export default { providers: [{ domain: 'https://auth.example.com', applicationID: 'convex' }] };\n";

/** A pnpm-style monorepo: `apps/web` renders a plain `<ConvexProvider>`, `packages/backend/convex` expects Clerk tokens. */
function monorepo(): Record<string, string> {
  return {
    '/ws/package.json': JSON.stringify({ private: true, workspaces: ['apps/*', 'packages/*'] }),
    '/ws/README.md': '# Acme\n',
    '/ws/apps/web/package.json': JSON.stringify({ dependencies: { next: '16.4.6', '@clerk/nextjs': '7.9.17', convex: '1.48.0' } }),
    '/ws/apps/web/app/layout.tsx': [
      "'use client';",
      "import { ClerkProvider } from '@clerk/nextjs';",
      "import { ConvexProvider, ConvexReactClient } from 'convex/react';",
      'const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);',
      'export default function Layout({ children }: { children: React.ReactNode }) {',
      '  return <html><body><ClerkProvider><ConvexProvider client={convex}>{children}</ConvexProvider></ClerkProvider></body></html>;',
      '}',
      '',
    ].join('\n'),
    '/ws/packages/backend/package.json': JSON.stringify({ dependencies: { convex: '1.48.0' } }),
    '/ws/packages/backend/convex/auth.config.ts': clerkAuthConfig,
    '/ws/packages/backend/convex/messages.ts': [
      "import { query } from './_generated/server';",
      'export const list = query({ args: {}, handler: async (ctx) => {',
      '  const identity = await ctx.auth.getUserIdentity();',
      '  return identity ? [] : null;',
      '} });',
      '',
    ].join('\n'),
  };
}

function findingsIn(byFile: Map<string, Finding[]>, file: string, ruleId: string): Finding[] {
  return (byFile.get(file) ?? []).filter((finding) => finding.ruleId === ruleId);
}

describe('engine: peers in a monorepo', () => {
  const layout = '/ws/apps/web/app/layout.tsx';
  const authConfig = '/ws/packages/backend/convex/auth.config.ts';

  it('records which projects read which other projects', () => {
    const workspace = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(monorepo()), rules: [] }).getWorkspace();
    const byRoot = (root: string) => workspace.projects.find((project) => project.root === root)!;
    assert.deepEqual(
      workspace.peersOf(byRoot('/ws/apps/web')).map((project) => project.root),
      ['/ws/packages/backend'],
    );
    assert.deepEqual(
      workspace.peersOf(byRoot('/ws/packages/backend')).map((project) => project.root),
      ['/ws/apps/web'],
    );
  });

  it("re-checks the web app when the backend's auth.config changes (overlay), and again when it is restored", () => {
    const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(monorepo()), rules: [convexProviderSetupRule] });
    const before = findingsIn(session.analyze(), layout, 'convex-provider-setup');
    assert.equal(before.length, 1, 'a plain ConvexProvider while the backend expects Clerk tokens');
    assert.equal(before[0].severity, 'warning');
    assert.deepEqual(before[0].location.range.start, { line: 5, character: 37 });
    assert.ok(before[0].related?.some((related) => related.location.file === authConfig));

    session.setOverlay(authConfig, otherAuthConfig);
    assert.deepEqual(findingsIn(session.analyze(), layout, 'convex-provider-setup'), [], 'no Clerk provider any more: nothing to warn about');

    session.setOverlay(authConfig, undefined);
    assert.equal(findingsIn(session.analyze(), layout, 'convex-provider-setup').length, 1, 'the saved file (Clerk provider) wins again');
  });

  it('re-checks the web app when the backend file changes on disk', () => {
    const files = monorepo();
    const host = createMemoryHost(files);
    const session = new AnalysisSession({ roots: ['/ws'], host, rules: [convexProviderSetupRule] });
    assert.equal(findingsIn(session.analyze(), layout, 'convex-provider-setup').length, 1);
    host.writeFile(authConfig, otherAuthConfig);
    session.fileChanged(authConfig);
    assert.deepEqual(findingsIn(session.analyze(), layout, 'convex-provider-setup'), []);
  });

  it('re-checks the projects that read workspace documentation: root .env.example and README', () => {
    const files = monorepo();
    const host = createMemoryHost(files);
    const session = new AnalysisSession({ roots: ['/ws'], host, rules: [envConvexDeploymentRule] });
    const undocumented = () =>
      findingsIn(session.analyze(), authConfig, 'env-convex-deployment').filter((finding) => finding.message.includes('CLERK_JWT_ISSUER_DOMAIN'));
    assert.equal(undocumented().length, 1, 'CLERK_JWT_ISSUER_DOMAIN is documented nowhere');

    host.writeFile('/ws/.env.example', 'CLERK_JWT_ISSUER_DOMAIN=\n');
    session.fileCreated('/ws/.env.example');
    assert.deepEqual(undocumented(), [], 'the workspace env template documents it');

    host.writeFile('/ws/.env.example', 'OTHER=\n');
    session.fileChanged('/ws/.env.example');
    assert.equal(undocumented().length, 1, 'an edit of the workspace template re-checks its readers');

    session.setOverlay('/ws/README.md', '# Acme\n\nSet `CLERK_JWT_ISSUER_DOMAIN` in the Convex dashboard.\n');
    assert.deepEqual(undocumented(), [], 'the root README documents it');
    session.setOverlay('/ws/README.md', undefined);
    assert.equal(undocumented().length, 1);
  });
});
