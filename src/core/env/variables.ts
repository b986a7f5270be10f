import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import * as semver from 'semver';
import * as ts from 'typescript';
import type { EnvDefinition, EnvFile } from './appEnv';
import { findEntry, parseEnvFile, type EnvEntry, type ParsedEnvFile } from './envFile';
import { getEnvReads, getImports, getProperty, importOf, propertyNameText, resolveObjectLiteral, unwrapExpression, type EnvRead } from '../parse/facts';
import type { PackageJson, Project, Workspace } from '../project/types';
import type { RuleContext } from '../model';
import { textTest, treeFact } from '../parse/fileFacts';
import type { Location, Range } from '../model';
import { descendants, rangeOfNode } from '../parse/sourceFile';

import { publishableKeyName, secretKeyName } from './keyNames';

export { publishableKeyName, secretKeyName, webhookSigningSecretName } from './keyNames';

/** Set by the platform or runtime, never by the app's env files. */
const platformVariables = new Set([
  'NODE_ENV',
  'NEXT_RUNTIME',
  'NEXT_PHASE',
  'NEXT_DEPLOYMENT_ID',
  'CI',
  'PORT',
  'HOSTNAME',
  'HOST',
  'HOME',
  'PATH',
  'PWD',
  'TZ',
  'LANG',
  'NETLIFY',
  'URL',
  'DEPLOY_URL',
  'RENDER',
  'GITHUB_ACTIONS',
]);
const platformPrefixes = ['VERCEL', 'NEXT_PUBLIC_VERCEL_', '__NEXT_', 'npm_', 'NETLIFY_', 'RENDER_', 'RAILWAY_', 'FLY_', 'GITHUB_', 'CF_PAGES', 'AWS_LAMBDA_'];
/** Built into Convex functions only: `npx convex dev` writes none of them for Next.js (only the NEXT_PUBLIC_ forms). */
const convexBuiltInVariables = new Set(['CONVEX_CLOUD_URL', 'CONVEX_SITE_URL']);

export function isPlatformVariable(name: string, runtime: 'next' | 'convex'): boolean {
  return (
    platformVariables.has(name) || (runtime === 'convex' && convexBuiltInVariables.has(name)) || platformPrefixes.some((prefix) => name.startsWith(prefix))
  );
}

/**
 * Test and fixture code: reads and literals there are not the app's. With `root`, only the path
 * below it counts (a project checked out under some `…/fixtures/` folder is still an app).
 */
export function isTestOrFixtureFile(file: string, root?: string): boolean {
  // Asked for every file of an app on each analysis: answers are kept per root.
  let answers = testFileAnswers.get(root);
  if (!answers) testFileAnswers.set(root, (answers = new Map()));
  let answer = answers.get(file);
  if (answer === undefined) {
    const path = root !== undefined && file.startsWith(`${root}/`) ? file.slice(root.length) : file;
    answer = /\/(test|tests|__tests__|e2e|cypress|fixtures|__fixtures__|__mocks__|mocks)\//.test(path) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(path);
    if (answers.size >= maxKeptAnswers) answers.clear();
    answers.set(file, answer);
  }
  return answer;
}

const testFileAnswers = new Map<string | undefined, Map<string, boolean>>();
/** Paths are finite per workspace, but a long-lived server sees files come and go: the memo is bounded. */
const maxKeptAnswers = 200_000;

/**
 * Code Next.js never runs: other tools' configs at the app root (`drizzle.config.ts`,
 * `playwright.config.ts`, `checkly.config.ts`; not `next.config.*` or Sentry's runtime configs) and
 * stand-alone scripts (`scripts/`, `scratch/`). Their variables are those tools' business.
 */
