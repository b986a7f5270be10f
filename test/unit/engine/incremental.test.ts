import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../src/core/engine';
import type { Finding } from '../../../src/core/model';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import { envServerOnlyInClientRule } from '../../../src/core/rules/env-server-only-in-client';
import { middlewareMissingRule } from '../../../src/core/rules/middleware-missing';

// An edit of a source file re-runs the rules, but rebuilds the project's model (file lists, env
// files, versions, module graph) only when the file's imports or directives changed; per-file facts
// are computed again for the edited file only. Findings must follow every edit either way.

const page = (extra = '') =>
  `import { auth } from '@clerk/nextjs/server';\nexport default async function Page() {\n${extra}  const { userId } = await auth();\n  return userId;\n}\n`;

const files = (): Record<string, string> => ({
  '/ws/package.json': JSON.stringify({ dependencies: { next: '16.0.0', '@clerk/nextjs': '7.0.0' } }),
  '/ws/app/page.tsx': page(),
  '/ws/lib/keys.ts': 'export const key = process.env.CLERK_SECRET_KEY;\n',
  '/ws/app/other/page.tsx': page(),
});

const places = (byFile: Map<string, Finding[]>, ruleId: string): string[] =>
  [...byFile.values()]
    .flat()
    .filter((finding) => finding.ruleId === ruleId)
    .map((finding) => `${finding.location.file}:${finding.location.range.start.line}`)
    .sort();

describe('engine: incremental re-analysis after source edits', () => {
  it('an edit inside a function keeps the project model, and findings follow the edit', () => {
    const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(files()), rules: [middlewareMissingRule] });
    assert.deepEqual(places(session.analyze(), 'middleware-missing'), ['/ws/app/other/page.tsx:2', '/ws/app/page.tsx:2']);
    const project = session.getWorkspace().projects[0];
    session.setOverlay('/ws/app/page.tsx', page('  // a comment\n  console.log("rendering");\n'));
    assert.deepEqual(places(session.analyze(), 'middleware-missing'), ['/ws/app/other/page.tsx:2', '/ws/app/page.tsx:4']);
    assert.equal(session.getWorkspace().projects[0], project);
    // The other page's facts were kept; its finding is where it was.
    session.setOverlay('/ws/app/page.tsx', 'export default function Page() {\n  return null;\n}\n');
    assert.deepEqual(places(session.analyze(), 'middleware-missing'), ['/ws/app/other/page.tsx:2']);
  });

  it('an edit that changes a directive or an import rebuilds the module graph', () => {
    const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(files()), rules: [envServerOnlyInClientRule] });
    assert.deepEqual(places(session.analyze(), 'env-server-only-in-client'), []);
    const project = session.getWorkspace().projects[0];
    // The page becomes a client module that imports the module reading the secret key: both run in the browser.
    session.setOverlay('/ws/app/page.tsx', `'use client';\nimport { key } from '../lib/keys';\nexport default function Page() {\n  return key;\n}\n`);
    assert.deepEqual(places(session.analyze(), 'env-server-only-in-client'), ['/ws/lib/keys.ts:0']);
    assert.notEqual(session.getWorkspace().projects[0], project);
    assert.deepEqual(session.getWorkspace().nextApps[0].clientModules, ['/ws/app/page.tsx', '/ws/lib/keys.ts']);
    session.setOverlay('/ws/app/page.tsx', undefined);
    assert.deepEqual(places(session.analyze(), 'env-server-only-in-client'), []);
    assert.deepEqual(session.getWorkspace().nextApps[0].clientModules, []);
  });
});
