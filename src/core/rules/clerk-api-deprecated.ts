import * as l10n from '@vscode/l10n';
import * as semver from 'semver';
import * as ts from 'typescript';
import { findImportedElements, openingOf, attributeOf, type JsxTagElement } from '../analysis/jsxTree';
import { readClerkMiddlewareFile } from '../analysis/middlewareHandler';
import { getImports, type ImportBinding } from '../parse/facts';
import { treeFact, type FileFact } from '../parse/fileFacts';
import { rangeOfNode, rangeOfSpan } from '../parse/sourceFile';
import type { Rule } from './rule';
import type { Finding, Fix, TextEdit } from '../model';

const clerkNext = '@clerk/nextjs';
const clerkNextServer = '@clerk/nextjs/server';

/** Legacy redirect props (removed in Core 3) → their replacement, per component. */
const redirectPropReplacements: Record<string, Record<string, string | undefined>> = {
  SignIn: { afterSignInUrl: 'fallbackRedirectUrl', afterSignUpUrl: 'signUpFallbackRedirectUrl', redirectUrl: 'fallbackRedirectUrl' },
  SignInButton: { afterSignInUrl: 'fallbackRedirectUrl', afterSignUpUrl: 'signUpFallbackRedirectUrl', redirectUrl: 'fallbackRedirectUrl' },
  SignUp: { afterSignUpUrl: 'fallbackRedirectUrl', afterSignInUrl: 'signInFallbackRedirectUrl', redirectUrl: 'fallbackRedirectUrl' },
  SignUpButton: { afterSignUpUrl: 'fallbackRedirectUrl', afterSignInUrl: 'signInFallbackRedirectUrl', redirectUrl: 'fallbackRedirectUrl' },
  ClerkProvider: { afterSignInUrl: 'signInFallbackRedirectUrl', afterSignUpUrl: 'signUpFallbackRedirectUrl', redirectUrl: undefined },
};

const showConditions: Record<string, string> = { SignedIn: 'signed-in', SignedOut: 'signed-out' };

/**
 * Every check reads a binding imported under one of these names, and an import writes the name out
 * even when it renames it: a file naming none is never parsed for this rule (most files that import
 * Clerk only read `useUser()`). `@clerk/nextjs/server` stands for `auth` and `clerkClient`, which
 * `serverImportNeedsTree` looks at more closely.
 */
const checkedNames = [
  'authMiddleware',
  'withClerkMiddleware',
  'createRouteMatcher',
  'SignedIn',
  'SignedOut',
  'Protect',
  ...Object.keys(redirectPropReplacements),
];

/** Whether this rule can find anything in the text, so that the file must be parsed (false only when it cannot). */
export function mayUseCheckedApi(text: string): boolean {
  if (!text.includes(clerkNext)) return false;
  return checkedNames.some((name) => text.includes(name)) || (text.includes(clerkNextServer) && serverImportNeedsTree(text));
}

/** Function names the sync-auth check reports calls of (under these names unless renamed on import). */
const asyncFunctionNames = ['auth', 'clerkClient'];

/**
 * Whether a file importing `@clerk/nextjs/server` may misuse `auth()`/`clerkClient()`. Most pages
 * and route handlers that import them only write `const { userId } = await auth()`: a file is not
 * parsed when every whole-word `auth`/`clerkClient` in its text is one of
 * - `await auth()` used whole (the next non-space character does not reach into the result: no `.`, `[`, `?.`, call or comment),
 * - a member name (`session.auth`),
 * - a name between `{`/`,` and `,`/`}` (`import { auth } from`), which is never called there.
 * A renamed import (`auth as getAuth`) fails all three, so the names checked are the only local
 * names of these imports. Escaped identifiers and `clerkMiddleware` (whose callback receives `auth`)
 * always leave doubt. Comments and strings naming `auth` only cost a parse.
 */
