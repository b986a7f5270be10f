import { parse as parseJsonc } from 'jsonc-parser';
import * as ts from 'typescript';
import { directivesOf, getImports, getModuleSpecifiers, hasUseClientDirective, type ImportBinding } from '../parse/facts';
import { sourceExtensions } from '../parse/sourceFile';
import type { FileHost } from './fileHost';

/** `compilerOptions.paths` of the app's tsconfig/jsconfig, e.g. `@/*` → `./src/*`. */
export interface PathAliases {
  baseDir: string;
  paths: Record<string, string[]>;
}

export function readPathAliases(host: FileHost, appRoot: string): PathAliases | undefined {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const text = host.readFile(`${appRoot}/${name}`);
    if (text === undefined) continue;
    const options = (parseJsonc(text) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined)?.compilerOptions;
    if (!options?.paths) return undefined;
    return { baseDir: joinPath(appRoot, options.baseUrl ?? '.'), paths: options.paths };
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

/**
 * The modules that run only in the browser: `'use client'` modules, then (to a fixed point)
 * modules imported by at least one client module and by no server module. A module that declares
 * itself server code never joins, whoever imports it: a `'use server'` module (the client only
 * gets references to its actions) or one importing `server-only` (the build fails when client
 * code imports it, so its reads are not "undefined in the browser").
 */
export function findClientModules(files: string[], sourceOf: (file: string) => ts.SourceFile | undefined, aliases: PathAliases | undefined): string[] {
  const fileSet = new Set(files);
  const importers = new Map<string, Set<string>>();
  const client = new Set<string>();
  const server = new Set<string>();
  for (const file of files) {
    const source = sourceOf(file);
    if (!source) continue;
    const specifiers = getModuleSpecifiers(source);
    if (directivesOf(source).includes('use server') || specifiers.includes('server-only')) server.add(file);
    else if (hasUseClientDirective(source)) client.add(file);
    const imports = getImports(source);
    for (const specifier of specifiers) {
      const target = resolveModule(specifier, file, fileSet, aliases);
      if (target && target !== file && !importsOnlyTypes(imports.filter((binding) => binding.module === specifier), target, sourceOf)) {
        if (!importers.has(target)) importers.set(target, new Set());
        importers.get(target)!.add(file);
      }
    }
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const [file, from] of importers) {
      if (client.has(file) || server.has(file)) continue;
      if ([...from].every((importer) => client.has(importer))) {
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
function importsOnlyTypes(bindings: ImportBinding[], target: string, sourceOf: (file: string) => ts.SourceFile | undefined): boolean {
  if (bindings.length === 0) return false;
  if (bindings.every((binding) => binding.typeOnly)) return true;
  const targetSource = sourceOf(target);
  if (!targetSource) return false;
  const types = new Set<string>();
  const values = new Set<string>();
  for (const statement of targetSource.statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) types.add(statement.name.text);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) values.add(statement.name.text);
    else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) values.add(declaration.name.text);
    }
  }
  return bindings.every((binding) => binding.typeOnly || (types.has(binding.importedName) && !values.has(binding.importedName)));
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
