import * as assert from 'node:assert/strict';
import { middlewareFileConventionRule } from '../../../src/core/rules/middleware-file-convention';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../ruleTester';

const clerkFile = "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n";

function app(nextVersion: string, files: Files): Files {
  return { 'package.json': nextPackage(nextVersion), 'app/page.tsx': 'export default function Page() { return null; }\n', ...files };
}

describe('middleware-file-convention', () => {
  it('stays silent for proxy.ts on Next 16 and middleware.ts on Next 15', () => {
    assert.deepEqual(check(middlewareFileConventionRule, app('16.0.7', { 'proxy.ts': clerkFile })), []);
    assert.deepEqual(check(middlewareFileConventionRule, app('15.5.4', { 'middleware.ts': clerkFile })), []);
  });

  it('errors when both files exist on Next 16', () => {
    const finding = single(check(middlewareFileConventionRule, app('16.0.7', { 'proxy.ts': clerkFile, 'middleware.ts': clerkFile })));
    assert.equal(finding.severity, 'error');
    assert.equal(finding.location.file, '/ws/middleware.ts');
    assert.equal(finding.related?.[0].location.file, '/ws/proxy.ts');
  });

  it('errors on proxy.ts with Next 15 and renames it to middleware.ts', () => {
    const files = app('15.5.4', { 'proxy.ts': clerkFile });
    const finding = single(check(middlewareFileConventionRule, files));
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.fixes?.[0].renameFiles, [{ from: '/ws/proxy.ts', to: '/ws/middleware.ts' }]);
    const renamed = applyFix(files, finding.fixes![0]);
    assert.equal(renamed['middleware.ts'], clerkFile);
    assert.deepEqual(check(middlewareFileConventionRule, renamed), []);
  });

  it('reports middleware.ts on Next 16 as deprecated info, renaming a named middleware export too', () => {
    const named = "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport const middleware = clerkMiddleware();\n";
    const files = app('16.0.7', { 'src/middleware.ts': named, 'src/app/page.tsx': 'export default function P() { return null; }\n' });
    delete files['app/page.tsx'];
    const finding = single(check(middlewareFileConventionRule, files));
    assert.equal(finding.severity, 'info');
    assert.equal(finding.deprecated, true);
    const fix = finding.fixes![0];
    assert.deepEqual(fix.renameFiles, [{ from: '/ws/src/middleware.ts', to: '/ws/src/proxy.ts' }]);
    const renamed = applyFix(files, fix);
    assert.equal(renamed['src/middleware.ts'], undefined);
    assert.match(renamed['src/proxy.ts'], /export const proxy = clerkMiddleware\(\);/);
    assert.deepEqual(check(middlewareFileConventionRule, renamed), []);
  });

  it('errors on export const runtime in proxy.ts and removes it', () => {
    const files = app('16.0.7', { 'proxy.ts': `${clerkFile}\nexport const runtime = 'nodejs';\n` });
    const finding = single(check(middlewareFileConventionRule, files));
    assert.equal(textAt(files, finding), "export const runtime = 'nodejs';");
    const fixed = applyFix(files, finding.fixes![0]);
    assert.doesNotMatch(fixed['proxy.ts'], /runtime/);
    assert.deepEqual(check(middlewareFileConventionRule, fixed), []);
  });

  it('errors when nothing is exported the way Next looks it up', () => {
    const files = app('16.0.7', { 'proxy.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport const clerk = clerkMiddleware();\n" });
    assert.match(single(check(middlewareFileConventionRule, files)).message, /no default export/);
  });

  it('stays silent on version-dependent checks when the Next version is unknown', () => {
    const files = { 'package.json': JSON.stringify({ dependencies: { next: 'latest', '@clerk/nextjs': '7.8.0' } }), 'app/page.tsx': 'export default function P() { return null; }\n', 'middleware.ts': clerkFile };
    assert.deepEqual(check(middlewareFileConventionRule, files), []);
  });
});
