import { parse as parseJsonc } from 'jsonc-parser';
import * as semver from 'semver';
import type { FileHost } from './fileHost';
import type { InstalledVersions, PackageJson, TrackedPackage } from './types';
import { trackedPackages } from './types';

/**
 * The range a package.json declares for a package (dependencies, then dev, then peer). package.json
 * is user input: a field of another type (`"next": 16`, `"dependencies": []`) counts as absent.
 */
export function declaredRange(pkg: PackageJson, name: string): string | undefined {
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies'] as const) {
    const range = stringField(pkg.data, field, name);
    if (range !== undefined) return range;
  }
  return undefined;
}

/** `data[field][name]` when `data[field]` is an object and that entry a string (package.json `scripts`, dependencies…). */
export function stringField(data: unknown, field: string, name: string): string | undefined {
  const record = objectField(data, field);
  const value = record && Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** `data[field]` when it is a plain object (not an array or null). */
export function objectField(data: unknown, field: string): Record<string, unknown> | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const value = (data as Record<string, unknown>)[field];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The lowest version a range allows; undefined for tags, workspace/catalog protocols and URLs. */
export function lowestVersionOf(range: string): string | undefined {
  const trimmed = range.trim();
  if (!trimmed || /^(latest|next|canary|beta|workspace:|catalog:|file:|link:|git|github:|https?:)/.test(trimmed)) return undefined;
  const spec = trimmed.startsWith('npm:') ? trimmed.slice(trimmed.lastIndexOf('@') + 1) : trimmed;
  try {
    return semver.validRange(spec) ? semver.minVersion(spec)?.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves the versions of the tracked packages for a package folder (`@clerk/backend` is often
 * installed only as a dependency of `@clerk/nextjs`, so installed packages count even when not
 * declared). Installed version first (`node_modules/<pkg>/package.json`, then the npm, pnpm, yarn or bun lock
 * file, searched from the package folder up to the workspace root), else the range's lowest version.
 */
export function resolveVersions(host: FileHost, packageDir: string, packageChain: PackageJson[], workspaceRoot: string): InstalledVersions {
  const versions: InstalledVersions = {};
  const folders = foldersUpTo(packageDir, workspaceRoot);
  for (const name of trackedPackages) {
    const range = packageChain.map((pkg) => declaredRange(pkg, name)).find((value) => value !== undefined);
    const version =
      installedFromNodeModules(host, folders, name) ??
      installedFromLockFiles(host, folders, packageDir, name, range) ??
      (range === undefined ? undefined : lowestVersionOf(range));
    if (version) versions[name] = version;
  }
  return versions;
}

/**
 * Only the installed or locked version of a package (`node_modules`, then lock files), never a
 * range's lowest: for checks that hinge on one exact release, where `^1.33.0` resolving to 1.33.0
 * proves nothing. Undefined when neither says.
 */
export function lockedVersion(
  readFile: FileHost['readFile'],
  packageDir: string,
  range: string | undefined,
  workspaceRoot: string,
  name: TrackedPackage,
): string | undefined {
  const host: FileHost = { readFile, readDirectory: () => [], exists: (file) => readFile(file) !== undefined };
  const folders = foldersUpTo(packageDir, workspaceRoot);
  return installedFromNodeModules(host, folders, name) ?? installedFromLockFiles(host, folders, packageDir, name, range);
}

function foldersUpTo(dir: string, root: string): string[] {
  const folders = [dir];
  let current = dir;
  while (current !== root && current.startsWith(`${root}/`)) {
    current = current.slice(0, current.lastIndexOf('/')) || '/';
    folders.push(current);
  }
  return folders;
}

function installedFromNodeModules(host: FileHost, folders: string[], name: TrackedPackage): string | undefined {
  for (const folder of folders) {
    const text = host.readFile(`${folder}/node_modules/${name}/package.json`);
    if (text === undefined) continue;
    const version = (parseJsonc(text) as { version?: unknown } | undefined)?.version;
    if (typeof version === 'string' && semver.valid(version)) return version;
  }
  return undefined;
}

function installedFromLockFiles(host: FileHost, folders: string[], packageDir: string, name: TrackedPackage, range: string | undefined): string | undefined {
  for (const folder of folders) {
    const relative = packageDir === folder ? '' : packageDir.slice(folder.length + 1);
    const readers: [string, (text: string) => string | undefined][] = [
      ['package-lock.json', (text) => fromNpmLock(text, relative, name)],
      ['pnpm-lock.yaml', (text) => fromPnpmLock(text, relative, name)],
      ['yarn.lock', (text) => fromYarnLock(text, name, range)],
      ['bun.lock', (text) => fromBunLock(text, relative, name)],
    ];
    for (const [fileName, read] of readers) {
      const text = host.readFile(`${folder}/${fileName}`);
      if (text === undefined) continue;
      const version = safely(() => read(text));
      if (version && semver.valid(version)) return version;
    }
  }
  return undefined;
}

function safely(read: () => string | undefined): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * package-lock v2/v3 `packages` (nested under the workspace package first), or v1 `dependencies`.
 * A lock of a large app is megabytes; only the entries asked for are parsed: in `packages`, keys
 * are install paths (`node_modules/next`), which occur nowhere else in the file as a key.
 */
function fromNpmLock(text: string, relative: string, name: string): string | undefined {
  const entryVersion = (key: string) => stringField({ entry: jsonValueOfKey(text, key) }, 'entry', 'version');
  const installed = (relative ? entryVersion(`${relative}/node_modules/${name}`) : undefined) ?? entryVersion(`node_modules/${name}`);
  if (installed !== undefined || keyOffset(text, 'packages') !== undefined) return installed;
  // lockfile v1 has no `packages`; its `dependencies` nest per package, so it is read whole (old and small).
  return stringField(objectField(JSON.parse(text), 'dependencies'), name, 'version');
}

/**
 * The JSON value of the first property named `key` (as a key: the string is followed by `:`),
 * parsed alone; undefined when there is none. Callers pick keys that are unique in the file.
 */
export function jsonValueOfKey(text: string, key: string): unknown {
  const start = keyOffset(text, key);
  const end = start === undefined ? undefined : endOfJsonValue(text, start);
  return start === undefined || end === undefined ? undefined : JSON.parse(text.slice(start, end));
}

/** The offset just after the `:` of the first property named `key`. */
function keyOffset(text: string, key: string): number | undefined {
  const quoted = JSON.stringify(key);
  for (let at = text.indexOf(quoted); at !== -1; at = text.indexOf(quoted, at + 1)) {
    let colon = at + quoted.length;
    while (/\s/.test(text[colon] ?? '')) colon++;
    if (text[colon] === ':') return colon + 1;
  }
  return undefined;
}

/** Where the JSON value starting at (or after whitespace from) `start` ends: balanced brackets outside strings. */
function endOfJsonValue(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      if (depth === 0) return index;
      depth--;
      if (depth === 0) return index + 1;
    } else if (char === ',' && depth === 0) {
      return index;
    }
  }
  return depth === 0 ? text.length : undefined;
}

/**
 * pnpm-lock `importers[<dir>]` (v6+), or the top-level `dependencies` of a single-package lock,
 * read line by line: the lock's structure is fixed block YAML (two-space indents, one key per
 * line), and a general YAML parse of a lock of thousands of packages costs more than the analysis.
 */
function fromPnpmLock(text: string, relative: string, name: string): string | undefined {
  const lines = linesOf(text);
  const importers = entryOf(lines, -1, 0, 'importers');
  const importer = importers && entryOf(lines, importers.line, 2, relative || '.');
  const [scope, indent] = importer ? [importer.line, 4] : [-1, 0];
  for (const field of ['dependencies', 'devDependencies']) {
    const block = entryOf(lines, scope, indent, field);
    const dependency = block && entryOf(lines, block.line, indent + 2, name);
    if (!dependency) continue;
    // v6+: `version: 16.4.6(react@19.3.1)` below the name; v5: `next: 16.4.6_react@18.2.0` inline.
    const version = dependency.value || entryOf(lines, dependency.line, indent + 4, 'version')?.value;
    return version?.replace(/[(_].*$/, '');
  }
  return undefined;
}

/** The `key: value` line indented exactly `indent` spaces inside the block opened at line `parent` (-1: the document), unquoted. */
function entryOf(lines: string[], parent: number, indent: number, key: string): { value: string; line: number } | undefined {
  for (let index = parent + 1; index < lines.length; index++) {
    const line = lines[index];
    const lineIndent = line.length - line.trimStart().length;
    if (lineIndent === line.length || line[lineIndent] === '#') continue;
    if (lineIndent < indent) return undefined;
    if (lineIndent !== indent) continue;
    const match = /^(?:'([^']*)'|"([^"]*)"|([^\s:'"][^:]*?)):(?:\s+(.*))?$/.exec(line.slice(indent));
    if (match && (match[1] ?? match[2] ?? match[3]) === key) return { value: unquote(match[4]?.trim() ?? ''), line: index };
  }
  return undefined;
}

let lastSplit: { text: string; lines: string[] } | undefined;

/** The lines of a lock file, split once for the several packages and projects that read it in a row. */
function linesOf(text: string): string[] {
  if (lastSplit?.text !== text) lastSplit = { text, lines: text.split(/\r?\n/) };
  return lastSplit.lines;
}

function unquote(value: string): string {
  return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/**
 * yarn.lock v1 (`"next@^16.0.0":` / `  version "16.4.6"`) and berry (`"next@npm:^16.0.0":` /
 * `  version: 16.4.6`): a header line lists descriptors, an indented `version` line follows.
 */
function fromYarnLock(text: string, name: string, range: string | undefined): string | undefined {
  let matching: 'exact' | 'any' | undefined;
  let fallback: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line && !line.startsWith(' ') && !line.startsWith('#')) {
      const descriptors = line
        .replace(/:$/, '')
        .split(',')
        .map((part) => part.trim().replace(/^"|"$/g, ''));
      const ranges = descriptors.filter((d) => d.startsWith(`${name}@`)).map((d) => d.slice(name.length + 1).replace(/^npm:/, ''));
      matching = ranges.length === 0 ? undefined : range !== undefined && ranges.includes(range) ? 'exact' : 'any';
    } else if (matching && /^\s+version:? /.test(line)) {
      const version = line
        .trim()
        .replace(/^version:?\s+/, '')
        .replace(/^"|"$/g, '');
      if (matching === 'exact') return version;
      fallback ??= version;
      matching = undefined;
    }
  }
  return fallback;
}

/** bun.lock (JSONC): `packages[name] = ["name@version", …]`, workspace-nested keys first. */
function fromBunLock(text: string, relative: string, name: string): string | undefined {
  const lock = parseJsonc(text) as { packages?: Record<string, unknown[]> } | undefined;
  const entry = (relative ? lock?.packages?.[`${relative}/${name}`] : undefined) ?? lock?.packages?.[name];
  const descriptor = entry?.[0];
  return typeof descriptor === 'string' ? descriptor.slice(descriptor.lastIndexOf('@') + 1) : undefined;
}
