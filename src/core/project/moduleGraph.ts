import { parse as parseJsonc } from 'jsonc-parser';
import type { ModuleFacts } from '../parse/moduleFacts';
import { mentionsAny, sourceExtensions } from '../parse/sourceFile';
import type { FileHost } from './fileHost';
import { objectField } from './versions';

/** `compilerOptions.paths` of the app's tsconfig/jsconfig, e.g. `@/*` → `./src/*`. */
export interface PathAliases {
  baseDir: string;
  paths: Record<string, string[]>;
}

export function readPathAliases(host: FileHost, appRoot: string): PathAliases | undefined {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const text = host.readFile(`${appRoot}/${name}`);
    if (text === undefined) continue;
    // User input: fields of another type (`"baseUrl": 5`, `"paths": { "~/*": "src/*" }`) count as absent.
    const options = objectField(parseJsonc(text), 'compilerOptions');
    const paths = Object.entries(objectField(options, 'paths') ?? {}).flatMap(([pattern, targets]): [string, string[]][] =>
      Array.isArray(targets) ? [[pattern, targets.filter((target): target is string => typeof target === 'string')]] : [],
    );
    if (paths.length === 0) return undefined;
    const baseUrl = typeof options?.baseUrl === 'string' ? options.baseUrl : '.';
    return { baseDir: joinPath(appRoot, baseUrl), paths: Object.fromEntries(paths) };
  }
  return undefined;
}

/** Resolves a relative or aliased specifier to a file of the set, or undefined (packages, unknown files). */
export function resolveModule(specifier: string, fromFile: string, files: ReadonlySet<string>, aliases: PathAliases | undefined): string | undefined {
  const candidates: string[] = [];
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    candidates.push(joinPath(fromFile.slice(0, fromFile.lastIndexOf('/')), specifier));
  } else if (aliases) {
    for (const [pattern, targets] of Object.entries(aliases.paths)) {
      const star = pattern.indexOf('*');
      const prefix = star === -1 ? pattern : pattern.slice(0, star);
      const suffix = star === -1 ? '' : pattern.slice(star + 1);
      const matches = star === -1 ? specifier === pattern : specifier.startsWith(prefix) && specifier.endsWith(suffix);
      if (!matches) continue;
      const captured = star === -1 ? '' : specifier.slice(prefix.length, specifier.length - suffix.length);
      for (const target of targets) candidates.push(joinPath(aliases.baseDir, target.replace('*', captured)));
    }
  }
  for (const base of candidates) {
    // `./x.js` in TypeScript sources refers to `./x.ts`.
    const stripped = base.replace(/\.(m|c)?js$/, '');
    for (const candidate of [base, ...sourceExtensions.map((ext) => stripped + ext), ...sourceExtensions.map((ext) => `${base}/index${ext}`)]) {
      if (files.has(candidate)) return candidate;
    }
  }
  return undefined;
}

/** What the module graph reads of a file: its text, scanned specifiers, and exact facts (a parse, so asked for sparingly). */
export interface ModuleSource {
  text(file: string): string | undefined;
  scannedSpecifiers(file: string): string[];
  facts(file: string): ModuleFacts | undefined;
  /** The directive prologue, without a parse when the scanner is sure (`ModuleFacts.directives`). */
  directives(file: string): string[] | undefined;
}

/**
 * The modules that run only in the browser: `'use client'` modules, then (to a fixed point)
 * modules imported by at least one client module and by no server module. A module that declares
 * itself server code never joins, whoever imports it: a `'use server'` module (the client only
 * gets references to its actions) or one importing `server-only` (the build fails when client
 * code imports it, so its reads are not "undefined in the browser").
 *
 * Only the files that can matter are parsed: directives are scanned (parsed only when the scan
 * leaves doubt), files importing `server-only` parsed, and the two ends of import edges into modules
 * a client module imports (where a type-only import must not count). Every other file is read by the scanner alone. `resolutions` keeps
 * `resolveModule` answers by folder and specifier across calls with the same files and aliases.
 */
