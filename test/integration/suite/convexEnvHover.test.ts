import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { recordNotifications, waitFor } from '../probes';

/**
 * The `env-convex-deployment` hover on a `process.env.X` read under convex/ that .env.local defines
 * (so the rule is silent): its command link copies `npx convex env set X '<value>'`, reading the
 * value on click, while the hover, the link and the confirmation never show it.
 */
const extensionId = 'clerk-auth-toolkit.clerk-auth-toolkit';
const command = 'clerkToolkit.diagnostics.copyConvexEnvSet';
const key = 'CLERK_FRONTEND_API_URL';

const file = (...segments: string[]): vscode.Uri => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...segments);

function markdownOf(hovers: vscode.Hover[]): vscode.MarkdownString[] {
  return hovers.flatMap((hover) => hover.contents).filter((content): content is vscode.MarkdownString => content instanceof vscode.MarkdownString);
}

describe('convex env hover (copy `npx convex env set` with the local value)', function () {
  this.timeout(60_000);
  let recorder: ReturnType<typeof recordNotifications>;
  let notices: string[];

  before(() => {
    recorder = recordNotifications('showInformationMessage');
    notices = recorder.messages;
  });

  after(async () => {
    recorder.restore();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('offers a command link that copies the command with the value from .env.local, shown nowhere', async () => {
    const envText = Buffer.from(await vscode.workspace.fs.readFile(file('.env.local'))).toString('utf8');
    const value = new RegExp(`^${key}=(\\S+)$`, 'm').exec(envText)?.[1];
    assert.ok(value, `.env.local has no ${key}`);

    await vscode.extensions.getExtension(extensionId)!.activate();
    const document = await vscode.workspace.openTextDocument(file('convex', 'auth.config.ts'));
    await vscode.window.showTextDocument(document);
    const position = document.positionAt(document.getText().indexOf(`process.env.${key}`) + 'process.env.'.length + 2);

    // The hover provider comes with the diagnostics, which start once the document is seen.
    const markdown = await waitFor('the hover with the copy link', async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
      const contents = markdownOf(hovers);
      return contents.some((content) => content.value.includes(`command:${command}`)) && contents;
    });
    for (const content of markdown)
      assert.ok(!content.value.includes(value) && !content.value.includes(encodeURIComponent(value)), `the hover shows the value: ${content.value}`);

    const ours = markdown.find((content) => content.value.includes(`command:${command}`))!;
    assert.deepEqual(ours.isTrusted, { enabledCommands: [command] }, 'only the copy command is enabled in the hover');
    const link = new RegExp(`\\[([^\\]]*)\\]\\(command:${command.replace(/\./g, '\\.')}\\?([^)\\s]+)\\)`).exec(ours.value);
    assert.ok(link, `no command link in: ${ours.value}`);
    assert.match(link[1], new RegExp(`Copy \`npx convex env set ${key} …\``));
    const args = JSON.parse(decodeURIComponent(link[2])) as unknown[];
    assert.ok(!JSON.stringify(args).includes(value), 'the value must not travel as a command argument');

    await vscode.env.clipboard.writeText('');
    const noticesBefore = notices.length;
    await vscode.commands.executeCommand(command, ...args);
    assert.equal(await vscode.env.clipboard.readText(), `npx convex env set ${key} '${value}'`);
    const confirmation = notices.slice(noticesBefore);
    assert.equal(confirmation.length, 1, `one confirmation, got: ${confirmation.join(' | ')}`);
    assert.ok(!confirmation[0].includes(value), `the confirmation shows the value: ${confirmation[0]}`);
  });
});
