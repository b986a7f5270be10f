import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { internalCommandIds } from '../../../../src/protocol';
import { codeActions, diagnosticsWhere, exists, ours, toolkit, waitFor } from '../../probes';

/**
 * A multi-root workspace (run-integration.ts builds it): `monorepo` (two Next apps and a shared
 * Convex package, packages/backend), `events-a` and `events-b` (the same app with a misspelt
 * webhook event type; events-b turns webhook-event-type off in its folder settings) and `next15`
 * (an app under src/).
 */
const folder = (name: string): vscode.WorkspaceFolder => {
  const found = vscode.workspace.workspaceFolders?.find((candidate) => candidate.name === name);
  assert.ok(found, `no workspace folder ${name}`);
  return found;
};
const file = (name: string, ...segments: string[]): vscode.Uri => vscode.Uri.joinPath(folder(name).uri, ...segments);
const route = (name: string): vscode.Uri => file(name, 'app', 'api', 'webhooks', 'route.ts');

async function diskText(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

describe('multi-root workspace', function () {
  this.timeout(60_000);

  // First in this run: nothing has been opened yet.
  it('fills the Problems panel when the workspace opens, without opening a file', async () => {
    assert.deepEqual(
      vscode.window.visibleTextEditors.map((editor) => editor.document.uri.toString()),
      [],
      'a file is open',
    );
    const [finding] = await diagnosticsWhere(
      'webhook-event-type in events-a',
      () => ours(route('events-a'), 'webhook-event-type').length > 0 && ours(route('events-a'), 'webhook-event-type'),
    );
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(finding.message, /'user\.create' is not a Clerk webhook event type/);
    assert.equal(
      vscode.workspace.textDocuments.some((document) => document.uri.toString() === route('events-a').toString()),
      false,
      'the route was opened',
    );
  });

  it("applies each folder's settings: a rule turned off in events-b stays on in events-a", async () => {
    await (await toolkit()).diagnostics.whenAnalyzed();
    // Both folders are analysed (env-missing shows in both); only events-b turns webhook-event-type off.
    await diagnosticsWhere(
      'env-missing in both folders',
      () => ours(route('events-a'), 'env-missing').length > 0 && ours(route('events-b'), 'env-missing').length > 0,
    );
    assert.equal(ours(route('events-a'), 'webhook-event-type').length, 1);
    assert.equal(ours(route('events-b'), 'webhook-event-type').length, 0);

    // "Disable … in settings" with the finding's folder writes that folder's settings only.
    const config = () => vscode.workspace.getConfiguration('clerkToolkit', folder('events-a').uri);
    try {
      await vscode.commands.executeCommand(internalCommandIds.disableRule, 'env-missing', folder('events-a').uri.toString());
      assert.deepEqual(config().inspect('rules')?.workspaceFolderValue, { 'env-missing': 'off' });
      await diagnosticsWhere('env-missing to go from events-a only', () => ours(route('events-a'), 'env-missing').length === 0);
      assert.ok(ours(route('events-b'), 'env-missing').length > 0, 'events-b lost env-missing too');
    } finally {
      await config().update('rules', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it("editing the shared Convex package's auth.config.ts updates the findings of apps/web", async () => {
    const authConfig = file('monorepo', 'packages', 'backend', 'convex', 'auth.config.ts');
    const page = file('monorepo', 'apps', 'web', 'app', 'dashboard', 'page.tsx');
    const original = await diskText(authConfig);
    const document = await vscode.workspace.openTextDocument(authConfig);
    await vscode.window.showTextDocument(document);
    assert.equal(ours(page).length, 0, 'the page has findings before the edit');
    const at = document.getText().indexOf("'convex'");
    assert.ok(at > 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(authConfig, new vscode.Range(document.positionAt(at), document.positionAt(at + 8)), "'my-app'");
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    try {
      const [mismatch] = await diagnosticsWhere(
        'convex-jwt-template-mismatch in apps/web',
        () => ours(page, 'convex-jwt-template-mismatch').length > 0 && ours(page, 'convex-jwt-template-mismatch'),
      );
      assert.equal(mismatch.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(mismatch.range.start.line, 6);
      assert.match(mismatch.message, /applicationID "my-app"/);
    } finally {
      const revert = new vscode.WorkspaceEdit();
      revert.replace(authConfig, document.validateRange(new vscode.Range(0, 0, document.lineCount, 0)), original);
      assert.equal(await vscode.workspace.applyEdit(revert), true);
      assert.equal(await document.save(), true);
    }
    await diagnosticsWhere('the apps/web finding to clear', () => ours(page).length === 0);
  });

  it('"Move middleware.ts to src/middleware.ts" moves the file on disk', async () => {
    const placed = file('next15', 'src', 'middleware.ts');
    const misplaced = file('next15', 'middleware.ts');
    const text = await diskText(placed);
    await vscode.workspace.fs.rename(placed, misplaced);
    try {
      const [finding] = await diagnosticsWhere(
        'middleware-missing on the misplaced file',
        () => ours(misplaced, 'middleware-missing').length > 0 && ours(misplaced, 'middleware-missing'),
      );
      const actions = await codeActions(misplaced, finding.range, vscode.CodeActionKind.QuickFix.value);
      const move = actions.find((action) => action.title === 'Move middleware.ts to src/middleware.ts');
      assert.ok(move?.edit, `no move action with an edit among: ${actions.map((action) => action.title).join(' | ')}`);
      assert.equal(await vscode.workspace.applyEdit(move.edit), true);
      assert.equal(await exists(misplaced), false, 'middleware.ts is still at the app root');
      assert.equal(await diskText(placed), text, 'src/middleware.ts does not hold the middleware code');
      await waitFor('the finding to clear', () => ours(misplaced).length === 0 && ours(placed, 'middleware-missing').length === 0);
    } finally {
      if (await exists(misplaced)) await vscode.workspace.fs.rename(misplaced, placed, { overwrite: true });
    }
  });
});
