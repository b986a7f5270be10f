import * as assert from 'node:assert/strict';
import { applyWorkspaceChange } from '../../../src/core/fixes/workspaceChange';
import type { Finding, RuleContext } from '../../../src/core/model';
import { createMemoryHost, type MemoryHost } from '../../../src/core/project/fileHost';
import type { Rule } from '../../../src/core/rules/rule';
import { ToolkitService, type ClientCommands, type ServiceCodeAction } from '../../../src/core/service';

const commands: ClientCommands = { copyFixText: 'test.copyFixText', disableRule: 'test.disableRule', copyConvexEnvSet: 'test.copyConvexEnvSet' };

/** A Next 16 app using Clerk: `middleware.ts` is the deprecated name (rename to proxy.ts). */
function nextApp(root: string): Record<string, string> {
  return {
    [`${root}/package.json`]: JSON.stringify({ name: 'app', dependencies: { next: '16.0.3', '@clerk/nextjs': '6.35.0' } }),
    [`${root}/middleware.ts`]: "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n",
    [`${root}/app/page.tsx`]: 'export default function Page() {\n  return null;\n}\n',
    [`${root}/.env.local`]: 'CLERK_SECRET_KEY=sk_test_one\n',
  };
}

/**
 * A rule under the test's control: one finding on the first line of each `app/page.tsx`, whose
 * fixes copy `KEY=<value of CLERK_SECRET_KEY now>`, rename the page (safe) and, when the online
 * check's templates are present, a finding naming them.
 */
const probeRule: Rule = {
  id: 'probe',
  defaultSeverity: 'warning',
  title: 'probe',
  description: 'probe',
  check(ctx: RuleContext): Finding[] {
    const page = `${ctx.project.root}/app/page.tsx`;
    if (ctx.readFile(page) === undefined) return [];
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } };
    const findings: Finding[] = [
      {
        ruleId: 'probe',
        severity: 'warning',
        location: { file: page, range },
        message: 'probe finding',
        fixes: [
          { title: 'Copy the key', edits: [], clipboardText: `KEY=${ctx.env.lookup('CLERK_SECRET_KEY')?.value ?? ''}` },
          {
            title: 'Rename the page',
            edits: [{ file: page, range, newText: 'export' }],
            renameFiles: [{ from: page, to: `${ctx.project.root}/app/home.tsx` }],
            safe: true,
          },
        ],
      },
    ];
    if (ctx.onlineJwtTemplates) {
      findings.push({
        ruleId: 'probe',
        severity: 'info',
        location: { file: page, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } },
        message: `online: ${ctx.onlineJwtTemplates.map((t) => t.name).join(',')}`,
      });
    }
    return findings;
  },
};

function service(host: MemoryHost, options: { trusted?: boolean; folders?: string[]; withCommands?: boolean } = {}): ToolkitService {
  return new ToolkitService({
    folders: (options.folders ?? ['/ws/a']).map((root) => ({ root, settings: {} })),
    host,
    trusted: options.trusted ?? true,
    commands: options.withCommands === false ? undefined : commands,
    rules: [probeRule],
  });
}

const titles = (actions: ServiceCodeAction[]) => actions.map((action) => action.title);
const pageRange = { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } };

