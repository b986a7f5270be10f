// Which files the diagnostics care about, decided by path (vscode-free, unit-tested).
// Env files are chosen by name, never by language id: VS Code assigns `.env` to other languages and
// users remap them.

const sourceExtensions = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/**
 * Folders whose contents never affect the analysis: dependencies, VCS data, Next/Turbo/Vercel build
 * output, Convex's generated code. Names an app could use for routes (`build`, `out`) are not here.
 */
const ignoredSegments = new Set(['node_modules', '.git', '.next', '.turbo', '.vercel', '_generated']);

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** `.env` and `.env.*` (`.env.local`, `.env.example`, …) and `env-example`; not `.envrc`. */
export function isEnvFilePath(file: string): boolean {
  const name = baseName(file);
  return name === '.env' || name.startsWith('.env.') || name === 'env-example';
}

export function isSourcePath(file: string): boolean {
  const name = baseName(file);
  return sourceExtensions.some((extension) => name.endsWith(extension)) && !name.endsWith('.d.ts');
}

export function isInIgnoredFolder(file: string): boolean {
  return file.split(/[\\/]/).some((segment) => ignoredSegments.has(segment));
}

/** Files whose edits can change findings. */
export function isAnalysisInput(file: string): boolean {
  if (isInIgnoredFolder(file)) return false;
  const name = baseName(file);
  return isEnvFilePath(file) || isSourcePath(file) || name === 'package.json' || name === 'convex.json' || name === '.gitignore' || /^README/i.test(name);
}

/** Comment syntax for a disable comment in this file. */
export function commentStyleOf(file: string): 'hash' | 'slash' {
  return isEnvFilePath(file) ? 'hash' : 'slash';
}