export function findClientModules(
  files: string[],
  source: ModuleSource,
  aliases: PathAliases | undefined,
  resolutions = new Map<string, string | undefined>(),
): string[] {
  const fileSet = new Set(files);
  const resolve = (specifier: string, file: string) => {
    const key = `${file.slice(0, file.lastIndexOf('/'))}\n${specifier}`;
    if (!resolutions.has(key)) resolutions.set(key, resolveModule(specifier, file, fileSet, aliases));
    return resolutions.get(key);
  };
  /** target → importer → specifiers it is imported by (scanned: type-only imports included). */
  const importers = new Map<string, Map<string, string[]>>();
  const client = new Set<string>();
  const server = new Set<string>();
  for (const file of files) {
    if (mentionsAny(source.text(file), ['use server', 'use client', 'server-only'])) {
      const directives = source.directives(file);
      // A scanned `server-only` may be a type-only import: only then are exact facts needed.
      const serverOnly = source.scannedSpecifiers(file).includes('server-only') && source.facts(file)?.specifiers.includes('server-only');
      if (directives?.includes('use server') || serverOnly) server.add(file);
      else if (directives?.includes('use client')) client.add(file);
    }
    for (const specifier of source.scannedSpecifiers(file)) {
      const target = resolve(specifier, file);
      if (!target || target === file) continue;
      if (!importers.has(target)) importers.set(target, new Map());
      const from = importers.get(target)!;
      from.set(file, [...(from.get(file) ?? []), specifier]);
    }
  }
  const realEdges = new Map<string, boolean>();
  /** Whether `importer` really imports `target`: a value import (exact facts), not only types. */
  const isRealEdge = (importer: string, target: string, specifiers: string[]): boolean => {
    const key = `${importer}\n${target}`;
    let real = realEdges.get(key);
    if (real === undefined) {
      const facts = source.facts(importer);
      real =
        facts !== undefined &&
        specifiers.some(
          (specifier) =>
            facts.specifiers.includes(specifier) &&
            !importsOnlyTypes(
              facts.imports.filter((binding) => binding.module === specifier),
              () => source.facts(target),
            ),
        );
      realEdges.set(key, real);
    }
    return real;
  };
  /** Imported by a client module and, counting value imports only, by nothing else. */
  const joinsClient = (target: string, from: Map<string, string[]>): boolean => {
    const entries = [...from];
    if (!entries.some(([importer]) => client.has(importer))) return false;
    if (entries.some(([importer, specifiers]) => !client.has(importer) && isRealEdge(importer, target, specifiers))) return false;
    return entries.some(([importer, specifiers]) => client.has(importer) && isRealEdge(importer, target, specifiers));
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const [file, from] of importers) {
      if (client.has(file) || server.has(file)) continue;
      if (joinsClient(file, from)) {
        client.add(file);
        changed = true;
      }
    }
  }
  return files.filter((file) => client.has(file));
}

/**
 * `import { Package } from './packages'` where `Package` is an interface or type alias there:
 * TypeScript erases the import, so the module does not reach the importer's bundle.
 */
function importsOnlyTypes(bindings: ModuleFacts['imports'], targetFacts: () => ModuleFacts | undefined): boolean {
  if (bindings.length === 0) return false;
  if (bindings.every((binding) => binding.typeOnly)) return true;
  const target = targetFacts();
  if (!target) return false;
  return bindings.every(
    (binding) => binding.typeOnly || (target.typeNames.includes(binding.importedName) && !target.valueNames.includes(binding.importedName)),
  );
}

/** Joins and normalises `.`/`..` segments of '/' paths. */
export function joinPath(base: string, relative: string): string {
  const parts = (relative.startsWith('/') ? relative : `${base}/${relative}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  const joined = out.join('/');
  return /^[A-Za-z]:$/.test(out[0] ?? '') ? joined : `/${joined}`;
}