describe('ToolkitService', () => {
  it('keeps settings per folder: a rule turned off in one folder still reports in the other', () => {
    const host = createMemoryHost({ ...nextApp('/ws/a'), ...nextApp('/ws/b') });
    const toolkit = service(host, { folders: ['/ws/a', '/ws/b'] });
    toolkit.setFolderSettings('/ws/a', { severityOverrides: { probe: 'off' } });
    toolkit.setFolderSettings('/ws/b', { severityOverrides: { probe: 'error' } });
    const findings = toolkit.analyze().findings;
    assert.deepEqual([...findings.keys()], ['/ws/b/app/page.tsx']);
    assert.equal(findings.get('/ws/b/app/page.tsx')![0].severity, 'error');
    toolkit.setFolderSettings('/ws/b', {}, false);
    assert.deepEqual([...toolkit.analyze().findings.keys()], []);
  });

  it("reports a file of a folder nested in another once, under the inner folder's settings", () => {
    const toolkit = service(createMemoryHost(nextApp('/ws/a/apps/web')), { folders: ['/ws/a', '/ws/a/apps/web'] });
    toolkit.setFolderSettings('/ws/a/apps/web', { severityOverrides: { probe: 'info' } });
    const findings = [...toolkit.analyze().findings.values()].flat();
    assert.deepEqual(
      findings.map((finding) => [finding.location.file, finding.severity]),
      [['/ws/a/apps/web/app/page.tsx', 'info']],
    );
  });

  it('analyses unsaved text while a document is open and the file on disk after it closes', () => {
    const host = createMemoryHost(nextApp('/ws/a'));
    const toolkit = service(host);
    assert.equal(toolkit.analyze().findings.size, 1);
    host.deleteFile('/ws/a/app/page.tsx');
    toolkit.openDocument('/ws/a/app/page.tsx', 'export default 1;\n');
    toolkit.fileDeleted('/ws/a/app/page.tsx');
    assert.equal(toolkit.analyze().findings.size, 1, 'the buffer wins over the deleted file');
    toolkit.closeDocument('/ws/a/app/page.tsx');
    assert.equal(toolkit.analyze().findings.size, 0);
  });

  it('offers each fix as a workspace change, disable comments and settings, and fix-all with the rename', () => {
    const host = createMemoryHost(nextApp('/ws/a'));
    const toolkit = service(host);
    const actions = toolkit.codeActions('/ws/a/app/page.tsx', pageRange);
    assert.deepEqual(titles(actions), [
      'Copy the key',
      'Rename the page',
      'Disable probe for this line',
      'Disable probe in settings',
      'Fix all safe Clerk Auth Toolkit problems',
    ]);
    const [copy, rename, disableLine, disableSettings, fixAll] = actions;
    assert.equal(copy.change, undefined);
    assert.equal(copy.command!.id, commands.copyFixText);
    assert.deepEqual(rename.change, {
      changes: [
        {
          kind: 'edit',
          file: '/ws/a/app/page.tsx',
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } }, newText: 'export' }],
        },
        { kind: 'rename', from: '/ws/a/app/page.tsx', to: '/ws/a/app/home.tsx' },
      ],
    });
    const files = new Map([['/ws/a/app/page.tsx', host.readFile('/ws/a/app/page.tsx')!]]);
    assert.deepEqual(
      [...applyWorkspaceChange(files, disableLine.change!)],
      [['/ws/a/app/page.tsx', '// clerk-toolkit-disable-next-line probe\nexport default function Page() {\n  return null;\n}\n']],
    );
    assert.deepEqual(disableSettings.command, { id: commands.disableRule, arguments: ['probe', 'file:///ws/a'] });
    assert.equal(fixAll.kind, 'fixAll');
    assert.deepEqual(fixAll.change, rename.change);
    // Away from the finding: only fix-all of the file.
    assert.deepEqual(titles(toolkit.codeActions('/ws/a/app/page.tsx', { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } })), [
      'Fix all safe Clerk Auth Toolkit problems',
    ]);
  });

  it('offers no command-only actions to clients without the extension commands', () => {
    const toolkit = service(createMemoryHost(nextApp('/ws/a')), { withCommands: false });
    assert.deepEqual(titles(toolkit.codeActions('/ws/a/app/page.tsx', pageRange)), [
      'Rename the page',
      'Disable probe for this line',
      'Fix all safe Clerk Auth Toolkit problems',
    ]);
  });

  it('looks the clipboard text of a fix up by its id, with the value the env files give now', () => {
    const host = createMemoryHost(nextApp('/ws/a'));
    const toolkit = service(host);
    const fixId = toolkit.codeActions('/ws/a/app/page.tsx', pageRange)[0].command!.arguments[0] as string;
    assert.equal(toolkit.fixClipboardText(fixId), 'KEY=sk_test_one');
    toolkit.changeDocument('/ws/a/.env.local', 'CLERK_SECRET_KEY=sk_test_two\n');
    assert.equal(toolkit.fixClipboardText(fixId), 'KEY=sk_test_two');
    assert.equal(toolkit.fixClipboardText('not an id'), undefined);
  });

  it('builds `npx convex env set` from the env files only when trusted, and only for variable names', () => {
    const toolkit = service(createMemoryHost(nextApp('/ws/a')));
    assert.deepEqual(toolkit.convexEnvSetCommand('/ws/a', 'CLERK_SECRET_KEY'), {
      command: "npx convex env set CLERK_SECRET_KEY 'sk_test_one'",
      placeholder: 'none',
    });
    assert.deepEqual(toolkit.convexEnvSetCommand('/ws/a', 'MISSING'), { command: 'npx convex env set MISSING <value>', placeholder: 'no-value' });
    assert.equal(toolkit.convexEnvSetCommand('/ws/a', 'X; rm -rf /'), undefined);
    toolkit.setTrusted(false);
    assert.deepEqual(toolkit.convexEnvSetCommand('/ws/a', 'CLERK_SECRET_KEY'), {
      command: 'npx convex env set CLERK_SECRET_KEY <value>',
      placeholder: 'untrusted',
    });
  });

  it("hands the online check's templates to the rules only in a trusted workspace", () => {
    const toolkit = service(createMemoryHost(nextApp('/ws/a')), { trusted: false });
    const messages = () => [...toolkit.analyze().findings.values()].flat().map((finding) => finding.message);
    toolkit.setOnlineTemplates([{ name: 'convex', claims: { aud: 'convex' } }]);
    assert.deepEqual(messages(), ['probe finding']);
    toolkit.setTrusted(true);
    assert.deepEqual(messages(), ['probe finding', 'online: convex']);
    toolkit.setOnlineTemplates(undefined);
    assert.deepEqual(messages(), ['probe finding']);
  });

  it('summarises the project of a file, counting the projects of every folder', () => {
    const toolkit = service(createMemoryHost({ ...nextApp('/ws/a'), ...nextApp('/ws/b') }), { folders: ['/ws/a', '/ws/b'] });
    assert.deepEqual(toolkit.projectSummary('/ws/b/app/page.tsx'), {
      summary: { root: '/ws/b', nextVersion: '16.0.3', clerkMajor: 6, hasConvex: false },
      projectCount: 2,
    });
    assert.equal(toolkit.projectSummary(undefined).summary?.root, '/ws/a');
  });
});

describe('ToolkitService with every rule', () => {
  it('offers the middleware → proxy rename as a rename of the file', () => {
    const host = createMemoryHost(nextApp('/ws/a'));
    const toolkit = new ToolkitService({ folders: [{ root: '/ws/a', settings: {} }], host, trusted: true });
    const finding = toolkit.findingsOf('/ws/a/middleware.ts').find((candidate) => candidate.ruleId === 'middleware-file-convention')!;
    const action = toolkit
      .codeActions('/ws/a/middleware.ts', finding.location.range)
      .find((candidate) => candidate.title === 'Rename middleware.ts to proxy.ts')!;
    assert.deepEqual(action.change, { changes: [{ kind: 'rename', from: '/ws/a/middleware.ts', to: '/ws/a/proxy.ts' }] });
    assert.equal(action.finding, finding);
  });
});