export function isToolingFile(file: string, root: string): boolean {
  if (!file.startsWith(`${root}/`)) return false;
  const path = file.slice(root.length + 1);
  if (/^(scripts|scratch)\//.test(path)) return true;
  return !path.includes('/') && /\.config\.[cm]?[jt]s$/.test(path) && !/^(next|sentry\.[a-z]+)\.config\./.test(path);
}

/** A `process.env` read with the file it sits in. */
/** An env read with where it is, without its syntax node: kept per file content across analyses. */
export interface LocatedEnvRead extends Omit<EnvRead, 'node'> {
  file: string;
  location: Location;
}

/** An env read with its syntax node, for rules that look around the read (client modules only: few files). */
export interface EnvReadWithNode extends EnvRead {
  file: string;
  location: Location;
}

const readsEnv = (text: string) => text.includes('env');

/** `process.env`, `process['env']` and Convex's imported `env` all spell `env`: other files are never parsed for reads. */
const envReadsOfFile = treeFact<LocatedEnvRead[]>({
  compute(text, source, file) {
    const sourceFile = readsEnv(text) ? source() : undefined;
    return sourceFile ? getEnvReads(sourceFile).map(({ node, ...read }) => ({ ...read, file, location: { file, range: rangeOfNode(node, sourceFile) } })) : [];
  },
});

/** The reads of the project's own code (tests and fixtures left out), joined from per-file facts: an edit re-reads one file. */
export function envReadsIn(ctx: RuleContext, files: readonly string[]): LocatedEnvRead[] {
  return ctx.filesWith(envReadsOfFile, appFilesAmong(files, ctx.project.root)).flatMap((file) => ctx.fact(envReadsOfFile, file) ?? []);
}

/** `files` without tests and fixtures, kept with the list (a project's lists stay the same across edits). */
const appFileLists = new WeakMap<readonly string[], { root: string; files: string[] }>();

function appFilesAmong(files: readonly string[], root: string): string[] {
  let kept = appFileLists.get(files);
  if (kept?.root !== root) appFileLists.set(files, (kept = { root, files: files.filter((file) => !isTestOrFixtureFile(file, root)) }));
  return kept.files;
}

export function envReadsWithNodesIn(ctx: RuleContext, files: readonly string[]): EnvReadWithNode[] {
  return ctx.filesWith(envReadsOfFile, appFilesAmong(files, ctx.project.root)).flatMap((file) => {
    const source = ctx.source(file);
    return source ? getEnvReads(source).map((read) => ({ ...read, file, location: { file, range: rangeOfNode(read.node, source) } })) : [];
  });
}

/** Names that hold secrets: `|| ''` is no real default for them (the app runs on with an empty secret). */
export function isSecretName(name: string): boolean {
  return /SECRET|PRIVATE|PASSWORD|TOKEN|(^|_)KEY$/.test(name);
}

/** Whether the app survives without the variable at this read (issue 10, A3). */
export function isOptionalRead(read: Pick<EnvRead, 'optional' | 'name'>): boolean {
  return read.optional === 'default' || read.optional === 'test' || (read.optional === 'empty-default' && !isSecretName(read.name));
}

/** A project's reads grouped by variable, each group in read order (files sorted by path, then position). */
export function readsByVariable(reads: LocatedEnvRead[]): Map<string, LocatedEnvRead[]> {
  const groups = new Map<string, LocatedEnvRead[]>();
  for (const read of reads) groups.set(read.name, [...(groups.get(read.name) ?? []), read]);
  return groups;
}

/** Markdown files are read up to this size for mentions of a variable. */
const maxMarkdownChars = 256 * 1024;

/** Where the project documents variables, built once per analysis run (a Markdown file is read once, not once per key). */
interface DocumentationIndex {
  /** Exact names from templates, t3-env schemas, turbo.json and Convex `defineApp` env. */
  names: Map<string, Location>;
  /** turbo.json wildcards (`NEXT_PUBLIC_*`). */
  prefixes: { prefix: string; location: Location }[];
  /** Markdown files, then the comment lines of env files (`# SENTRY_ORG=`; other lines blank, so line numbers hold). */
  mentions: { file: string; lines: string[] }[];
}

const indexes = new WeakMap<RuleContext, DocumentationIndex>();

function documentationIndex(ctx: RuleContext): DocumentationIndex {
  const cached = indexes.get(ctx);
  if (cached) return cached;
  const names = new Map<string, Location>();
  const add = (key: string, location: Location) => {
    if (!names.has(key)) names.set(key, location);
  };
  for (const file of [...ctx.env.templateFiles, ...ctx.project.docs.workspaceEnvTemplates]) {
    for (const entry of file.parsed.entries) add(entry.key, entryLocation(file, entry));
  }
  for (const [key, declaration] of t3EnvSchema(ctx)) add(key, declaration.location);
  for (const [key, declaration] of convexAppEnv(ctx)) add(key, declaration.location);
  const prefixes: DocumentationIndex['prefixes'] = [];
  for (const file of ctx.project.docs.turboFiles) {
    for (const { name, location } of turboEnvNames(file, ctx.readFile(file) ?? '')) {
      if (name.endsWith('*')) prefixes.push({ prefix: name.slice(0, -1), location });
      else add(name, location);
    }
  }
  const markdown = ctx.project.docs.markdownFiles.map((file) => ({ file, lines: (ctx.readFile(file) ?? '').slice(0, maxMarkdownChars).split('\n') }));
  const envComments = [...ctx.project.envFiles.map((envFile) => envFile.file), ...otherModeEnvFiles(ctx).map((envFile) => envFile.file)].map((file) => ({
    file,
    lines: (ctx.readFile(file) ?? '').split('\n').map((line) => (line.trimStart().startsWith('#') ? line : '')),
  }));
  const index = { names, prefixes, mentions: [...markdown, ...envComments] };
  indexes.set(ctx, index);
  return index;
}

/**
 * Where a key is documented: an env template (the project's or the workspace root's), a t3-env
 * schema, turbo.json, a Convex `defineApp` env declaration, or a mention in a Markdown file of the
 * package or the workspace root.
 */
export function documentation(ctx: RuleContext, key: string): Location | undefined {
  const index = documentationIndex(ctx);
  const named = index.names.get(key) ?? index.prefixes.find((entry) => entry.prefix !== '' && key.startsWith(entry.prefix))?.location;
  if (named) return named;
  for (const { file, lines } of index.mentions) {
    for (let line = 0; line < lines.length; line++) {
      const column = wordIndex(lines[line], key);
      if (column !== -1) return { file, range: { start: { line, character: column }, end: { line, character: column + key.length } } };
    }
  }
  return undefined;
}

/** The column of `word` standing alone (not inside a longer variable name), or -1. */
function wordIndex(line: string, word: string): number {
  const isNameChar = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_]/.test(ch);
  for (let at = line.indexOf(word); at !== -1; at = line.indexOf(word, at + 1)) {
    if (!isNameChar(line[at - 1]) && !isNameChar(line[at + word.length])) return at;
  }
  return -1;
}

