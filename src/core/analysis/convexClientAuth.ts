/**
 * How an app authenticates to Convex: where `ConvexProviderWithClerk` is rendered (it sends the
 * Clerk Convex-integration token or the `convex` JWT template, both `aud: "convex"`), where a plain
 * `ConvexProvider` (no token) is, which calls hand Convex a token outside a provider, and which
 * `getToken({ template: "X" })` calls feed Convex. A template call feeds Convex when its value
 * reaches a Convex token sink: an argument of `fetchQuery`/`preloadQuery`/`fetchMutation`/
 * `fetchAction` (`convex/nextjs`), a `setAuth(...)` call, or a `fetchAccessToken` function (the
 * `useAuth` contract of `ConvexProviderWithAuth`) — directly, through a local variable, or
 * returned by a helper function (same file or imported by name). Other templates (Supabase, …)
 * are none of Convex's business and stay out.
 */
import * as ts from 'typescript';
import { getImports, type ImportBinding } from '../parse/facts';
import { factOf, filesWithFact, textTest, treeFact, type FileReader } from '../parse/fileFacts';
import { memoizeBySource } from '../parse/sourceFile';
import type { ConvexDir, NextApp, Project, Workspace } from '../project/types';
import { resolveStringLiteral } from './convexAuthConfig';
import { findImportedElements, type JsxTagElement } from './jsxTree';

export interface ProviderUsage {
  file: string;
  element: JsxTagElement;
  binding: ImportBinding;
}

export interface TemplateRequest {
  file: string;
  /** The `"X"` of `template: "X"` (possibly behind a top-level const). */
  literal: ts.StringLiteralLike;
  name: string;
}

export interface ConvexClientAuth {
  /** `<ConvexProviderWithClerk>` elements. */
  clerkProviders: ProviderUsage[];
  /** `<ConvexProviderWithAuth>` elements: tokens the analysis cannot see. */
  customProviders: ProviderUsage[];
  /** `<ConvexProvider>` elements: they send no token at all. */
  plainProviders: ProviderUsage[];
  /**
   * Calls that hand Convex a token without a provider: `client.setAuth(…)`, a `convex/nextjs` call
   * with options (`{ token }`), `new ConvexHttpClient(url, { auth })`.
   */
  tokenCalls: (ts.CallExpression | ts.NewExpression)[];
  /** Template requests whose token reaches Convex. */
  templateRequests: TemplateRequest[];
}

const convexNextjsSinks = new Set(['fetchQuery', 'preloadQuery', 'fetchMutation', 'fetchAction']);

/** Only files naming a Convex module, `getToken`, `setAuth` or `fetchAccessToken` can hold a provider element or a token path. */
const mayHoldTokenPath = textTest('convex/', 'getToken', 'setAuth', 'fetchAccessToken');

/** Names a provider element or a token site must write out (most files naming `convex/` only call `useQuery`). */
const siteNames = ['ConvexProvider', 'getToken', 'setAuth', 'ConvexHttpClient', ...convexNextjsSinks];

/** Whether a file renders a Convex provider or holds a token site: only such files' trees are walked again on each analysis. */
const holdsClientAuth = treeFact<boolean>({
  compute(text, source) {
    const sourceFile = siteNames.some((name) => text.includes(name)) ? source() : undefined;
    if (!sourceFile) return false;
    const sites = tokenSites(sourceFile);
    return sites.requests.length > 0 || sites.tokenCalls.length > 0 || providerElements(sourceFile).length > 0;
  },
});

/**
 * Files are picked by per-file facts (a text test, then whether the tree holds a provider or a
 * token site), kept across analyses: only the few files that do are walked. The other candidates
 * are parsed only when a token flows through a helper function they might call. `fileLists` are
 * the apps' source file lists as the project model keeps them (the reader keeps its joins per list).
 */
