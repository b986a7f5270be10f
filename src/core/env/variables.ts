import * as ts from 'typescript';
import type { EnvDefinition, EnvFile } from './appEnv';
import { findEntry, type EnvEntry } from './envFile';
import { getEnvReads, getImports, getProperty, importOf, resolveObjectLiteral, unwrapExpression, type EnvRead } from '../parse/facts';
import type { Project } from '../project/types';
import type { RuleContext } from '../rules/rule';
import type { Location } from '../rules/types';
import { rangeOfNode } from '../parse/sourceFile';

export const publishableKeyName = 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY';
export const secretKeyName = 'CLERK_SECRET_KEY';
export const webhookSigningSecretName = 'CLERK_WEBHOOK_SIGNING_SECRET';

/** Set by the platform or runtime, never by the app's env files. */
const platformVariables = new Set([
  'NODE_ENV', 'NEXT_RUNTIME', 'NEXT_PHASE', 'NEXT_DEPLOYMENT_ID', 'CI', 'PORT', 'HOSTNAME', 'HOST', 'HOME', 'PATH', 'PWD', 'TZ', 'LANG',
  'NETLIFY', 'URL', 'DEPLOY_URL', 'RENDER', 'GITHUB_ACTIONS',
]);
const platformPrefixes = ['VERCEL', 'NEXT_PUBLIC_VERCEL_', '__NEXT_', 'npm_', 'NETLIFY_', 'RENDER_', 'RAILWAY_', 'FLY_', 'GITHUB_', 'CF_PAGES', 'AWS_LAMBDA_'];
/** Built into Convex functions only: `npx convex dev` writes none of them for Next.js (only the NEXT_PUBLIC_ forms). */
const convexBuiltInVariables = new Set(['CONVEX_CLOUD_URL', 'CONVEX_SITE_URL']);

export function isPlatformVariable(name: string, runtime: 'next' | 'convex'): boolean {
  return platformVariables.has(name) || (runtime === 'convex' && convexBuiltInVariables.has(name)) || platformPrefixes.some((prefix) => name.startsWith(prefix));
}

/** Test and fixture code: reads and literals there are not the app's. */
export function isTestOrFixtureFile(file: string): boolean {
  return /\/(test|tests|__tests__|e2e|cypress|fixtures|__fixtures__|__mocks__|mocks)\//.test(file) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(file);
}

/** A `process.env` read with the file it sits in. */
export interface LocatedEnvRead extends EnvRead {
  file: string;
  location: Location;
}

export function envReadsIn(ctx: RuleContext, files: string[]): LocatedEnvRead[] {
  return files.filter((file) => !isTestOrFixtureFile(file)).flatMap((file) => {
    const source = ctx.source(file);
    return source ? getEnvReads(source).map((read) => ({ ...read, file, location: { file, range: rangeOfNode(read.node, source) } })) : [];
  });
}

/** The env files a key can be documented in are templates; README files count too (a mention of the name). */
export function documentation(ctx: RuleContext, key: string): Location | undefined {
  const template = ctx.env.templateEntry(key);
  if (template) return entryLocation(template.file, template.entry);
  const readmes = ctx.project.nextApp?.readmeFiles ?? [];
  for (const readme of readmes) {
    const text = ctx.readFile(readme) ?? '';
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      const column = wordIndex(lines[line], key);
      if (column !== -1) return { file: readme, range: { start: { line, character: column }, end: { line, character: column + key.length } } };
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
  return project.envFiles.some((file) => file.parsed.entries.some((entry) => entry.value !== '' &&
    (entry.key === publishableKeyName || entry.key === secretKeyName || /^(pk|sk)_(test|live)_/.test(entry.value))));
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

/** `verifyWebhook(req)` calls (from `@clerk/nextjs/webhooks` or `@clerk/backend/webhooks`) with no `signingSecret` option. */
export function verifyWebhookCallsWithoutSecret(ctx: RuleContext, files: string[]): { file: string; call: ts.CallExpression; location: Location }[] {
  const found: { file: string; call: ts.CallExpression; location: Location }[] = [];
  for (const file of files) {
    const source = ctx.source(file);
    if (!source) continue;
    const imports = getImports(source).filter((binding) => binding.importedName === 'verifyWebhook' && /^@clerk\/(nextjs|backend)\/webhooks$/.test(binding.module));
    if (imports.length === 0) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && importOf(imports, node.expression)) {
        const options = node.arguments[1] ? resolveObjectLiteral(unwrapExpression(node.arguments[1])) : undefined;
        const passesSecret = node.arguments[1] !== undefined && (!options || getProperty(options, 'signingSecret') !== undefined ||
          options.properties.some((p) => ts.isSpreadAssignment(p)));
        if (!passesSecret) found.push({ file, call: node, location: { file, range: rangeOfNode(node, source) } });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** Whether a key is assigned in any local env file (value may be empty). */
export function isAssignedLocally(project: Project, key: string): boolean {
  return project.envFiles.some((file) => findEntry(file.parsed, key) !== undefined);
}
