import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClerkToolkitApi } from '../../src/extension/extension';
import type { DidAnalyzeParams } from '../../src/protocol';

export const extensionId = 'clerk-auth-toolkit.clerk-auth-toolkit';

/** The extension's exported API (activating it if needed). */
export async function toolkit(): Promise<ClerkToolkitApi> {
  const extension = vscode.extensions.getExtension<ClerkToolkitApi>(extensionId);
  assert.ok(extension, `${extensionId} not found`);
  return extension.activate();
}

/**
 * Runs `action` and resolves with the first analysis the language server publishes after it: the
 * event tests wait for instead of sleeping before they assert that something is NOT shown.
 */
export async function analysisAfter(action: () => unknown, timeoutMs = 20_000): Promise<DidAnalyzeParams> {
  const { diagnostics } = await toolkit();
  let subscription: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const analyzed = new Promise<DidAnalyzeParams>((resolve, reject) => {
    subscription = diagnostics.onDidAnalyze(resolve);
    timer = setTimeout(() => reject(new Error('timed out waiting for an analysis')), timeoutMs);
  });
  try {
    await action();
    return await analyzed;
  } finally {
    subscription?.dispose();
    clearTimeout(timer);
  }
}

/** Resolves once `probe` holds for the diagnostics: checked now and on every diagnostics change. */
export function diagnosticsWhere<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const now = probe();
  if (now !== undefined && now !== false) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => {
      const value = probe();
      if (value === undefined || value === false) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/**
 * Code actions as the light bulb gets them (resolved, so lazily computed edits are filled in). The
 * workbench cancels a request when the set of providers changes meanwhile (the built-in TypeScript
 * features register theirs when they activate): ask again then.
 */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  // The workbench asks providers only for documents it has loaded ("Illegal argument" otherwise).
  await vscode.workspace.openTextDocument(uri);
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind, 100)) ?? [];
    } catch (error) {
      if (attempt >= 10 || !(error instanceof Error) || error.message !== 'Canceled') throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Whether a file exists on disk. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

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
export function recordNotifications(kind: 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage'): { messages: string[]; restore: () => void } {
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

/** Records every notification (information, warning, error) until `restore()`; see `recordNotifications`. */
export function recordAllNotifications(): { messages: string[]; restore: () => void } {
  const recorders = (['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as const).map((kind) => recordNotifications(kind));
  return {
    get messages() {
      return recorders.flatMap((recorder) => recorder.messages);
    },
    restore: () => recorders.forEach((recorder) => recorder.restore()),
  };
}

/**
 * The text of one of this extension's log output channels (`name` as shown in the Output view),
 * read from the log file VS Code writes for it once `probe` holds for that text.
 */
export async function logTextWhere(name: string, what: string, probe: (text: string) => boolean): Promise<string> {
  const { logUri } = await toolkit();
  const file = vscode.Uri.joinPath(logUri, `${name.replace(/[\\/:*?"<>|]/g, '')}.log`);
  return waitFor(what, async () => {
    try {
      const text = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
      return probe(text) ? text : undefined;
    } catch {
      return undefined;
    }
  });
}