export function readConvexClientAuth(fileLists: readonly (readonly string[])[], reader: FileReader): ConvexClientAuth {
  const result: ConvexClientAuth = { clerkProviders: [], customProviders: [], plainProviders: [], tokenCalls: [], templateRequests: [] };
  const parse = (file: string): ParsedModule[] => {
    const sourceFile = reader.source(file);
    return sourceFile ? [{ file, sourceFile, imports: getImports(sourceFile) }] : [];
  };
  const isCandidate = (file: string) => factOf(reader, mayHoldTokenPath, file) === true;
  const candidates = fileLists.flatMap((files) => filesWithFact(reader, mayHoldTokenPath, files));
  const parsed = candidates.filter((file) => factOf(reader, holdsClientAuth, file) === true).flatMap(parse);
  for (const { file, sourceFile } of parsed) {
    for (const usage of providerElements(sourceFile)) {
      if (usage.binding.module === 'convex/react-clerk') result.clerkProviders.push({ file, ...usage });
      else (usage.binding.importedName === 'ConvexProvider' ? result.plainProviders : result.customProviders).push({ file, ...usage });
    }
  }
  let allCandidates: ParsedModule[] | undefined;
  const flow = new TokenFlow(
    () => (allCandidates ??= candidates.flatMap(parse)),
    (name) => {
      const namesFunction = textTest(name);
      return fileLists.flatMap((files) => files.filter((file) => !isCandidate(file) && factOf(reader, namesFunction, file) === true)).flatMap(parse);
    },
  );
  for (const { file, sourceFile } of parsed) {
    const sites = tokenSites(sourceFile);
    for (const { call, literal } of sites.requests) {
      if (flow.reachesConvex(call)) result.templateRequests.push({ file, literal, name: literal.text });
    }
    result.tokenCalls.push(...sites.tokenCalls);
  }
  return result;
}

/** `<ConvexProviderWithClerk>` (`convex/react-clerk`), then `<ConvexProviderWithAuth>` and `<ConvexProvider>` (`convex/react`) elements. */
const providerElements = memoizeBySource((sourceFile: ts.SourceFile) => {
  const imports = getImports(sourceFile);
  return [
    ...findImportedElements(sourceFile, imports, ['ConvexProviderWithClerk'], (module) => module === 'convex/react-clerk'),
    ...findImportedElements(sourceFile, imports, ['ConvexProviderWithAuth', 'ConvexProvider'], (module) => module === 'convex/react'),
  ];
});

/** `getToken({ template })` calls and calls that hand Convex a token, in one walk per tree (re-checks after an edit reuse it). */
const tokenSites = memoizeBySource((sourceFile: ts.SourceFile) => {
  const imports = getImports(sourceFile);
  const requests: { call: ts.CallExpression; literal: ts.StringLiteralLike }[] = [];
  const tokenCalls: (ts.CallExpression | ts.NewExpression)[] = [];
  const visit = (node: ts.Node): void => {
    const literal = ts.isCallExpression(node) ? templateOfGetToken(node) : undefined;
    if (literal) requests.push({ call: node as ts.CallExpression, literal });
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && suppliesToken(node, imports)) tokenCalls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { requests, tokenCalls };
});

/** `x.setAuth(…)`, `fetchQuery(fn, args, options)` from `convex/nextjs`, `new ConvexHttpClient(url, options)`. */
function suppliesToken(call: ts.CallExpression | ts.NewExpression, imports: ImportBinding[]): boolean {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) return ts.isCallExpression(call) && callee.name.text === 'setAuth';
  const binding = ts.isIdentifier(callee) ? imports.find((candidate) => candidate.localName === callee.text) : undefined;
  if (!binding) return false;
  if (ts.isNewExpression(call)) return binding.module === 'convex/browser' && binding.importedName === 'ConvexHttpClient' && (call.arguments?.length ?? 0) > 1;
  return binding.module === 'convex/nextjs' && convexNextjsSinks.has(binding.importedName) && call.arguments.length > 2;
}

/** The template literal of `getToken({ template: "X" })` / `x.getToken({ template: "X" })`. */
function templateOfGetToken(call: ts.CallExpression): ts.StringLiteralLike | undefined {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  const options = call.arguments[0];
  if (name !== 'getToken' || !options || !ts.isObjectLiteralExpression(options)) return undefined;
  for (const property of options.properties) {
    if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'template') {
      return resolveStringLiteral(property.initializer);
    }
  }
  return undefined;
}

interface ParsedModule {
  file: string;
  sourceFile: ts.SourceFile;
  imports: ImportBinding[];
}

/** Follows a token value to a Convex sink (bounded depth: a variable or helper or two). */
class TokenFlow {
  /** `modulesNaming(name)`: further modules whose text names a function (its callers may be among them). */
  constructor(
    private readonly modules: () => ParsedModule[],
    private readonly modulesNaming: (name: string) => ParsedModule[] = () => [],
  ) {}

