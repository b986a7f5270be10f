import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Folders from the document's own up to its workspace folder (nearest first). An untitled
 * document belongs to the first workspace folder.
 */
export function foldersUpToWorkspace(uri: vscode.Uri): vscode.Uri[] {
  const folder = vscode.workspace.getWorkspaceFolder(uri) ?? (uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0] : undefined);
  if (!folder) return [];
  if (uri.scheme === 'untitled') return [folder.uri];
  const folders: vscode.Uri[] = [];
  for (let dir = vscode.Uri.joinPath(uri, '..'); ; dir = vscode.Uri.joinPath(dir, '..')) {
    folders.push(dir);
    if (dir.path === folder.uri.path || dir.path.length <= folder.uri.path.length) break;
  }
  return folders;
}

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The Convex schema that applies to a document: `convex/schema.ts` beside it or in a folder above. */
export async function nearestConvexSchema(uri: vscode.Uri): Promise<string | undefined> {
  for (const dir of foldersUpToWorkspace(uri)) {
    const candidates = path.posix.basename(dir.path) === 'convex' ? [vscode.Uri.joinPath(dir, 'schema.ts')] : [];
    candidates.push(vscode.Uri.joinPath(dir, 'convex', 'schema.ts'));
    for (const candidate of candidates) {
      const text = await readText(candidate);
      if (text !== undefined) return text;
    }
  }
  return undefined;
}