/** A declared variable: where, and whether the declaration lets it be unset. */
export interface EnvDeclaration {
  location: Location;
  optional: boolean;
}

const t3Schemas = new WeakMap<RuleContext, Map<string, EnvDeclaration>>();

/** The keys one file's t3-env `createEnv({...})` calls declare (`@t3-oss/env-*`), in order. */
const t3EnvKeysOfFile = treeFact<[string, EnvDeclaration][]>({
  compute(text, source, file) {
    const sourceFile = text.includes('@t3-oss/env-') ? source() : undefined;
    const imports = sourceFile
      ? getImports(sourceFile).filter((binding) => binding.importedName === 'createEnv' && binding.module.startsWith('@t3-oss/env-'))
      : [];
    if (!sourceFile || imports.length === 0) return [];
    const keys: [string, EnvDeclaration][] = [];
    for (const call of callsTo(
      sourceFile,
      imports.map((binding) => binding.localName),
    )) {
      const options = call.arguments[0] ? resolveObjectLiteral(call.arguments[0]) : undefined;
      for (const section of ['server', 'client', 'shared']) {
        const property = options ? getProperty(options, section) : undefined;
        const schema = property && ts.isPropertyAssignment(property) ? resolveObjectLiteral(property.initializer) : undefined;
        for (const entry of schema?.properties ?? []) {
          const name = entry.name ? propertyNameText(entry.name) : undefined;
          if (!name) continue;
          keys.push([
            name,
            { location: { file, range: rangeOfNode(entry.name!, sourceFile) }, optional: ts.isPropertyAssignment(entry) && allowsUnset(entry.initializer) },
          ]);
        }
      }
    }
    return keys;
  },
});

