import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { localEnvFileNames, maxEnvFileLength } from '../../core/env/appEnv';
import { clerkInstanceOf, firstDefined, readFolderEnv } from '../../core/env/folderEnv';
import type { PublishableKeyInfo } from '../../core/clerkKeys';

export interface EnvValue {
  value: string;
  /** The env file the value came from. */
  file: vscode.Uri;
}

/** The merged env (Next.js load order, as the diagnostics read it) of one app folder, i.e. a folder holding env files. */
export interface AppEnv {
  folder: vscode.Uri;
  /** The value of the first of `names` that has one (trimmed, never blank), and its file. */
  get(...names: readonly string[]): EnvValue | undefined;
  /** The Clerk instance the folder's publishable key names, and the file it came from. */
  instance(): { instance: PublishableKeyInfo; file: vscode.Uri } | undefined;
}

/**
 * Reads the env files of every app folder in the workspace. Returns nothing in an untrusted
 * workspace: env files hold keys, and reading them is what Workspace Trust restricts.
 */
export async function readWorkspaceEnv(): Promise<AppEnv[]> {
  if (!vscode.workspace.isTrusted) return [];
  const uris = await vscode.workspace.findFiles(`**/{${localEnvFileNames.join(',')}}`, '**/node_modules/**', 200);
  // Keyed by URI path (any scheme: remote workspaces too), which is what the core's folder lookup joins names to.
  const files = new Map<string, { uri: vscode.Uri; text: string }>();
  await Promise.all(
    uris.map(async (uri) => {
      if (await isReadable(uri)) files.set(uri.path, { uri, text: Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8') });
    }),
  );
  const folders = new Map<string, vscode.Uri>();
  for (const { uri } of files.values()) folders.set(folderOf(uri.path), vscode.Uri.joinPath(uri, '..'));
  const apps = [...folders].map(([folder, folderUri]): AppEnv => {
    const env = readFolderEnv(folder, (path) => files.get(path)?.text);
    const uriOf = (file: string | undefined) => (file === undefined ? undefined : files.get(file)?.uri);
    return {
      folder: folderUri,
      get(...names) {
        const definition = firstDefined(env, names);
        const file = uriOf(definition?.file?.file);
        return definition && file ? { value: definition.value, file } : undefined;
      },
      instance() {
        const found = clerkInstanceOf(env);
        const file = uriOf(found?.definition.file?.file);
        return found && file ? { instance: found.instance, file } : undefined;
      },
    };
  });
  // Shallow folders first, so a repository root wins over nested examples.
  return apps.sort((a, b) => a.folder.path.split('/').length - b.folder.path.split('/').length);
}

function folderOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/'));
}

/**
 * What the analysis reads too: files up to `maxEnvFileLength` (a key is a line, not megabytes), and
 * a link only when it leads to a file inside a workspace folder (a monorepo app linking the root's
 * `.env`), not to keys kept elsewhere on the machine.
 */
async function isReadable(uri: vscode.Uri): Promise<boolean> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > maxEnvFileLength) return false;
    if (!(stat.type & vscode.FileType.SymbolicLink) || uri.scheme !== 'file') return true;
    const target = await fs.promises.realpath(uri.fsPath);
    const folders = await Promise.all(
      (vscode.workspace.workspaceFolders ?? [])
        .filter((folder) => folder.uri.scheme === 'file')
        .map((folder) => fs.promises.realpath(folder.uri.fsPath).catch(() => undefined)),
    );
    return folders.some((folder) => folder !== undefined && (target === folder || target.startsWith(folder + path.sep)));
  } catch {
    return false;
  }
}
