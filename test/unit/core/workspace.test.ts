import * as assert from 'node:assert/strict';
import { AnalysisSession, analyzeDirectory, rulesMetadata } from '../../../src/core/engine';
import { createMemoryHost, createNodeHost, normalizePath } from '../../../src/core/project/fileHost';
import { lowestVersionOf } from '../../../src/core/project/versions';
import { allRules } from '../../../src/core/rules/registry';
import type { Rule } from '../../../src/core/rules/rule';
import { envMissingRule } from '../../../src/core/rules/env-missing';
import { fixture } from '../../helpers/paths';
import { check, nextApp } from '../ruleTester';

const myRuleIds = ['env-missing', 'env-convex-deployment', 'env-legacy-name', 'env-conflict', 'key-malformed', 'key-instance-mismatch', 'secret-exposed'];

describe('workspace model', () => {
  it('finds two apps in the monorepo with their own env files and pnpm versions', () => {
    const root = normalizePath(fixture('monorepo'));
    const workspace = new AnalysisSession({ roots: [root], host: createNodeHost(), rules: [] }).getWorkspace();
    assert.deepEqual(
      workspace.nextApps.map((app) => app.root),
      [`${root}/apps/admin`, `${root}/apps/web`],
    );
    assert.deepEqual(
      workspace.nextApps.map((app) => app.versions),
      [
        { next: '15.5.9', '@clerk/nextjs': '7.9.17' },
        { next: '16.4.6', '@clerk/nextjs': '7.9.17' },
      ],
    );
    assert.deepEqual(
      workspace.nextApps.map((app) => app.middlewareFiles.map((f) => f.slice(root.length))),
      [['/apps/admin/middleware.ts'], ['/apps/web/proxy.ts']],
    );
    assert.ok(workspace.nextApps.every((app) => app.envFiles.length === 1 && app.envFiles[0].file.startsWith(app.root)));
  });

  it('finds src/ apps, .env, and range-only versions (Next 15 fixture)', () => {
    const root = normalizePath(fixture('next15-middleware'));
    const [app] = new AnalysisSession({ roots: [root], host: createNodeHost(), rules: [] }).getWorkspace().nextApps;
    assert.equal(app.appDir, `${root}/src/app`);
    assert.ok(app.usesSrcDir);
    assert.deepEqual(app.middlewareFiles, [`${root}/src/middleware.ts`]);
    assert.deepEqual(app.versions, { next: '15.3.2', '@clerk/nextjs': '6.34.0' });
    assert.deepEqual(
      app.envFiles.map((f) => f.name),
      ['.env'],
    );
  });

  it('reads versions from yarn and bun locks, and leaves tags and protocols unknown', () => {
    const pkg = JSON.stringify({ dependencies: { next: '^16.0.0', '@clerk/nextjs': 'latest', convex: 'workspace:*' } });
    const yarn = '# yarn lockfile v1\n\n"next@^16.0.0":\n  version "16.2.1"\n  resolved "x"\n';
    const viaYarn = new AnalysisSession({
      roots: ['/ws'],
      host: createMemoryHost({ '/ws/package.json': pkg, '/ws/yarn.lock': yarn }),
      rules: [],
    }).getWorkspace();
    assert.deepEqual(viaYarn.nextApps[0].versions, { next: '16.2.1' });
    const bun = '{ "lockfileVersion": 1, "packages": { "next": ["next@16.3.0", "", {}, "sha"], }, }';
    const viaBun = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost({ '/ws/package.json': pkg, '/ws/bun.lock': bun }), rules: [] }).getWorkspace();
    assert.deepEqual(viaBun.nextApps[0].versions, { next: '16.3.0' });
    assert.equal(lowestVersionOf('>=15.2.3 <17'), '15.2.3');
    assert.equal(lowestVersionOf('catalog:'), undefined);
  });

  it('honours convex.json functions, skips node_modules, build output and git-ignored folders', () => {
    const files = nextApp({
      '/ws/convex.json': '{ "functions": "src/backend/" }',
      '/ws/src/backend/auth.config.js': 'export default { providers: [] };',
      '/ws/src/backend/_generated/api.js': '',
      '/ws/node_modules/x/index.ts': 'process.env.NM',
      '/ws/.next/server.js': 'process.env.BUILD',
      '/ws/.gitignore': 'generated/\n',
      '/ws/generated/a.ts': 'process.env.GEN',
    });
    const workspace = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(files), rules: [] }).getWorkspace();
    assert.equal(workspace.convexDirs[0].dir, '/ws/src/backend');
    assert.deepEqual(workspace.convexDirs[0].authConfigFiles, ['/ws/src/backend/auth.config.js']);
    assert.deepEqual(workspace.convexDirs[0].functionFiles, ['/ws/src/backend/auth.config.js']);
    assert.deepEqual(workspace.nextApps[0].sourceFiles, ['/ws/app/layout.tsx']);
    assert.ok(workspace.isGitIgnored('/ws/generated/a.ts'));
  });
});

