import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { recordNotifications } from '../probes';

/**
 * What a user sees around the diagnostics besides squiggles: a progress indicator while a full
 * analysis runs, and a reason when "Show Findings" has nothing to list.
 */
describe('progress and empty states', function () {
  this.timeout(60_000);

  it('Re-analyze shows a status bar progress and has finished when the command resolves', async () => {
    const shown: { location: unknown; title: string | undefined; done: boolean }[] = [];
    const original = vscode.window.withProgress;
    // Test files share the extension's `vscode` object, so this wrapper sees the extension's calls.
    Object.assign(vscode.window, {
      withProgress: <R>(options: vscode.ProgressOptions, task: Parameters<typeof original<R>>[1]) => {
        const entry = { location: options.location, title: options.title, done: false };
        shown.push(entry);
        return original.call(vscode.window, options, task).then((result) => {
          entry.done = true;
          return result;
        });
      },
    });
    try {
      await vscode.commands.executeCommand('clerkToolkit.reanalyze');
    } finally {
      Object.assign(vscode.window, { withProgress: original });
    }
    // Ours, finished; the language server may report its own progress besides.
    assert.deepEqual(
      shown.filter((entry) => entry.title === 'Clerk: analysing the project…'),
      [{ location: vscode.ProgressLocation.Window, title: 'Clerk: analysing the project…', done: true }],
    );
  });

  it('Show Findings says the diagnostics are off rather than "no problems"', async () => {
    const config = vscode.workspace.getConfiguration('clerkToolkit');
    const recorded = recordNotifications('showInformationMessage');
    try {
      await config.update('diagnostics.enable', false, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('clerkToolkit.showFindings');
      assert.deepEqual(recorded.messages, ['Clerk Auth Toolkit diagnostics are turned off (setting clerkToolkit.diagnostics.enable).']);
    } finally {
      recorded.restore();
      await config.update('diagnostics.enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