  reachesConvex(expression: ts.Expression, depth = 0): boolean {
    if (depth > 3) return false;
    const value = outermostValue(expression);
    if (this.insideSink(value)) return true;
    const parent = value.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) {
      return referencesInScope(parent.name).some((reference) => this.reachesConvex(reference, depth + 1));
    }
    const returnedBy = returningFunction(value);
    if (returnedBy) return this.callsOf(returnedBy).some((call) => this.reachesConvex(call, depth + 1));
    return false;
  }

  private insideSink(node: ts.Node): boolean {
    for (let child = node, current = node.parent; current; child = current, current = current.parent) {
      if (ts.isCallExpression(current) && current.arguments.some((argument) => argument === child) && this.isSink(current)) return true;
      if (nameOfDeclaration(current) === 'fetchAccessToken') return true;
    }
    return false;
  }

  private isSink(call: ts.CallExpression): boolean {
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee)) return callee.name.text === 'setAuth';
    if (!ts.isIdentifier(callee)) return false;
    const binding = getImports(call.getSourceFile()).find((candidate) => candidate.localName === callee.text);
    return binding?.module === 'convex/nextjs' && convexNextjsSinks.has(binding.importedName);
  }

  /** Calls of a named function: in its own file by name, elsewhere through an import of that name. */
  private callsOf(fn: { name: string; sourceFile: ts.SourceFile }): ts.CallExpression[] {
    const calls: ts.CallExpression[] = [];
    const stem = fn.sourceFile.fileName.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    for (const module of [...this.modules(), ...this.modulesNaming(fn.name)]) {
      let localName: string | undefined;
      if (module.sourceFile === fn.sourceFile) localName = fn.name;
      else {
        localName = module.imports.find(
          (binding) =>
            binding.importedName === fn.name &&
            binding.module
              .replace(/\.[^./]+$/, '')
              .split('/')
              .pop() === stem,
        )?.localName;
      }
      if (!localName) continue;
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === localName) calls.push(node);
        ts.forEachChild(node, visit);
      };
      visit(module.sourceFile);
    }
    return calls;
  }
}

/** Climbs through wrappers that keep the value: `await`, parentheses, `!`, `as`, `??`/`||`, `?:`. */
function outermostValue(expression: ts.Expression): ts.Expression {
  let current: ts.Expression = expression;
  for (;;) {
    const parent = current.parent;
    if (
      ts.isAwaitExpression(parent) ||
      ts.isParenthesizedExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isAsExpression(parent) ||
      (ts.isBinaryExpression(parent) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(parent.operatorToken.kind)) ||
      (ts.isConditionalExpression(parent) && parent.condition !== current)
    ) {
      current = parent;
    } else {
      return current;
    }
  }
}

/** Identifiers with the same name as a declared variable inside its enclosing function or file. */
function referencesInScope(name: ts.Identifier): ts.Identifier[] {
  let scope: ts.Node = name;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

/** The named function whose result the value is (`return value` or an arrow's expression body). */
function returningFunction(value: ts.Expression): { name: string; sourceFile: ts.SourceFile } | undefined {
  const parent = value.parent;
  let fn: ts.Node | undefined;
  if (ts.isReturnStatement(parent)) {
    fn = parent.parent;
    while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  } else if (ts.isArrowFunction(parent) && parent.body === value) {
    fn = parent;
  }
  if (!fn) return undefined;
  const name = ts.isFunctionDeclaration(fn) ? fn.name?.text : nameOfDeclaration(fn.parent);
  return name ? { name, sourceFile: value.getSourceFile() } : undefined;
}

function nameOfDeclaration(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (
    (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node)) &&
    node.name &&
    ts.isIdentifier(node.name)
  ) {
    return node.name.text;
  }
  return undefined;
}

/** The Next.js apps and Convex folders that talk to each other, as seen from one project. */
export interface ConvexPeers {
  apps: NextApp[];
  convexDirs: ConvexDir[];
}

/**
 * A project's own app and Convex folders; a project holding only one side (monorepo: `apps/web`
 * and `packages/backend/convex`) is paired with the workspace's projects holding only the other.
 */
export function convexPeersOf(project: Project, workspace: Workspace): ConvexPeers {
  const peers = workspace.peersOf(project);
  const apps = project.nextApp ? [project.nextApp] : peers.flatMap((peer) => (peer.nextApp ? [peer.nextApp] : []));
  const convexDirs = project.convexDirs.length > 0 ? project.convexDirs : peers.flatMap((peer) => peer.convexDirs);
  return { apps, convexDirs };
}

/** True when a Convex function file reads the identity (`ctx.auth.getUserIdentity()`). */
export function readsIdentity(sourceFile: ts.SourceFile): boolean {
  return identityRead(sourceFile) !== undefined;
}

/** The first `….getUserIdentity` of a Convex function file. */
export function identityRead(sourceFile: ts.SourceFile): ts.PropertyAccessExpression | undefined {
  let found: ts.PropertyAccessExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'getUserIdentity') found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