/** Keys of `server`/`client`/`shared` in t3-env `createEnv({...})` calls of the Next app (the first declaration of a key wins). */
export function t3EnvSchema(ctx: RuleContext): Map<string, EnvDeclaration> {
  const cached = t3Schemas.get(ctx);
  if (cached) return cached;
  const keys = new Map<string, EnvDeclaration>();
  for (const file of ctx.project.nextApp?.sourceFiles ?? []) {
    for (const [name, declaration] of ctx.fact(t3EnvKeysOfFile, file) ?? []) if (!keys.has(name)) keys.set(name, declaration);
  }
  t3Schemas.set(ctx, keys);
  return keys;
}

/** `z.string().optional()`, `.default(…)`, `.nullish()`, `.catch(…)`, `v.optional(…)`: the schema accepts a missing value. */
function allowsUnset(expression: ts.Expression): boolean {
  for (let node: ts.Expression = unwrapExpression(expression); ;) {
    if (!ts.isCallExpression(node)) return false;
    const callee = unwrapExpression(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    if (['optional', 'default', 'nullish', 'catch'].includes(callee.name.text)) return true;
    node = unwrapExpression(callee.expression);
  }
}

/** Calls of any of the given local function names in a module (iterative walk). */
function callsTo(source: ts.SourceFile, names: string[]): ts.CallExpression[] {
  return [...descendants(source)].filter(
    (node): node is ts.CallExpression => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && names.includes(node.expression.text),
  );
}

/**
 * Variables declared by `defineApp({ env: { X: v.string(), Y: v.optional(v.string()) } })` in
 * `convex/convex.config.*` (convex ≥ 1.39): a declaration documents them, and a required one must be
 * set on the deployment before a push succeeds.
 */
export function convexAppEnv(ctx: RuleContext): Map<string, EnvDeclaration> {
  const declared = new Map<string, EnvDeclaration>();
  for (const convexDir of ctx.project.convexDirs) {
    for (const file of convexDir.functionFiles.filter(
      (candidate) => /\/convex\.config\.[cm]?[jt]s$/.test(candidate) && candidate.startsWith(`${convexDir.dir}/`),
    )) {
      const source = ctx.source(file);
      const imports = source ? getImports(source).filter((binding) => binding.importedName === 'defineApp' && binding.module === 'convex/server') : [];
      if (!source || imports.length === 0) continue;
      for (const call of callsTo(
        source,
        imports.map((binding) => binding.localName),
      )) {
        const options = call.arguments[0] ? resolveObjectLiteral(call.arguments[0]) : undefined;
        const env = options ? getProperty(options, 'env') : undefined;
        const variables = env && ts.isPropertyAssignment(env) ? resolveObjectLiteral(env.initializer) : undefined;
        for (const entry of variables?.properties ?? []) {
          const name = entry.name ? propertyNameText(entry.name) : undefined;
          if (!name || declared.has(name)) continue;
          declared.set(name, {
            location: { file, range: rangeOfNode(entry.name!, source) },
            optional: ts.isPropertyAssignment(entry) && isOptionalValidator(entry.initializer),
          });
        }
      }
    }
  }
  return declared;
}

/** `v.optional(…)` (Convex validators). */
function isOptionalValidator(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'optional';
}

/** Names listed in turbo.json `env`, `passThroughEnv`, `globalEnv`, `globalPassThroughEnv` (also under `pipeline`/`tasks`). */
function turboEnvNames(file: string, text: string): { name: string; location: Location }[] {
  const found: { name: string; location: Location }[] = [];
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const positionAt = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return { line, character: offset - lineStarts[line] };
  };
  const listNames = new Set(['env', 'passThroughEnv', 'globalEnv', 'globalPassThroughEnv']);
  const stack: JsonNode[] = [];
  const root = parseTree(text);
  if (root) stack.push(root);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'property' && node.children?.length === 2 && listNames.has(String(node.children[0].value)) && node.children[1].type === 'array') {
      for (const item of node.children[1].children ?? []) {
        if (item.type !== 'string' || typeof item.value !== 'string' || item.value.startsWith('!')) continue;
        const range: Range = { start: positionAt(item.offset + 1), end: positionAt(item.offset + item.length - 1) };
        found.push({ name: item.value.replace(/^\$/, ''), location: { file, range } });
      }
    }
    stack.push(...(node.children ?? []));
  }
  return found;
}