describe('analysis engine', () => {
  it('registers the env/key rules with metadata and docs links', () => {
    const ids = allRules.map((rule) => rule.id);
    assert.deepEqual([...ids].sort(), ids, 'registry is sorted');
    for (const id of myRuleIds) {
      const meta = rulesMetadata().find((m) => m.id === id);
      assert.ok(meta, id);
      assert.equal(meta.docsUrl, `https://github.com/clerk-auth-toolkit/clerk-auth-toolkit/blob/main/docs/rules/${id}.md`);
      assert.ok(meta.title.length > 0 && meta.description.length > 0);
    }
  });

  it('reports no error or warning of these rules on the correct fixtures', () => {
    const mine = allRules.filter((rule) => myRuleIds.includes(rule.id)).map((rule) => rule.id);
    for (const name of ['next16-convex', 'next15-middleware', 'monorepo']) {
      const findings = analyzeDirectory(fixture(name), { onlyRules: mine }).filter((f) => f.severity !== 'info');
      assert.deepEqual(
        findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.range.start.line} ${f.message}`),
        [],
        name,
      );
    }
  });

  it('finds the seeded mistakes in a copy of the correct fixture (deleted secret, pk_live_ against sk_test_)', () => {
    const root = normalizePath(fixture('next16-convex'));
    const disk = createNodeHost();
    const session = new AnalysisSession({ roots: [root], host: disk });
    const original = disk.readFile(`${root}/.env.local`)!;
    session.setOverlay(`${root}/.env.local`, original.replace(/^CLERK_SECRET_KEY=.*\n/m, ''));
    const missing = session.analyze().get(`${root}/.env.local`) ?? [];
    assert.ok(missing.some((f) => f.ruleId === 'env-missing' && f.severity === 'error' && /CLERK_SECRET_KEY/.test(f.message)));
    session.setOverlay(`${root}/.env.local`, original.replace(/pk_test_\S+/, 'pk_live_Y2xlcmsuZXhhbXBsZS5jb20k'));
    const mismatch = [...session.analyze().values()].flat().filter((f) => f.ruleId === 'key-instance-mismatch');
    assert.ok(mismatch.some((f) => f.location.file === `${root}/.env.local` && f.location.range.start.line === 5));
    session.setOverlay(`${root}/.env.local`, undefined);
    assert.deepEqual(
      [...session.analyze().values()].flat().filter((f) => myRuleIds.includes(f.ruleId) && f.severity !== 'info'),
      [],
    );
  });

  it('applies disabled rules, severity overrides and disable-next-line comments', () => {
    const files = nextApp({
      '/ws/lib/a.ts': 'export const a = process.env.A_KEY;\n// clerk-toolkit-disable-next-line env-missing\nexport const b = process.env.B_KEY;\n',
    });
    assert.equal(check(envMissingRule, files).length, 1);
    assert.equal(check(envMissingRule, files, { severityOverrides: { 'env-missing': 'info' } })[0].severity, 'info');
    assert.deepEqual(check(envMissingRule, files, { severityOverrides: { 'env-missing': 'off' } }), []);
    assert.deepEqual(check(envMissingRule, files, { disabledRules: ['env-missing'] }), []);
    const envFiles = nextApp({ '/ws/.env.local': '# clerk-toolkit-disable-next-line\nNEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n' });
    assert.deepEqual(
      check(envMissingRule, envFiles).map((f) => f.location.range.start.line),
      [2],
    );
  });

  it('re-runs rules only on the project owning a changed file; unsaved text wins over disk', () => {
    const runs: string[] = [];
    const spy: Rule = {
      id: 'spy',
      defaultSeverity: 'info',
      title: 'spy',
      description: 'spy',
      check: (ctx) => {
        runs.push(ctx.project.root);
        return [];
      },
    };
    const host = createMemoryHost({
      '/ws/package.json': '{ "private": true }',
      ...Object.fromEntries(Object.entries(nextApp()).map(([file, text]) => [file.replace('/ws/', '/ws/apps/a/'), text])),
      ...Object.fromEntries(Object.entries(nextApp()).map(([file, text]) => [file.replace('/ws/', '/ws/apps/b/'), text])),
    });
    const session = new AnalysisSession({ roots: ['/ws'], host, rules: [spy, envMissingRule] });
    session.analyze();
    assert.deepEqual(runs.sort(), ['/ws/apps/a', '/ws/apps/b']);
    runs.length = 0;
    session.setOverlay('/ws/apps/b/lib/x.ts', 'export const x = process.env.NEW_ONE;\n');
    const findings = session.analyze();
    assert.deepEqual(runs, ['/ws/apps/b']);
    assert.equal(findings.get('/ws/apps/b/lib/x.ts')?.[0].ruleId, 'env-missing');
    runs.length = 0;
    session.setOverlay('/ws/apps/b/lib/x.ts', undefined);
    session.fileDeleted('/ws/apps/b/lib/x.ts');
    assert.equal(session.analyze().get('/ws/apps/b/lib/x.ts'), undefined);
    assert.deepEqual(runs, ['/ws/apps/b']);
    runs.length = 0;
    session.analyze();
    assert.deepEqual(runs, [], 'nothing dirty, nothing re-run');
    host.writeFile('/ws/apps/a/.env.local', '');
    session.fileChanged('/ws/apps/a/.env.local');
    assert.ok([...session.analyze().values()].flat().some((f) => f.location.file === '/ws/apps/a/.env.local'));
    assert.deepEqual(runs, ['/ws/apps/a']);
  });
});
