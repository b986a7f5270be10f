import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { internalCommandIds } from '../../../src/protocol';
import { recordNotifications, toolkit, waitFor } from '../../integration/probes';

const command = internalCommandIds.copyConvexEnvSet;
const key = 'CLERK_FRONTEND_API_URL';

describe('convex env hover in Restricted Mode', function () {
  this.timeout(60_000);

  it('explains the key without a link that reads env values out; the command itself copies a placeholder and says so', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const envText = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.env.local'))).toString('utf8');
    const value = new RegExp(`^${key}=(\\S+)$`, 'm').exec(envText)?.[1];
    assert.ok(value, `.env.local has no ${key}`);

    await (await toolkit()).diagnostics.whenAnalyzed();
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'convex', 'auth.config.ts'));
    await vscode.window.showTextDocument(document);
    const position = document.positionAt(document.getText().indexOf(`process.env.${key}`) + 'process.env.'.length + 2);
    const text = await waitFor('the env key hover', async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
      const shown = hovers
        .flatMap((hover) => hover.contents)
        .map((content) => (content instanceof vscode.MarkdownString ? content.value : String(content)))
        .join('\n');
      return shown.replace(/\\([!-/:-@[-`{-~])/g, '$1').includes(`**${key}**`) && shown;
    });
    assert.ok(!text.includes(`command:${command}`), `an untrusted hover offers the copy link: ${text}`);
    assert.ok(!text.includes(value), 'the hover shows the value');

    // A link kept from before (or typed by hand) still gets no value out of the env files.
    const recorder = recordNotifications('showInformationMessage');
    try {
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand(command, folder.fsPath, key);
    } finally {
      recorder.restore();
    }
    assert.equal(await vscode.env.clipboard.readText(), `npx convex env set ${key} <value>`);
    assert.equal(recorder.messages.length, 1);
    assert.match(recorder.messages[0], /placeholder/);
    assert.ok(!recorder.messages[0].includes(value));
  });
});
