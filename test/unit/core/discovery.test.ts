import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../src/core/engine';
import { createNodeHost, normalizePath } from '../../../src/core/project/fileHost';
import { fixture } from '../../helpers/paths';

describe('project discovery', () => {
  it('models the correct Next 16 + Convex fixture', () => {
    const root = normalizePath(fixture('next16-convex'));
    const session = new AnalysisSession({ roots: [root], host: createNodeHost(), rules: [] });
    const workspace = session.getWorkspace();
    assert.equal(workspace.projects.length, 1);
    const app = workspace.nextApps[0];
    assert.equal(app.root, root);
    assert.equal(app.appDir, `${root}/app`);
    assert.deepEqual(app.versions, { next: '16.4.6', '@clerk/nextjs': '7.9.17', '@clerk/backend': '3.25.0', convex: '1.48.0' });
    assert.deepEqual(app.middlewareFiles, [`${root}/proxy.ts`]);
    assert.deepEqual(app.routeHandlers, [`${root}/app/api/webhooks/clerk/route.ts`]);
    assert.deepEqual(app.envFiles.map((file) => file.name), ['.env.local']);
    assert.deepEqual(app.envTemplates.map((file) => file.name), ['.env.example']);
    assert.deepEqual(app.clientModules, [`${root}/app/ConvexClientProvider.tsx`, `${root}/app/page.tsx`]);
    const convex = workspace.convexDirs[0];
    assert.equal(convex.dir, `${root}/convex`);
    assert.deepEqual(convex.authConfigFiles, [`${root}/convex/auth.config.ts`]);
    assert.equal(convex.httpFile, `${root}/convex/http.ts`);
    assert.ok(!app.sourceFiles.some((file) => file.includes('/convex/')));
  });
});
