import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** Polls until `probe` returns a value (not undefined or false), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** This extension's diagnostics on `uri`, optionally of one rule. */
export function ours(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Clerk Auth Toolkit' && (ruleId === undefined || ruleIdOf(d) === ruleId));
}

/**
 * Seeds the mistake from rules.md, a case near-miss of the Convex `applicationID`, in an UNSAVED
 * buffer of convex/auth.config.ts and waits for this extension's diagnostic on it. The caller
 * reverts the buffer with `workbench.action.files.revert`.
 */
export async function seedApplicationIdMistake(): Promise<{ document: vscode.TextDocument; diagnostic: vscode.Diagnostic }> {
  const config = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'convex', 'auth.config.ts');
  const document = await vscode.workspace.openTextDocument(config);
  const editor = await vscode.window.showTextDocument(document);
  const at = document.getText().indexOf("'convex'");
  assert.ok(at > 0, "fixture auth.config.ts has no 'convex' applicationID");
  await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(at), document.positionAt(at + 8)), "'Convex'"));
  const diagnostic = await waitFor('the convex-jwt-template-mismatch diagnostic', () => ours(config, 'convex-jwt-template-mismatch')[0]);
  return { document, diagnostic };
}

/**
 * Records the messages the extension shows with `vscode.window[kind]` until `restore()`. Test files
 * in this extension's folder get the same `vscode` object as the extension, so replacing the
 * function on it sees the extension's calls; the notification is not shown meanwhile.
 */
export function recordNotifications(kind: 'showInformationMessage' | 'showWarningMessage'): { messages: string[]; restore: () => void } {
  const messages: string[] = [];
  const original = vscode.window[kind];
  Object.assign(vscode.window, {
    [kind]: (message: string) => {
      messages.push(message);
      return Promise.resolve(undefined);
    },
  });
  return { messages, restore: () => Object.assign(vscode.window, { [kind]: original }) };
}
