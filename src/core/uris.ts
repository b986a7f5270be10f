import { URI } from 'vscode-uri';

// The one conversion between the engine's paths (absolute, '/'-separated; `C:/x` on Windows) and the
// `file:` URIs of LSP and VS Code. Every adapter and hover link goes through it.
//
// Windows drive letters: the engine keeps the upper-case letter Node gives (`process.cwd()`,
// `path.resolve`); URIs carry vscode-uri's canonical lower-case, percent-encoded form
// (`file:///c%3A/...`), which is what VS Code sends. Clients that send `file:///C:/...` (Neovim)
// map to the same engine path, so a path round-trips whichever form arrives.
//
// vscode-uri's `fsPath` is not used: it picks '\' or '/' by the platform it runs on, and on Linux a
// '\' is an ordinary file-name character that must survive the trip.

const driveLetterPath = /^\/[a-zA-Z]:/;

/** `file:` URI of an engine path. */
export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

/** Engine path of a `file:` URI; undefined for other schemes (untitled buffers, remote files). */
export function uriToPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') return undefined;
  if (parsed.authority) return `//${parsed.authority}${parsed.path}`;
  if (driveLetterPath.test(parsed.path)) return parsed.path[1].toUpperCase() + parsed.path.slice(2);
  return parsed.path;
}