function serverImportNeedsTree(text: string): boolean {
  if (text.includes('clerkMiddleware') || text.includes('\\u')) return true;
  for (const name of asyncFunctionNames) {
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
      const end = at + name.length;
      if (isIdentifierCharAt(text, at - 1) || isIdentifierCharAt(text, end)) continue;
      const before = text[lastNonSpaceBefore(text, at)];
      const after = text[firstNonSpaceFrom(text, end)];
      if (before === '.') continue;
      if ((before === '{' || before === ',') && (after === '}' || after === ',')) continue;
      if (isAwaited(text, at) && text.startsWith('()', end) && !reachesIntoResult.has(text[firstNonSpaceFrom(text, end + 2)])) continue;
      return true;
    }
  }
  return false;
}

/** Characters after `await auth()` that can make the call's value something other than the awaited operand. */
const reachesIntoResult = new Set(['.', '[', '?', '(', '!', '`', '/']);

function isIdentifierCharAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && ts.isIdentifierPart(text.charCodeAt(index), ts.ScriptTarget.Latest);
}

function lastNonSpaceBefore(text: string, index: number): number {
  let at = index - 1;
  while (at >= 0 && ts.isWhiteSpaceLike(text.charCodeAt(at))) at--;
  return at;
}

function firstNonSpaceFrom(text: string, index: number): number {
  let at = index;
  while (at < text.length && ts.isWhiteSpaceLike(text.charCodeAt(at))) at++;
  return at;
}

/** Whether the whole word `await` and white space alone come before `index`. */
function isAwaited(text: string, index: number): boolean {
  const last = lastNonSpaceBefore(text, index);
  return last < index - 1 && text.slice(last - 4, last + 1) === 'await' && !isIdentifierCharAt(text, last - 5);
}

/**
 * `@clerk/nextjs` APIs used the way an older major wanted, bound by origin (the `auth` imported
 * from `@clerk/nextjs/server` or the `auth` parameter of a `clerkMiddleware` callback; other
 * functions named `auth` are not Clerk's). Each check applies only from the version that broke
 * or deprecated the API, and nothing is reported when the installed version is unknown.
 */
export const clerkApiDeprecatedRule: Rule = {
  id: 'clerk-api-deprecated',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Removed or deprecated Clerk API');
  },
  get description() {
    return l10n.t(
      'Clerk APIs that the installed @clerk/nextjs removed (sync auth(), authMiddleware, <SignedIn>, legacy redirect props) or deprecated (createRouteMatcher, ClerkProvider around <html>).',
    );
  },
  check(ctx) {
    const app = ctx.project.nextApp;
    const version = app?.versions['@clerk/nextjs'];
    if (!app || !version) return [];
    const findingsOfFile = findingsUnder(version);
    return ctx.filesWith(findingsOfFile, app.sourceFiles).flatMap((file) => ctx.fact(findingsOfFile, file) ?? []);
  },
};

/** A file's findings under each installed version, kept per file content: an edit re-walks only the edited file. */
const findingsByVersion = new Map<string, FileFact<Finding[]>>();

function findingsUnder(version: string): FileFact<Finding[]> {
  let fact = findingsByVersion.get(version);
  if (!fact) {
    fact = treeFact({
      compute(text, source) {
        const sourceFile = mayUseCheckedApi(text) ? source() : undefined;
        return sourceFile ? fileFindings(sourceFile, version) : [];
      },
    });
    findingsByVersion.set(version, fact);
  }
  return fact;
}

/** This rule's findings in a parsed file under an installed version. */
export function fileFindings(sourceFile: ts.SourceFile, version: string): Finding[] {
  const imports = getImports(sourceFile).filter((binding) => !binding.typeOnly && (binding.module === clerkNext || binding.module === clerkNextServer));
  const atLeast = (minimum: string) => semver.gte(version, minimum);
  const findings: Finding[] = [];
  if (imports.length > 0) {
    if (atLeast('5.0.0')) findings.push(...legacyMiddlewareFindings(imports, version));
    if (atLeast('6.0.0')) findings.push(...syncAuthFindings(sourceFile, imports, version));
    if (atLeast('7.0.0'))
      findings.push(
        ...controlComponentFindings(sourceFile, imports, version),
        ...redirectPropFindings(sourceFile, imports, version),
        ...providerAroundHtmlFindings(sourceFile, imports, version),
      );
    if (atLeast('7.5.14')) findings.push(...createRouteMatcherFindings(imports, version));
  }
  return findings;
}

