import * as vscode from 'vscode';
import { localEnvFileNames, resolveAppEnv, type EnvFile } from '../../core/env/appEnv';
import { parseEnvFile } from '../../core/env/envFile';

export interface EnvValue {
  value: string;
  /** The env file the value came from. */
  file: vscode.Uri;
}

/** The merged env (Next.js load order) of one app folder, i.e. a folder holding env files. */
export interface AppEnv {
  folder: vscode.Uri;
  get(name: string): EnvValue | undefined;
}

/**
 * Reads the env files of every app folder in the workspace. Returns nothing in an untrusted
 * workspace: env files hold keys, and reading them is what Workspace Trust restricts.
 */
export async function readWorkspaceEnv(): Promise<AppEnv[]> {
  if (!vscode.workspace.isTrusted) return [];
  const files = await vscode.workspace.findFiles(`**/{${localEnvFileNames.join(',')}}`, '**/node_modules/**', 200);
  const byFolder = new Map<string, vscode.Uri[]>();
  for (const file of files) {
    const folder = vscode.Uri.joinPath(file, '..').toString();
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const apps = await Promise.all([...byFolder].map(async ([folder, uris]): Promise<AppEnv> => {
    const envFiles = await Promise.all(uris.map(async (uri): Promise<EnvFile> => ({
      file: uri.fsPath,
      name: uri.path.slice(uri.path.lastIndexOf('/') + 1),
      kind: 'local',
      parsed: parseEnvFile(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')),
    })));
    const loadOrder = (file: EnvFile): number => localEnvFileNames.indexOf(file.name as (typeof localEnvFileNames)[number]);
    const env = resolveAppEnv(envFiles.sort((a, b) => loadOrder(a) - loadOrder(b)));
    return {
      folder: vscode.Uri.parse(folder),
      get(name) {
        const definition = env.lookup(name);
        const uri = definition?.file && uris.find((candidate) => candidate.fsPath === definition.file!.file);
        return definition?.value.trim() && uri ? { value: definition.value.trim(), file: uri } : undefined;
      },
    };
  }));
  // Shallow folders first, so a repository root wins over nested examples.
  return apps.sort((a, b) => a.folder.path.split('/').length - b.folder.path.split('/').length);
}
