import * as path from 'node:path';
import * as vscode from 'vscode';
import { openCiWorkflow } from './ciWorkflow';
import { problemFixedContextKey, walkthroughCommands, walkthroughId } from './ids';
import { editorColumnFor, revealFirstProblem, watchForFixedProblems } from './problems';

/**
 * The "Get started" walkthrough's commands and completion signals (package.json
 * `contributes.walkthroughs`), and the first-run hook of `npm start`.
 */
export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(walkthroughCommands.showProblem, async () => {
      if (await revealFirstProblem()) await vscode.commands.executeCommand('editor.action.showHover');
    }),
    vscode.commands.registerCommand(walkthroughCommands.fixProblem, async () => {
      if (await revealFirstProblem()) await vscode.commands.executeCommand('editor.action.quickFix');
    }),
    vscode.commands.registerCommand(walkthroughCommands.trySnippet, trySnippet),
    vscode.commands.registerCommand(walkthroughCommands.createCiWorkflow, () => openCiWorkflow(String(context.extension.packageJSON.version))),
    // Only its execution matters: the snippet step's completion event.
    vscode.commands.registerCommand(walkthroughCommands.snippetInserted, () => undefined),
    watchForFixedProblems(problemFixedContextKey),
  );
  void openOnStart();
}

/** A scratch TSX document with `clerk-` typed and the completion list open, as the step describes. */
async function trySnippet(): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'typescriptreact', content: 'clerk-' });
  const editor = await vscode.window.showTextDocument(document, { viewColumn: editorColumnFor() });
  const end = document.lineAt(0).range.end;
  editor.selection = new vscode.Selection(end, end);
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
}

/**
 * `npm start` sets CLERK_TOOLKIT_OPEN_ON_START to a file of the sample (scripts/first-run-sample.mjs):
 * it opens beside the walkthrough, so a newcomer sees a finding and the steps at once.
 */
async function openOnStart(): Promise<void> {
  const relative = process.env.CLERK_TOOLKIT_OPEN_ON_START;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!relative || !folder || path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..')) return;
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, relative), { viewColumn: vscode.ViewColumn.One, preview: false });
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughId, true);
}