function base(node: ts.Node, severity: Finding['severity'], message: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId: clerkApiDeprecatedRule.id, severity, location: { file: node.getSourceFile().fileName, range: rangeOfNode(node) }, message, ...extra };
}

function edit(node: ts.Node, start: number, end: number, newText: string): TextEdit {
  const sourceFile = node.getSourceFile();
  return { file: sourceFile.fileName, range: rangeOfSpan(sourceFile, start, end), newText };
}

// ---- v6: auth() and clerkClient() are async ----

function syncAuthFindings(sourceFile: ts.SourceFile, imports: ImportBinding[], version: string): Finding[] {
  const server = imports.filter((binding) => binding.module === clerkNextServer);
  const authNames = new Set(server.filter((binding) => binding.importedName === 'auth').map((binding) => binding.localName));
  const clientNames = new Set(server.filter((binding) => binding.importedName === 'clerkClient').map((binding) => binding.localName));
  const middleware = server.some((binding) => binding.importedName === 'clerkMiddleware') ? readClerkMiddlewareFile(sourceFile) : undefined;
  const findings: Finding[] = [];
  const visit = (node: ts.Node, handlerAuth: string | undefined): void => {
    const inHandler = middleware?.handler === node ? middleware.authName : handlerAuth;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      const kind = name === inHandler || authNames.has(name) ? 'auth' : clientNames.has(name) ? 'clerkClient' : undefined;
      const finding = kind && syncUse(node, kind, version);
      if (finding) findings.push(finding);
    }
    ts.forEachChild(node, (child) => visit(child, inHandler));
  };
  visit(sourceFile, undefined);
  return findings;
}

/** `auth().protect()`, `auth().userId`, `const { userId } = auth()` — the promise used as its value. */
function syncUse(call: ts.CallExpression, kind: 'auth' | 'clerkClient', version: string): Finding | undefined {
  const parent = call.parent;
  const name = (call.expression as ts.Identifier).text;
  const fn = ts.findAncestor(call, ts.isFunctionLike) as ts.FunctionLikeDeclaration | undefined;
  const asyncEdits = fn ? makeAsync(fn) : undefined;
  const fixOf = (title: string, edits: TextEdit[]): Fix[] =>
    asyncEdits === undefined ? [] : [{ title, edits: [...edits, ...asyncEdits], preferred: true, safe: asyncEdits.length === 0 }];
  if (ts.isPropertyAccessExpression(parent) && parent.expression === call) {
    const member = parent.name.text;
    if (promiseMethods.has(member)) return undefined;
    if (kind === 'auth' && member === 'protect' && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      const outer = parent.parent;
      const awaited = ts.isAwaitExpression(outer.parent);
      return base(
        parent,
        'error',
        l10n.t(
          '{0}().protect() is the API of @clerk/nextjs 5: since version 6 {0}() returns a promise, so this throws "auth(...).protect is not a function" (installed: {1}). Use await {0}.protect().',
          name,
          version,
        ),
        { fixes: fixOf(l10n.t('Use await {0}.protect()', name), [edit(call, call.getStart(), call.getEnd(), awaited ? name : `await ${name}`)]) },
      );
    }
    return base(
      parent,
      'error',
      l10n.t('{0}() returns a promise since @clerk/nextjs 6 (installed: {1}), so {0}().{2} is undefined. Await it: (await {0}()).{2}.', name, version, member),
      { fixes: fixOf(l10n.t('Await {0}()', name), [edit(call, call.getStart(), call.getEnd(), `(await ${call.getText()})`)]) },
    );
  }
  if (ts.isVariableDeclaration(parent) && parent.initializer === call && (ts.isObjectBindingPattern(parent.name) || ts.isArrayBindingPattern(parent.name))) {
    return base(
      call,
      'error',
      l10n.t('{0}() returns a promise since @clerk/nextjs 6 (installed: {1}), so every destructured value is undefined. Await it: await {0}().', name, version),
      { fixes: fixOf(l10n.t('Await {0}()', name), [edit(call, call.getStart(), call.getStart(), 'await ')]) },
    );
  }
  if (ts.isVariableDeclaration(parent) && parent.initializer === call && ts.isIdentifier(parent.name)) {
    const use = firstValueUse(parent.name);
    if (!use) return undefined;
    const variable = parent.name.text;
    return base(
      use,
      'error',
      l10n.t(
        '{0} holds the promise {1}() returns since @clerk/nextjs 6 (installed: {2}), so reading a value from it gives undefined. Await the call: const {0} = await {1}().',
        variable,
        name,
        version,
      ),
      {
        related: [{ location: { file: call.getSourceFile().fileName, range: rangeOfNode(call) }, message: l10n.t('{0}() is called here without await', name) }],
        fixes: fixOf(l10n.t('Await {0}()', name), [edit(call, call.getStart(), call.getStart(), 'await ')]),
      },
    );
  }
  return undefined;
}

