import * as vscode from 'vscode';

/** `Diagnostic.source` of the language server's findings (src/server/convert.ts). */
const clerkSource = 'Clerk Auth Toolkit';

/** The first Clerk diagnostic to show a newcomer: errors before warnings, then by file name. */
export function firstClerkProblem(): { uri: vscode.Uri; diagnostic: vscode.Diagnostic } | undefined {
  const found = vscode.languages
    .getDiagnostics()
    .flatMap(([uri, diagnostics]) => diagnostics.filter((d) => d.source === clerkSource).map((diagnostic) => ({ uri, diagnostic })));
  found.sort((a, b) => a.diagnostic.severity - b.diagnostic.severity || a.uri.path.localeCompare(b.uri.path));
  return found[0];
}

/**
 * Where a document the walkthrough opens goes: the group already showing it, else the first one,
 * not the walkthrough's own group (the active one while its buttons are clicked).
 */
export function editorColumnFor(uri?: vscode.Uri): vscode.ViewColumn {
  return vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri?.toString())?.viewColumn ?? vscode.ViewColumn.One;
}

/** Opens the first Clerk problem with the cursor on it; false (and a message) when there is none. */
export async function revealFirstProblem(): Promise<boolean> {
  const problem = firstClerkProblem();
  if (!problem) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Clerk Auth Toolkit finds no problem in this workspace right now.'));
    return false;
  }
  const editor = await vscode.window.showTextDocument(problem.uri, {
    selection: new vscode.Range(problem.diagnostic.range.start, problem.diagnostic.range.start),
    viewColumn: editorColumnFor(problem.uri),
  });
  editor.revealRange(problem.diagnostic.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

/**
 * Sets `contextKey` once a Clerk problem disappears from a document the user changed since its last
 * analysis (a quick fix or a hand edit): the "apply a quick fix" step completes on it. Reanalysis of
 * an unchanged file does not count.
 */
export function watchForFixedProblems(contextKey: string): vscode.Disposable {
  const counts = new Map<string, number>();
  const changed = new Set<string>();
  const count = (uri: vscode.Uri): number => vscode.languages.getDiagnostics(uri).filter((d) => d.source === clerkSource).length;
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) changed.add(event.document.uri.toString());
    }),
    vscode.languages.onDidChangeDiagnostics((event) => {
      for (const uri of event.uris) {
        const key = uri.toString();
        const now = count(uri);
        if (now < (counts.get(key) ?? 0) && changed.has(key)) void vscode.commands.executeCommand('setContext', contextKey, true);
        counts.set(key, now);
        changed.delete(key);
      }
    }),
  );
}
