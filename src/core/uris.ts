import { URI } from 'vscode-uri';

// The one conversion between the engine's paths (absolute, '/'-separated; `C:/x` on Windows) and the
// `file:` URIs of LSP and VS Code. Every adapter and hover link goes through it.

/** `file:` URI of an engine path. */
export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

/** Engine path of a `file:` URI; undefined for other schemes (untitled buffers, remote files). */
export function uriToPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') return undefined;
  // vscode-uri lower-cases a drive letter and uses '\' on Windows; the engine keeps '/' everywhere.
  return parsed.fsPath.split('\\').join('/');
}