export function entryLocation(file: EnvFile, entry: EnvEntry): Location {
  return { file: file.file, range: entry.range };
}

export function keyLocation(file: EnvFile, entry: EnvEntry): Location {
  return { file: file.file, range: entry.keyRange };
}

export function valueLocation(file: EnvFile, entry: EnvEntry): Location {
  return { file: file.file, range: entry.valueRange };
}

/** The location of a definition from a file, or undefined for process-env values. */
export function definitionLocation(definition: EnvDefinition | undefined): Location | undefined {
  return definition?.file && definition.entry ? entryLocation(definition.file, definition.entry) : undefined;
}

/**
 * True when any local env file assigns a key whose name or value marks it as a Clerk key (not keyless
 * mode). An empty `KEY=` (what the add-key fix writes) leaves Clerk keyless: it holds no key.
 */
export function holdsAnyClerkKey(project: Project): boolean {
  return project.envFiles.some((file) =>
    file.parsed.entries.some(
      (entry) => entry.value !== '' && (entry.key === publishableKeyName || entry.key === secretKeyName || /^(pk|sk)_(test|live)_/.test(entry.value)),
    ),
  );
}

/** Keys defined by `next.config.*` `env: { … }` (parsed, never executed). */
export function nextConfigEnvKeys(ctx: RuleContext): Set<string> {
  const keys = new Set<string>();
  const configFile = ctx.project.nextApp?.nextConfigFile;
  const source = configFile ? ctx.source(configFile) : undefined;
  if (!source) return keys;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'env') {
      const object = resolveObjectLiteral(node.initializer);
      for (const property of object?.properties ?? []) {
        if (property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) keys.add(property.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return keys;
}

/** One file's `verifyWebhook(req)` calls (from `@clerk/nextjs/webhooks` or `@clerk/backend/webhooks`) with no `signingSecret` option. */
const verifyCallsWithoutSecretOfFile = treeFact<Location[]>({
  compute(text, source, file) {
    const sourceFile = text.includes('verifyWebhook') ? source() : undefined;
    if (!sourceFile) return [];
    const imports = getImports(sourceFile).filter(
      (binding) => binding.importedName === 'verifyWebhook' && /^@clerk\/(nextjs|backend)\/webhooks$/.test(binding.module),
    );
    if (imports.length === 0) return [];
    const found: Location[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && importOf(imports, node.expression)) {
        const options = node.arguments[1] ? resolveObjectLiteral(unwrapExpression(node.arguments[1])) : undefined;
        const passesSecret =
          node.arguments[1] !== undefined &&
          (!options || getProperty(options, 'signingSecret') !== undefined || options.properties.some((p) => ts.isSpreadAssignment(p)));
        if (!passesSecret) found.push({ file, range: rangeOfNode(node, sourceFile) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return found;
  },
});

/** Where `verifyWebhook(req)` is called without a `signingSecret` option (it then reads the env variable). */
export function verifyWebhookCallsWithoutSecret(ctx: RuleContext, files: string[]): Location[] {
  return files.flatMap((file) => ctx.fact(verifyCallsWithoutSecretOfFile, file) ?? []);
}

/** Whether a key is assigned in any local env file (value may be empty). */
export function isAssignedLocally(project: Project, key: string): boolean {
  return project.envFiles.some((file) => findEntry(file.parsed, key) !== undefined);
}

/** What in the app's code needs Clerk's keys, or undefined when nothing does (issue 10, A4: by use, not by package.json). */
export interface ClerkUse {
  /** Where to point: the `<ClerkProvider>` element when there is one, else the first import that needs the keys. */
  location: Location;
}

/** `@clerk/nextjs` entry points that run without the instance keys. */
const keylessClerkModules = new Set(['@clerk/nextjs/webhooks', '@clerk/nextjs/errors', '@clerk/nextjs/types']);

/**
 * The app uses Clerk in a way that needs its keys: `clerkMiddleware`, anything from
 * `@clerk/nextjs/server`, `<ClerkProvider>` and the other `@clerk/nextjs` components and hooks
 * (type-only imports, `verifyWebhook` and error helpers do not).
 */
export function clerkUse(ctx: RuleContext, files: string[]): ClerkUse | undefined {
  const own = appFilesAmong(files, ctx.project.root);
  // The provider first, among the few files that name it; the first import only when there is none
  // (each file parsed up to the first that has one, not every page that imports Clerk).
  for (const file of own) {
    const provider = ctx.fact(namesClerkProvider, file) ? ctx.fact(clerkUseOfFile, file)?.[0]?.provider : undefined;
    if (provider) return { location: provider };
  }
  for (const file of own) {
    const use = ctx.fact(clerkUseOfFile, file)?.[0];
    if (use) return { location: use.firstImport };
  }
  return undefined;
}

const namesClerkProvider = textTest('ClerkProvider');

/** One file's part of `clerkUse`: its `<ClerkProvider>` element, and its first import that needs the keys. */
const clerkUseOfFile = treeFact<{ provider?: Location; firstImport: Location }[]>({
  compute(text, source, file) {
    const sourceFile = text.includes('@clerk/nextjs') ? source() : undefined;
    if (!sourceFile) return [];
    const bindings = getImports(sourceFile).filter(
      (binding) => !binding.typeOnly && /^@clerk\/nextjs(\/|$)/.test(binding.module) && !keylessClerkModules.has(binding.module),
    );
    if (bindings.length === 0) return [];
    const providerBinding = bindings.find((binding) => binding.importedName === 'ClerkProvider');
    const element = providerBinding ? jsxElementNamed(sourceFile, providerBinding.localName) : undefined;
    return [
      {
        provider: element ? { file, range: rangeOfNode(element, sourceFile) } : undefined,
        firstImport: { file, range: rangeOfNode(bindings[0].node, sourceFile) },
      },
    ];
  },
});

/** The tag name of the first `<Name …>` element in a module. */
function jsxElementNamed(source: ts.SourceFile, name: string): ts.Node | undefined {
  for (const node of descendants(source)) {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && ts.isIdentifier(node.tagName) && node.tagName.text === name) return node.tagName;
  }
  return undefined;
}

/** The app imports Convex's client or server helpers, or its package holds Convex functions. */
export function usesConvex(ctx: RuleContext): boolean {
  if (ctx.project.convexDirs.length > 0) return true;
  return (ctx.project.nextApp?.sourceFiles ?? []).some((file) => ctx.fact(importsConvex, file) === true);
}

const importsConvex = treeFact<boolean>({
  compute(text, source) {
    const sourceFile = text.includes('convex') ? source() : undefined;
    return sourceFile !== undefined && getImports(sourceFile).some((binding) => !binding.typeOnly && /^convex(\/|$)/.test(binding.module));
  },
});

/**
 * The variables `npx convex dev` writes into `.env.local` of the folder it runs in, named after
 * that folder's package.json: a Next.js package gets `NEXT_PUBLIC_CONVEX_URL` (and from convex
 * 1.31.7 `NEXT_PUBLIC_CONVEX_SITE_URL`), any other package `CONVEX_URL`/`CONVEX_SITE_URL`. Empty
 * when the project holds no Convex functions (in a monorepo the Convex package gets them, not the app).
 */
export function convexDevVariables(project: Project): string[] {
  const convexDir = project.convexDirs.find((dir) => dir.projectRoot === project.root);
  if (!convexDir) return [];
  const prefix = project.nextApp ? 'NEXT_PUBLIC_' : '';
  const version = convexDir.versions.convex;
  const writesSiteUrl = version === undefined || semver.gte(version, '1.31.7');
  return ['CONVEX_DEPLOYMENT', `${prefix}CONVEX_URL`, ...(writesSiteUrl ? [`${prefix}CONVEX_SITE_URL`] : [])];
}

/** Whether a package.json script runs `convex dev` (so the variables it writes appear on the first `npm run dev`). */
export function runsConvexDev(packageJson: PackageJson | undefined): boolean {
  const scripts = packageJson?.data.scripts;
  if (!scripts || typeof scripts !== 'object') return false;
  return Object.values(scripts as Record<string, unknown>).some((script) => typeof script === 'string' && /\bconvex\s+dev\b/.test(script));
}

/**
 * In a monorepo, the Convex package where `npx convex dev` writes `CONVEX_URL`: the value an app's
 * `NEXT_PUBLIC_CONVEX_URL` must copy. Its `CONVEX_URL` line when a local env file has one, else its package.json.
 */
export function monorepoConvexUrlSource(workspace: Workspace, project: Project): Location | undefined {
  if (convexDevVariables(project).length > 0) return undefined;
  const convexPackage = workspace.peersOf(project).find((peer) => !peer.nextApp && peer.convexDirs.length > 0);
  if (!convexPackage) return undefined;
  for (const file of convexPackage.envFiles) {
    const entry = findEntry(file.parsed, 'CONVEX_URL');
    if (entry) return keyLocation(file, entry);
  }
  const file = `${convexPackage.root}/package.json`;
  return { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
}

/** Keyless mode (Clerk creates throwaway keys in development) on these `@clerk/nextjs` versions. */
export function keylessModeRange(version: string | undefined): 'keyless' | 'keys-required' | 'unknown' {
  if (version === undefined) return 'unknown';
  return semver.gte(version, '6.11.0') ? 'keyless' : 'keys-required';
}

/** Env files Next.js loads only for `next build`/`next start` or tests, never with the development files. */
const otherModeEnvFileNames = ['.env.production.local', '.env.production', '.env.test.local', '.env.test'];

/**
 * Where another mode's env file (`.env.production`, `.env.test`) sets a key: the app has the
 * variable, just not under `next dev`, which is a choice (a build-only upload token) rather than a
 * forgotten variable.
 */
export function otherModeDefinition(ctx: RuleContext, key: string): Location | undefined {
  for (const { file, parsed } of otherModeEnvFiles(ctx)) {
    const entry = findEntry(parsed, key);
    if (entry && entry.value !== '') return { file, range: entry.range };
  }
  return undefined;
}

const otherModeFiles = new WeakMap<RuleContext, { file: string; parsed: ParsedEnvFile }[]>();

/** The project's `.env.production*`/`.env.test*` files, read and parsed once per analysis. */
function otherModeEnvFiles(ctx: RuleContext): { file: string; parsed: ParsedEnvFile }[] {
  let files = otherModeFiles.get(ctx);
  if (!files) {
    files = otherModeEnvFileNames.flatMap((name) => {
      const file = `${ctx.project.root}/${name}`;
      const text = ctx.readFile(file);
      return text === undefined ? [] : [{ file, parsed: parseEnvFile(text) }];
    });
    otherModeFiles.set(ctx, files);
  }
  return files;
}