/** Members every promise has: `auth().then(…)` is correct code on any version. */
const promiseMethods = new Set(['then', 'catch', 'finally']);

/**
 * The first place a variable holding a promise is read as the resolved value (`s.userId`,
 * `s['userId']`, `const { userId } = s`); `await s`, `return s` and passing it on are fine. Undefined
 * when the name is reassigned or declared again in its scope (the analysis does not track those).
 */
function firstValueUse(name: ts.Identifier): ts.Node | undefined {
  const scope = ts.findAncestor(name.parent, (node) => ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node) || ts.isModuleBlock(node));
  if (!scope) return undefined;
  const references: ts.Identifier[] = [];
  let ambiguous = false;
  const visit = (node: ts.Node): void => {
    if (ambiguous) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text) {
      const parent = node.parent;
      const declares =
        (ts.isVariableDeclaration(parent) ||
          ts.isParameter(parent) ||
          ts.isFunctionDeclaration(parent) ||
          ts.isBindingElement(parent) ||
          ts.isClassDeclaration(parent)) &&
        parent.name === node;
      const assigns =
        ts.isBinaryExpression(parent) &&
        parent.left === node &&
        parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
      if (declares || assigns) ambiguous = true;
      else if (!isPropertyName(node)) references.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  if (ambiguous) return undefined;
  for (const reference of references) {
    const parent = reference.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === reference && !promiseMethods.has(parent.name.text)) return parent;
    if (ts.isElementAccessExpression(parent) && parent.expression === reference) return parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === reference && !ts.isIdentifier(parent.name)) return reference;
  }
  return undefined;
}

/** `x.name`, `{ name: … }`, `name() {}`: the identifier names a member, not the variable. */
function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent)) &&
      parent.name === node)
  );
}

/**
 * Edits that make the enclosing function async (none when it already is); undefined when that is
 * not possible (a getter, a constructor).
 */
function makeAsync(fn: ts.FunctionLikeDeclaration): TextEdit[] | undefined {
  if (ts.getModifiers(fn as ts.HasModifiers)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) return [];
  if (ts.isArrowFunction(fn) || ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) {
    // After `export`/`default`, before `function`, the parameters, or the method name.
    const modifiers = ts.getModifiers(fn as ts.HasModifiers) ?? [];
    const at = modifiers.length > 0 ? modifiers[modifiers.length - 1].getEnd() + 1 : fn.getStart();
    return [edit(fn, at, at, 'async ')];
  }
  return undefined;
}

/**
 * `authMiddleware()`: deprecated in 5 (it still works: info), removed in 6 (the import is undefined:
 * error). v4's `withClerkMiddleware()` was removed in 5. Nothing on 4, where both are the API.
 */
