import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Hover, RenameFile, TextDocumentEdit } from 'vscode-languageserver/node';
import { spawnSync } from 'node:child_process';
import {
  analysisFailuresNotification,
  convexEnvSetCommandRequest,
  didAnalyzeNotification,
  handledEventTypesRequest,
  internalCommandIds,
  projectSummaryRequest,
  reanalyzeRequest,
  type AnalysisFailuresParams,
  type DidAnalyzeParams,
} from '../../../src/protocol';
import { cliBundle, removeProjects, ScriptedClient, writeProject } from './lspClient';
import { clerkRootLayout } from '../../helpers/appSources';

/** A Next 16 app with Clerk: `middleware.ts` (deprecated name: rename to proxy.ts) and a webhook route. */
const app: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { next: '16.0.3', '@clerk/nextjs': '6.35.0', react: '19.2.0' } }),
  'middleware.ts': [
    "import { clerkMiddleware } from '@clerk/nextjs/server';",
    '',
    'export default clerkMiddleware();',
    '',
    'export const config = {',
    "  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)'],",
    '};',
    '',
  ].join('\n'),
  'app/layout.tsx': clerkRootLayout,
  'app/api/webhooks/route.ts': [
    "import { verifyWebhook } from '@clerk/nextjs/webhooks';",
    '',
    'export async function POST(req: Request) {',
    '  const evt = await verifyWebhook(req);',
    '  switch (evt.type) {',
    "    case 'user.created':",
    '      break;',
    '  }',
    "  return new Response('ok', { status: 200 });",
    '}',
    '',
  ].join('\n'),
  '.env.local': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k\nCLERK_SECRET_KEY=sk_test_abc\nCLERK_WEBHOOK_SIGNING_SECRET=whsec_abc\n',
};

