import { parse as parseJsonc } from 'jsonc-parser';
import * as semver from 'semver';
import { parse as parseYaml } from 'yaml';
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
    const version = installedFromNodeModules(host, folders, name) ?? installedFromLockFiles(host, folders, packageDir, name, range) ??
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
export function lockedVersion(readFile: FileHost['readFile'], packageDir: string, range: string | undefined, workspaceRoot: string, name: TrackedPackage): string | undefined {
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

/** package-lock v2/v3 `packages` (nested under the workspace package first), or v1 `dependencies`. */
function fromNpmLock(text: string, relative: string, name: string): string | undefined {
  const lock: unknown = JSON.parse(text);
  const packages = objectField(lock, 'packages');
  const nested = relative ? stringField(packages, `${relative}/node_modules/${name}`, 'version') : undefined;
  return nested ?? stringField(packages, `node_modules/${name}`, 'version') ?? stringField(objectField(lock, 'dependencies'), name, 'version');
}

/** pnpm-lock `importers[<dir>]` (v6+), or the top-level `dependencies` of a single-package lock. */
function fromPnpmLock(text: string, relative: string, name: string): string | undefined {
  type Deps = Record<string, string | { version?: string }>;
  const lock = parseYaml(text) as { importers?: Record<string, { dependencies?: Deps; devDependencies?: Deps }>; dependencies?: Deps; devDependencies?: Deps };
  const importer = lock.importers?.[relative || '.'] ?? lock;
  const entry = importer.dependencies?.[name] ?? importer.devDependencies?.[name];
  const version: unknown = typeof entry === 'string' ? entry : entry?.version;
  // `16.4.6(react@19.3.1)` carries peer suffixes.
  return typeof version === 'string' ? version.replace(/\(.*$/, '') : undefined;
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
      const descriptors = line.replace(/:$/, '').split(',').map((part) => part.trim().replace(/^"|"$/g, ''));
      const ranges = descriptors.filter((d) => d.startsWith(`${name}@`)).map((d) => d.slice(name.length + 1).replace(/^npm:/, ''));
      matching = ranges.length === 0 ? undefined : range !== undefined && ranges.includes(range) ? 'exact' : 'any';
    } else if (matching && /^\s+version:? /.test(line)) {
      const version = line.trim().replace(/^version:?\s+/, '').replace(/^"|"$/g, '');
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