function legacyMiddlewareFindings(imports: ImportBinding[], version: string): Finding[] {
  const removed = semver.gte(version, '6.0.0');
  return imports.flatMap((binding) => {
    if (binding.importedName === 'authMiddleware') {
      return [
        removed
          ? base(
              binding.node,
              'error',
              l10n.t(
                'authMiddleware() was removed in @clerk/nextjs 6 (installed: {0}): the import is undefined and the middleware crashes. Use clerkMiddleware() from @clerk/nextjs/server and protect routes with await auth.protect().',
                version,
              ),
              { deprecated: true },
            )
          : base(
              binding.node,
              'info',
              l10n.t(
                'authMiddleware() is deprecated since @clerk/nextjs 5 (installed: {0}) and removed in 6. It still works here; before upgrading, switch to clerkMiddleware() and protect routes with auth().protect().',
                version,
              ),
              { deprecated: true },
            ),
      ];
    }
    if (binding.importedName === 'withClerkMiddleware') {
      return [
        base(
          binding.node,
          'error',
          l10n.t(
            'withClerkMiddleware() was removed in @clerk/nextjs 5 (installed: {0}): the import is undefined and the middleware crashes. Use clerkMiddleware() from @clerk/nextjs/server.',
            version,
          ),
          { deprecated: true },
        ),
      ];
    }
    return [];
  });
}

// ---- v7 (Core 3) ----

function controlComponentFindings(sourceFile: ts.SourceFile, imports: ImportBinding[], version: string): Finding[] {
  const fromNext = imports.filter((binding) => binding.module === clerkNext);
  const elements = findImportedElements(sourceFile, fromNext, ['SignedIn', 'SignedOut', 'Protect'], () => true);
  if (elements.length === 0) return [];
  const fileFix = showFix(
    fromNext,
    elements.map((found) => found.element),
  );
  return elements.map(({ element, binding }) =>
    base(
      openingOf(element).tagName,
      'error',
      l10n.t(
        '<{0}> was removed in @clerk/nextjs 7 (installed: {1}): rendering it throws "Clerk: <{0}> is not available in @clerk/nextjs Core 3". Use <Show when=…> instead.',
        binding.importedName,
        version,
      ),
      { deprecated: true, fixes: binding.importedName in showConditions && fileFix ? [fileFix] : [] },
    ),
  );
}

/**
 * One fix for the whole file (each squiggle offers the same edits): every `<SignedIn>`/`<SignedOut>`
 * becomes `<Show when="signed-in|signed-out">` and the import trades them for `Show`.
 */
function showFix(fromNext: ImportBinding[], elements: JsxTagElement[]): Fix | undefined {
  const replaced = fromNext.filter((binding) => binding.importedName in showConditions);
  const named = replaced[0]?.node.parent;
  // Aliased imports or a usage outside JSX (`{SignedIn}` passed around) are not rewritten.
  if (!named || !ts.isNamedImports(named) || replaced.some((binding) => binding.localName !== binding.importedName || binding.node.parent !== named))
    return undefined;
  const edits: TextEdit[] = [];
  for (const element of elements) {
    const opening = openingOf(element);
    const condition = showConditions[opening.tagName.getText()];
    if (!condition) continue;
    edits.push(edit(element, opening.tagName.getStart(), opening.tagName.getEnd(), `Show when="${condition}"`));
    if (ts.isJsxElement(element)) edits.push(edit(element, element.closingElement.tagName.getStart(), element.closingElement.tagName.getEnd(), 'Show'));
  }
  const kept = named.elements.filter((specifier) => !(specifier.name.text in showConditions)).map((specifier) => specifier.getText());
  if (!fromNext.some((binding) => binding.localName === 'Show')) kept.push('Show');
  edits.push(edit(named, named.getStart(), named.getEnd(), `{ ${kept.join(', ')} }`));
  return { title: l10n.t('Replace <SignedIn>/<SignedOut> with <Show> in this file'), edits, preferred: true };
}

