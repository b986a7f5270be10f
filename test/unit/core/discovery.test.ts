import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../src/core/engine';
import { createMemoryHost, createNodeHost, normalizePath } from '../../../src/core/project/fileHost';
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
    assert.deepEqual(
      app.envFiles.map((file) => file.name),
      ['.env.local'],
    );
    assert.deepEqual(
      app.envTemplates.map((file) => file.name),
      ['.env.example'],
    );
    assert.deepEqual(app.clientModules, [`${root}/app/ConvexClientProvider.tsx`, `${root}/app/page.tsx`]);
    const convex = workspace.convexDirs[0];
    assert.equal(convex.dir, `${root}/convex`);
    assert.deepEqual(convex.authConfigFiles, [`${root}/convex/auth.config.ts`]);
    assert.equal(convex.httpFile, `${root}/convex/http.ts`);
    assert.ok(!app.sourceFiles.some((file) => file.includes('/convex/')));
  });

  it('finds env templates by name, and the Markdown, templates and turbo.json of the package and the workspace root', () => {
    const host = createMemoryHost({
      '/ws/package.json': '{ "workspaces": ["apps/*"] }',
      '/ws/README.md': 'root',
      '/ws/docs/setup.md': 'setup',
      '/ws/.env.example': 'A=\n',
      '/ws/turbo.json': '{}',
      '/ws/apps/web/package.json': '{ "dependencies": { "next": "16.4.6" } }',
      '/ws/apps/web/.example.env': 'B=\n',
      '/ws/apps/web/env.example': 'C=\n',
      '/ws/apps/web/.env.local.template': 'D=\n',
      '/ws/apps/web/.env.backup': 'E=\n',
      '/ws/apps/web/env.example.ts': 'export {};\n',
      '/ws/apps/web/CONTRIBUTING.md': 'x',
      '/ws/apps/web/README.md': 'x',
    });
    const project = new AnalysisSession({ roots: ['/ws'], host, rules: [] }).getWorkspace().projects[0];
    assert.deepEqual(
      project.envTemplates.map((file) => file.name),
      ['.env.local.template', '.example.env', 'env.example'],
    );
    assert.deepEqual(project.docs.markdownFiles, ['/ws/apps/web/README.md', '/ws/apps/web/CONTRIBUTING.md', '/ws/README.md', '/ws/docs/setup.md']);
    assert.deepEqual(
      project.docs.workspaceEnvTemplates.map((file) => file.file),
      ['/ws/.env.example'],
    );
    assert.deepEqual(project.docs.turboFiles, ['/ws/turbo.json']);
  });
});