describe('language server over stdio (clerk-toolkit lsp --stdio)', function () {
  this.timeout(90_000);
  let client: ScriptedClient | undefined;

  afterEach(() => {
    client?.kill();
    client = undefined;
  });

  after(removeProjects);

  it('publishes diagnostics for files never opened, re-checks on change, answers hovers and code actions, and exits cleanly', async () => {
    const root = writeProject(app);
    client = new ScriptedClient([root]);
    const result = (await client.initialize()) as { capabilities: { codeActionProvider: { codeActionKinds: string[] } } };
    assert.deepEqual(result.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.clerk']);

    // middleware.ts is never opened: the Problems panel fills anyway.
    const middleware = await client.diagnosticsOf('middleware.ts', (list) => list.length > 0);
    assert.deepEqual(
      middleware.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
      [['middleware-file-convention', 3, 2, 0]],
    );
    assert.deepEqual(middleware[0].tags, [2]);
    // The first analysis showed progress while it ran.
    await client.next<{ value: { kind: string } }>('$/progress', (params) => params.value.kind === 'end', 0);
    const progress = client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string; title?: string } }).value);
    assert.deepEqual(progress, [{ kind: 'begin', title: 'Clerk: analysing the project…' }, { kind: 'end' }]);

    // Opening and editing the webhook route: a misspelt event type appears after the edit.
    const route = 'app/api/webhooks/route.ts';
    client.open(route);
    const since = client.notifications.length;
    client.change(route, { start: { line: 5, character: 15 }, end: { line: 5, character: 22 } }, 'craeted');
    const typo = await client.diagnosticsOf(route, (list) => list.some((d) => d.code === 'webhook-event-type'), since);
    const diagnostic = typo.find((d) => d.code === 'webhook-event-type')!;
    assert.deepEqual(diagnostic.range, { start: { line: 5, character: 10 }, end: { line: 5, character: 22 } });

    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: client.uri(route) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const replace = actions.find((action) => action.title === "Replace with 'user.created'")!;
    const edit = replace.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(edit.textDocument, { uri: client.uri(route), version: 2 });
    assert.deepEqual(edit.edits, [{ range: diagnostic.range, newText: 'user.created' }]);
    assert.ok(actions.some((action) => action.title === 'Disable webhook-event-type for this line'));
    assert.ok(actions.some((action) => action.kind === 'source.fixAll.clerk'));
    // On save (`editor.codeActionsOnSave: { "source.fixAll": … }`), only fix-all comes, with the same edit.
    const onSave = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: client.uri(route) },
      range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(
      onSave.map((action) => [action.kind, action.edit]),
      [['source.fixAll.clerk', replace.edit]],
    );

    // The rename fix of the never-opened middleware.ts is a real RenameFile.
    const renameActions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: client.uri('middleware.ts') },
      range: middleware[0].range,
      context: { diagnostics: middleware },
    })) as CodeAction[];
    const rename = renameActions.find((action) => action.title === 'Rename middleware.ts to proxy.ts')!;
    assert.deepEqual(rename.edit!.documentChanges, [
      { kind: 'rename', oldUri: client.uri('middleware.ts'), newUri: client.uri('proxy.ts'), options: { overwrite: false } },
    ] satisfies RenameFile[]);

    // Hovers come from core/hovers, as markdown: where an env key is defined, in load order.
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: client.uri('.env.local') },
      position: { line: 2, character: 3 },
    })) as Hover | null;
    assert.deepEqual(hover, {
      contents: { kind: 'markdown', value: `**CLERK\\_WEBHOOK\\_SIGNING\\_SECRET**\n\n- [\\.env\\.local\\:3](${client.uri('.env.local')}#L3) (loaded)` },
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 28 } },
    });

    assert.equal(await client.shutdown(), 0);
  });

  it("clears a file's diagnostics when its finding goes away, and analyses a folder added later", async () => {
    const root = writeProject(app);
    client = new ScriptedClient([root]);
    await client.initialize();
    await client.diagnosticsOf('middleware.ts', (list) => list.length > 0);
    const since = client.notifications.length;
    fs.renameSync(path.join(root, 'middleware.ts'), path.join(root, 'proxy.ts'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: client.uri('middleware.ts'), type: 3 },
        { uri: client.uri('proxy.ts'), type: 1 },
      ],
    });
    assert.deepEqual(await client.diagnosticsOf('middleware.ts', (list) => list.length === 0, since), []);
    const analyzed = await client.next<DidAnalyzeParams>(didAnalyzeNotification, (params) => params.counts.info === 0, since);
    assert.deepEqual(analyzed.counts, { error: 0, warning: 0, info: 0 });

    // A folder added to the workspace is analysed too, without opening anything.
    const other = writeProject(app);
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: client.uri(other), name: 'other' }], removed: [] },
    });
    const added = await client.diagnosticsOf(path.join(other, 'middleware.ts'), (list) => list.length > 0);
    assert.deepEqual(
      added.map((d) => d.code),
      ['middleware-file-convention'],
    );
    assert.equal(await client.shutdown(), 0);
  });

  it('skips the file an analysis is stuck on for longer than the time limit, says which, and still reports the rest', async () => {
    // The worker blocks for good when it reads this route (CLERK_TOOLKIT_TEST_STALL_ON), as it would in
    // a backtracking regex: only the watchdog can stop it.
    const route = 'app/api/webhooks/clerk-deliveries-from-the-dashboard-endpoint/route.ts';
    const { ['app/api/webhooks/route.ts']: routeText, ...rest } = app;
    const root = writeProject({ ...rest, [route]: routeText });
    process.env.CLERK_TOOLKIT_TEST_STALL_ON = route;
    try {
      client = new ScriptedClient([root]);
    } finally {
      delete process.env.CLERK_TOOLKIT_TEST_STALL_ON;
    }
    await client.initialize({ trusted: true, analysisTimeLimitMs: 1000 });
    const analyzed = await client.next<DidAnalyzeParams>(didAnalyzeNotification, () => true, 0, 60_000);
    const failures = client.notifications.filter((n) => n.method === analysisFailuresNotification).map((n) => (n.params as AnalysisFailuresParams).failures);
    assert.deepEqual(failures, [[`${path.join(root, route)} was skipped: the analysis spent more than 1 s on it`]]);
    // The other files' findings still come: middleware.ts, never opened, gets its rename finding.
    assert.equal(analyzed.counts.info, 1);
    assert.deepEqual(
      client.diagnostics.get(client.uri('middleware.ts'))?.map((d) => d.code),
      ['middleware-file-convention'],
    );
    assert.equal(await client.shutdown(), 0);
  });

  it("runs as dist/server.js over Node IPC with settings per folder and the extension's requests", async () => {
    const a = writeProject(app);
    const b = writeProject(app);
    const settings: Record<string, Record<string, unknown>> = { [a]: { rules: { 'middleware-file-convention': 'off' } }, [b]: { rules: {} } };
    client = new ScriptedClient([a, b], settings, 'ipc');
    await client.initialize({ trusted: true, extensionCommands: true });
    await client.diagnosticsOf(path.join(b, 'middleware.ts'), (list) => list.length > 0);
    await client.next<DidAnalyzeParams>(didAnalyzeNotification, () => true, 0);
    // Folder a turned the rule off: its middleware.ts got nothing in the analysis that reported b's.
    assert.equal(client.diagnostics.get(client.uri(path.join(a, 'middleware.ts'))), undefined);

    const summary = await client.connection.sendRequest(projectSummaryRequest, { uri: client.uri(path.join(b, 'app/layout.tsx')) });
    assert.deepEqual(summary, { rootUri: client.uri(b), nextVersion: '16.0.3', clerkMajor: 6, hasConvex: false, projectCount: 2 });
    assert.deepEqual(await client.connection.sendRequest(handledEventTypesRequest), { eventTypes: ['user.created'] });
    assert.deepEqual(await client.connection.sendRequest(convexEnvSetCommandRequest, { projectRoot: a, key: 'CLERK_SECRET_KEY' }), {
      command: "npx convex env set CLERK_SECRET_KEY 'sk_test_abc'",
      placeholder: 'none',
    });

    const middlewareB = client.diagnostics.get(client.uri(path.join(b, 'middleware.ts')))!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: client.uri(path.join(b, 'middleware.ts')) },
      range: middlewareB[0].range,
      context: { diagnostics: middlewareB },
    })) as CodeAction[];
    const disable = actions.find((action) => action.title === 'Disable middleware-file-convention in settings')!;
    assert.deepEqual(disable.command, {
      title: disable.title,
      command: internalCommandIds.disableRule,
      arguments: ['middleware-file-convention', client.uri(b)],
    });

    // The setting changes: the server reads folder a's section again.
    const since = client.notifications.length;
    settings[a] = { rules: {} };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsOf(path.join(a, 'middleware.ts'), (list) => list.length > 0, since);

    // "Re-analyze" answers after a fresh analysis was published.
    const generation = (client.notifications.filter((n) => n.method === didAnalyzeNotification).pop()!.params as DidAnalyzeParams).generation;
    const beforeReanalyze = client.notifications.length;
    await client.connection.sendRequest(reanalyzeRequest);
    await client.next<DidAnalyzeParams>(didAnalyzeNotification, (params) => params.generation > generation, beforeReanalyze);
    assert.equal(await client.shutdown(), 0);
  });

  it('prints its usage for `clerk-toolkit lsp --help` and refuses to start without a transport', () => {
    const help = spawnSync(process.execPath, [cliBundle, 'lsp', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^ {2}clerk-toolkit lsp --stdio\|--node-ipc$/m);
    const bare = spawnSync(process.execPath, [cliBundle, 'lsp'], { encoding: 'utf8' });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /choose a transport/);
  });
});