function redirectPropFindings(sourceFile: ts.SourceFile, imports: ImportBinding[], version: string): Finding[] {
  const fromNext = imports.filter((binding) => binding.module === clerkNext);
  const findings: Finding[] = [];
  for (const { element, binding } of findImportedElements(sourceFile, fromNext, Object.keys(redirectPropReplacements), () => true)) {
    const replacements = redirectPropReplacements[binding.importedName];
    for (const [legacy, replacement] of Object.entries(replacements)) {
      const attribute = attributeOf(element, legacy);
      if (!attribute) continue;
      const fixes: Fix[] =
        replacement && !attributeOf(element, replacement)
          ? [
              {
                title: l10n.t('Rename to {0}', replacement),
                edits: [edit(attribute, attribute.name.getStart(), attribute.name.getEnd(), replacement)],
                preferred: true,
                safe: true,
              },
            ]
          : [];
      findings.push(
        base(
          attribute.name,
          'error',
          replacement
            ? l10n.t(
                'The {0} prop of <{1}> was removed in @clerk/nextjs 7 (installed: {2}): it is ignored and the redirect falls back to "/". Use {3}.',
                legacy,
                binding.importedName,
                version,
                replacement,
              )
            : l10n.t(
                'The {0} prop of <{1}> was removed in @clerk/nextjs 7 (installed: {2}): it is ignored. Use the fallbackRedirectUrl/forceRedirectUrl props.',
                legacy,
                binding.importedName,
                version,
              ),
          { deprecated: true, fixes },
        ),
      );
    }
  }
  return findings;
}

/** `<ClerkProvider><html>…` (info): Core 3 wants it inside `<body>` (needed for Next 16 cache components). */
function providerAroundHtmlFindings(sourceFile: ts.SourceFile, imports: ImportBinding[], version: string): Finding[] {
  const fromNext = imports.filter((binding) => binding.module === clerkNext);
  const findings: Finding[] = [];
  for (const { element } of findImportedElements(sourceFile, fromNext, ['ClerkProvider'], () => true)) {
    if (!ts.isJsxElement(element)) continue;
    const html = element.children.find((child): child is ts.JsxElement => ts.isJsxElement(child) && child.openingElement.tagName.getText() === 'html');
    if (!html || element.children.some((child) => child !== html && !(ts.isJsxText(child) && child.containsOnlyTriviaWhiteSpaces))) continue;
    const body = html.children.find((child): child is ts.JsxElement => ts.isJsxElement(child) && child.openingElement.tagName.getText() === 'body');
    const opening = element.openingElement.getText();
    const fixes: Fix[] = body
      ? [
          {
            title: l10n.t('Move ClerkProvider inside <body>'),
            edits: [
              edit(element, element.openingElement.getStart(), html.getStart(), ''),
              edit(element, body.openingElement.getEnd(), body.openingElement.getEnd(), opening),
              edit(element, body.closingElement.getStart(), body.closingElement.getStart(), '</ClerkProvider>'),
              edit(element, html.getEnd(), element.getEnd(), ''),
            ],
            preferred: true,
          },
        ]
      : [];
    findings.push(
      base(
        element.openingElement.tagName,
        'info',
        l10n.t(
          'ClerkProvider wraps <html>: since @clerk/nextjs 7 (installed: {0}) it belongs inside <body>, which Next.js 16 cache components require ("Uncached data was accessed outside of <Suspense>"). Move it inside <body>.',
          version,
        ),
        { fixes },
      ),
    );
  }
  return findings;
}

function createRouteMatcherFindings(imports: ImportBinding[], version: string): Finding[] {
  return imports
    .filter((binding) => binding.module === clerkNextServer && binding.importedName === 'createRouteMatcher')
    .map((binding) =>
      base(
        binding.node,
        'info',
        l10n.t(
          'createRouteMatcher() is deprecated since @clerk/nextjs 7.5.14 (installed: {0}) and will be removed in the next major. Keep clerkMiddleware() and check access where the data is: await auth.protect() in each page, layout, route handler and server action.',
          version,
        ),
        { deprecated: true },
      ),
    );
}
