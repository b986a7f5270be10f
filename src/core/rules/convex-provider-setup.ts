import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import * as semver from 'semver';
import { isClerkProvider, readAuthConfig } from '../analysis/convexAuthConfig';
import { convexPeersOf, identityRead, readConvexClientAuth, type ConvexClientAuth, type ProviderUsage } from '../analysis/convexClientAuth';
import {
  attributeOf,
  descendantElements,
  enclosingComponent,
  enclosingElements,
  findImportedElements,
  importOfTag,
  openingOf,
  type JsxTagElement,
} from '../analysis/jsxTree';
import { getImports, getProperty } from '../parse/facts';
import { textTest, treeFact } from '../parse/fileFacts';
import { rangeOfNode, rangeOfSpan, rangeOfStringContent } from '../parse/sourceFile';
import type { NextApp } from '../project/types';
import { declaredRange, lockedVersion } from '../project/versions';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding, Fix, Location } from '../model';

const isClerkModule = (module: string) => module === '@clerk/nextjs' || module.startsWith('@clerk/');

/**
 * `ConvexProviderWithClerk` calls Clerk's `useAuth` on every render, so it must be client code
 * rendered inside `<ClerkProvider>` and given Clerk's own `useAuth`. Nesting across files (the
 * layout renders `ClerkProvider` around a separate `ConvexClientProvider`) is the normal setup, so
 * the render is followed from the component to where other modules render it. Also (warning): a
 * plain `<ConvexProvider>` while Convex expects Clerk identities, and convex 1.33.0, whose
 * `ConvexProviderWithClerk` sends no JWT-template token.
 */
export const convexProviderSetupRule: Rule = {
  id: 'convex-provider-setup',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('ConvexProviderWithClerk set up wrongly');
  },
  get description() {
    return l10n.t(
      "ConvexProviderWithClerk outside ClerkProvider, in a server module, or given a useAuth that is not Clerk's; a plain ConvexProvider while Convex functions read the Clerk identity; convex 1.33.0 with ConvexProviderWithClerk.",
    );
  },
  check(ctx) {
    const app = ctx.project.nextApp;
    if (!app) return [];
    const auth = readConvexClientAuth([app.sourceFiles], ctx);
    return [
      ...clerkProviderFindings(auth.clerkProviders, app, ctx),
      ...plainProviderFindings(auth, ctx),
      ...brokenReleaseFindings(auth.clerkProviders, app, ctx),
    ];
  },
};

function clerkProviderFindings(usages: ProviderUsage[], app: NextApp, ctx: RuleContext): Finding[] {
  if (usages.length === 0) return [];
  const appHasClerkProvider = appRendersClerkProvider(app, ctx);
  return usages.flatMap((usage) => [...orderFindings(usage, appHasClerkProvider, app, ctx), ...clientFindings(usage, app), ...useAuthFindings(usage)]);
}

/** Whether a file renders Clerk's `<ClerkProvider>`, kept per content. */
const rendersClerkProvider = treeFact<boolean>({
  compute(text, source) {
    const sourceFile = text.includes('@clerk/') && text.includes('ClerkProvider') ? source() : undefined;
    return sourceFile !== undefined && findImportedElements(sourceFile, getImports(sourceFile), ['ClerkProvider'], isClerkModule).length > 0;
  },
});

function appRendersClerkProvider(app: NextApp, ctx: RuleContext): boolean {
  return app.sourceFiles.some((file) => ctx.fact(rendersClerkProvider, file) === true);
}

/**
 * `<ConvexProvider>` sends no token, so `ctx.auth.getUserIdentity()` is always null for its
 * queries. Only when Convex is set up for Clerk and reads the identity, and no other path
 * (`ConvexProviderWithClerk`/`WithAuth`, `setAuth`, server calls with a token) supplies one.
 */
function plainProviderFindings(auth: ConvexClientAuth, ctx: RuleContext): Finding[] {
  if (auth.plainProviders.length === 0 || auth.clerkProviders.length > 0 || auth.customProviders.length > 0 || auth.tokenCalls.length > 0) return [];
  const { convexDirs } = convexPeersOf(ctx.project, ctx.workspace);
  const clerkIssuer = convexDirs
    .flatMap((dir) => dir.authConfigFiles)
    .map((file) => {
      const sourceFile = ctx.source(file);
      return sourceFile && readAuthConfig(sourceFile).providers.find(isClerkProvider);
    })
    .find((provider) => provider !== undefined);
  const identity = convexDirs
    .flatMap((dir) => dir.functionFiles)
    .map((file) => {
      const sourceFile = ctx.source(file);
      return sourceFile && identityRead(sourceFile);
    })
    .find((read) => read !== undefined);
  if (!clerkIssuer || !identity) return [];
  const related = [
    { location: { file: clerkIssuer.node.getSourceFile().fileName, range: rangeOfNode(clerkIssuer.node) }, message: l10n.t('Convex accepts Clerk tokens') },
    { location: { file: identity.getSourceFile().fileName, range: rangeOfNode(identity) }, message: l10n.t('A Convex function reads the identity') },
  ];
  const app = ctx.project.nextApp!;
  const appHasClerkProvider = appRendersClerkProvider(app, ctx);
  return auth.plainProviders.map((usage) =>
    finding(
      usage,
      l10n.t(
        "ConvexProvider sends no auth token, but convex/auth.config declares Clerk and Convex functions call ctx.auth.getUserIdentity(): for everything under this provider the identity is always null. Use ConvexProviderWithClerk (from 'convex/react-clerk', with useAuth from '@clerk/nextjs') inside <ClerkProvider>.",
      ),
      openingOf(usage.element).tagName,
      appHasClerkProvider && app.clientModules.includes(usage.file) ? withClerkFix(usage) : [],
      related,
      'warning',
    ),
  );
}

/**
 * Turns `<ConvexProvider client={c}>` into `<ConvexProviderWithClerk client={c} useAuth={useAuth}>`
 * and imports both; dropping `ConvexProvider` from its import when nothing else uses it. Only inside
 * `<ClerkProvider>` client code (else Clerk's `useAuth` throws), and when `useAuth` is free or Clerk's.
 */
function withClerkFix(usage: ProviderUsage): Fix[] {
  const sourceFile = usage.element.getSourceFile();
  const imports = getImports(sourceFile);
  const useAuth = imports.find((binding) => binding.localName === 'useAuth');
  if ((useAuth && !isClerkModule(useAuth.module)) || imports.some((binding) => binding.localName === 'ConvexProviderWithClerk')) return [];
  const file = usage.file;
  const opening = openingOf(usage.element);
  const importAt = importInsertionPoint(sourceFile);
  const edits: Fix['edits'] = [
    {
      file,
      range: rangeOfSpan(sourceFile, importAt, importAt),
      newText: `import { ConvexProviderWithClerk } from 'convex/react-clerk';\n${useAuth ? '' : "import { useAuth } from '@clerk/nextjs';\n"}`,
    },
    { file, range: rangeOfNode(opening.tagName), newText: 'ConvexProviderWithClerk' },
    { file, range: rangeOfSpan(sourceFile, opening.attributes.getEnd(), opening.attributes.getEnd()), newText: ' useAuth={useAuth}' },
  ];
  if (ts.isJsxElement(usage.element)) edits.push({ file, range: rangeOfNode(usage.element.closingElement.tagName), newText: 'ConvexProviderWithClerk' });
  const others = findImportedElements(sourceFile, imports, ['ConvexProvider'], (module) => module === 'convex/react').length > 1;
  const removal = others ? undefined : importRemoval(usage.binding.node);
  if (removal) edits.push({ file, range: removal, newText: '' });
  return [{ title: l10n.t("Use ConvexProviderWithClerk with Clerk's useAuth"), edits, preferred: true }];
}

/** The text to delete to drop one named import (with its comma), or its whole declaration when it is the only one. */
function importRemoval(specifier: ts.Node): Fix['edits'][number]['range'] | undefined {
  const sourceFile = specifier.getSourceFile();
  if (!ts.isImportSpecifier(specifier)) return undefined;
  const elements = specifier.parent.elements;
  const declaration = specifier.parent.parent.parent.parent;
  if (elements.length === 1 && !specifier.parent.parent.name) {
    const end = sourceFile.text[declaration.getEnd()] === '\n' ? declaration.getEnd() + 1 : declaration.getEnd();
    return rangeOfSpan(sourceFile, declaration.getStart(sourceFile), end);
  }
  const index = elements.indexOf(specifier);
  return index < elements.length - 1
    ? rangeOfSpan(sourceFile, specifier.getStart(sourceFile), elements[index + 1].getStart(sourceFile))
    : rangeOfSpan(sourceFile, elements[index - 1].getEnd(), specifier.getEnd());
}

/** The convex release whose `ConvexProviderWithClerk` requested no JWT template (fixed in 1.33.1). */
const BROKEN_CONVEX_RELEASE = '1.33.0';

/**
 * convex 1.33.0's `ConvexProviderWithClerk` asks Clerk for the plain session token, which carries
 * `aud: "convex"` only with Clerk's Convex integration: setups that rely on the `convex` JWT template
 * are signed out. Only for an installed, locked or pinned 1.33.0 (a `^1.33.0` range says nothing);
 * silent when the online check found no `convex` template (then the integration is the only path).
 */
function brokenReleaseFindings(usages: ProviderUsage[], app: NextApp, ctx: RuleContext): Finding[] {
  if (usages.length === 0 || app.versions.convex !== BROKEN_CONVEX_RELEASE) return [];
  if (ctx.onlineJwtTemplates && !ctx.onlineJwtTemplates.some((template) => template.name === 'convex')) return [];
  const range = declaredRange(app.packageJson, 'convex');
  const workspaceRoot = ctx.workspace.roots.find((root) => app.root === root || app.root.startsWith(`${root}/`)) ?? app.root;
  const exact = lockedVersion((file) => ctx.readFile(file), app.root, range, workspaceRoot, 'convex') ?? (range && semver.valid(range) ? range : undefined);
  if (exact !== BROKEN_CONVEX_RELEASE) return [];
  const tag = openingOf(usages[0].element).tagName;
  const dependency = dependencyValue(app.packageJson.file, ctx.readFile(app.packageJson.file));
  return [
    {
      ruleId: convexProviderSetupRule.id,
      severity: 'warning',
      location: dependency ?? { file: usages[0].file, range: rangeOfNode(tag) },
      message: l10n.t(
        'convex {0} is installed: its ConvexProviderWithClerk requests no JWT template, so unless Clerk\'s Convex integration is active (session tokens with aud "convex"), Convex rejects the token and users look signed out. Upgrade convex to 1.33.1 or later.',
        BROKEN_CONVEX_RELEASE,
      ),
      related: dependency ? [{ location: { file: usages[0].file, range: rangeOfNode(tag) }, message: l10n.t('ConvexProviderWithClerk') }] : [],
    },
  ];
}

/** The `"convex": "…"` version string in a package.json's dependencies, parsed as JSON. */
function dependencyValue(file: string, text: string | undefined): Location | undefined {
  if (text === undefined) return undefined;
  const json = ts.parseJsonText(file, text);
  const root = json.statements[0]?.expression;
  if (!root || !ts.isObjectLiteralExpression(root)) return undefined;
  for (const section of ['dependencies', 'devDependencies']) {
    const dependencies = getProperty(root, section);
    const value =
      dependencies && ts.isPropertyAssignment(dependencies) && ts.isObjectLiteralExpression(dependencies.initializer)
        ? getProperty(dependencies.initializer, 'convex')
        : undefined;
    if (value && ts.isPropertyAssignment(value)) return { file, range: rangeOfNode(value.initializer, json) };
  }
  return undefined;
}

function finding(
  usage: ProviderUsage,
  message: string,
  node: ts.Node,
  fixes: Fix[] = [],
  related: Finding['related'] = [],
  severity: Finding['severity'] = 'error',
): Finding {
  return { ruleId: convexProviderSetupRule.id, severity, location: { file: usage.file, range: rangeOfNode(node) }, message, fixes, related };
}

function isClerkProviderElement(element: JsxTagElement): boolean {
  const binding = importOfTag(element, getImports(element.getSourceFile()));
  return binding !== undefined && binding.importedName === 'ClerkProvider' && isClerkModule(binding.module);
}

function orderFindings(usage: ProviderUsage, appHasClerkProvider: boolean, app: NextApp, ctx: RuleContext): Finding[] {
  const tag = openingOf(usage.element).tagName;
  if (!appHasClerkProvider) {
    return [
      finding(
        usage,
        l10n.t(
          'ConvexProviderWithClerk is rendered, but the app has no ClerkProvider: its useAuth throws "useAuth can only be used within the <ClerkProvider /> component". Wrap it in <ClerkProvider> (in the root layout, inside <body>).',
        ),
        tag,
        [wrapFix(usage)],
      ),
    ];
  }
  if (enclosingElements(usage.element).some(isClerkProviderElement)) return [];
  // ClerkProvider inside Convex's provider, in the same file.
  const inner = ts.isJsxElement(usage.element) ? descendantElements(usage.element).find(isClerkProviderElement) : undefined;
  if (inner) {
    return [
      finding(
        usage,
        l10n.t(
          "ClerkProvider is inside ConvexProviderWithClerk, but it must be outside: ConvexProviderWithClerk calls Clerk's useAuth, which throws outside <ClerkProvider>. Swap the two providers.",
        ),
        tag,
        [swapFix(usage.element, inner)],
        [{ location: { file: usage.file, range: rangeOfNode(openingOf(inner)) }, message: l10n.t('ClerkProvider') }],
      ),
    ];
  }
  // Across files: the component that renders Convex's provider, rendered with ClerkProvider inside it.
  const component = enclosingComponent(usage.element);
  if (!component?.exportedAs) return [];
  const stem = usage.file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  const namesComponent = textTest(component.exportedAs);
  for (const file of app.sourceFiles) {
    const sourceFile = file !== usage.file && ctx.fact(namesComponent, file) ? ctx.source(file) : undefined;
    if (!sourceFile) continue;
    const imports = getImports(sourceFile).filter(
      (binding) =>
        binding.importedName === component.exportedAs &&
        binding.module
          .split('/')
          .pop()
          ?.replace(/\.[^.]+$/, '') === stem,
    );
    for (const { element } of findImportedElements(sourceFile, imports, [component.exportedAs], () => true)) {
      const wrapped = ts.isJsxElement(element) ? descendantElements(element).find(isClerkProviderElement) : undefined;
      if (!wrapped || enclosingElements(element).some(isClerkProviderElement)) continue;
      return [
        {
          ruleId: convexProviderSetupRule.id,
          severity: 'error',
          location: { file, range: rangeOfNode(openingOf(element).tagName) },
          message: l10n.t(
            "ClerkProvider is rendered inside {0}, which renders ConvexProviderWithClerk: Clerk's useAuth throws outside <ClerkProvider>. Swap the two so ClerkProvider is outside.",
            openingOf(element).tagName.getText(),
          ),
          related: [{ location: { file: usage.file, range: rangeOfNode(tag) }, message: l10n.t('ConvexProviderWithClerk') }],
          fixes: [swapFix(element, wrapped)],
        },
      ];
    }
  }
  return [];
}

/** Wraps the element in `<ClerkProvider>` and imports it from `@clerk/nextjs`. */
function wrapFix(usage: ProviderUsage): Fix {
  const sourceFile = usage.element.getSourceFile();
  const start = usage.element.getStart(sourceFile);
  const end = usage.element.getEnd();
  const hasImport = getImports(sourceFile).some((binding) => binding.localName === 'ClerkProvider');
  const importAt = importInsertionPoint(sourceFile);
  return {
    title: l10n.t('Wrap in <ClerkProvider>'),
    edits: [
      ...(hasImport
        ? []
        : [{ file: usage.file, range: rangeOfSpan(sourceFile, importAt, importAt), newText: "import { ClerkProvider } from '@clerk/nextjs';\n" }]),
      { file: usage.file, range: rangeOfSpan(sourceFile, start, start), newText: '<ClerkProvider>' },
      { file: usage.file, range: rangeOfSpan(sourceFile, end, end), newText: '</ClerkProvider>' },
    ],
    preferred: true,
  };
}

/** After the directive prologue (`'use client'` must stay first). */
function importInsertionPoint(sourceFile: ts.SourceFile): number {
  const firstImport = sourceFile.statements.find(ts.isImportDeclaration);
  if (firstImport) return firstImport.getStart(sourceFile);
  let position = 0;
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    position = statement.getEnd() + 1;
  }
  return Math.min(position, sourceFile.text.length);
}

/** Swaps the opening and closing tags of an outer element and an element nested in it. */
function swapFix(outer: JsxTagElement, inner: JsxTagElement): Fix {
  const sourceFile = outer.getSourceFile();
  const file = sourceFile.fileName;
  const text = (node: ts.Node) => node.getText(sourceFile);
  const replace = (node: ts.Node, newText: string) => ({ file, range: rangeOfNode(node, sourceFile), newText });
  if (!ts.isJsxElement(outer) || !ts.isJsxElement(inner)) return { title: l10n.t('Swap the providers'), edits: [] };
  return {
    title: l10n.t('Swap the providers'),
    edits: [
      replace(outer.openingElement, text(inner.openingElement)),
      replace(inner.openingElement, text(outer.openingElement)),
      replace(inner.closingElement, text(outer.closingElement)),
      replace(outer.closingElement, text(inner.closingElement)),
    ],
    preferred: true,
  };
}

function clientFindings(usage: ProviderUsage, app: NextApp): Finding[] {
  if (!app.appDir || app.clientModules.includes(usage.file)) return [];
  // Modules outside app/ may serve only the Pages Router (client-rendered): judged only without pages/.
  if (!usage.file.startsWith(`${app.appDir}/`) && app.pagesDir) return [];
  const sourceFile = usage.element.getSourceFile();
  const exportsMetadata = sourceFile.statements.some(
    (statement) =>
      (ts.isVariableStatement(statement) && statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === 'metadata')) ||
      (ts.isFunctionDeclaration(statement) && statement.name?.text === 'generateMetadata'),
  );
  const fixes: Fix[] = exportsMetadata
    ? []
    : [
        {
          title: l10n.t("Add 'use client' at the top of the file"),
          edits: [{ file: usage.file, range: rangeOfSpan(sourceFile, 0, 0), newText: "'use client';\n\n" }],
          preferred: true,
        },
      ];
  return [
    finding(
      usage,
      l10n.t(
        "ConvexProviderWithClerk is in a server module (no 'use client'): it uses React context and Clerk's useAuth hook, which fail in Server Components. Move it into a 'use client' component such as ConvexClientProvider.",
      ),
      openingOf(usage.element).tagName,
      fixes,
    ),
  ];
}

function useAuthFindings(usage: ProviderUsage): Finding[] {
  const attribute = attributeOf(usage.element, 'useAuth');
  const expression = attribute?.initializer && ts.isJsxExpression(attribute.initializer) ? attribute.initializer.expression : undefined;
  if (!expression || !ts.isIdentifier(expression)) return [];
  const binding = getImports(usage.element.getSourceFile()).find((candidate) => candidate.localName === expression.text);
  // Only packages: a local wrapper (`./useAuth`, `@/hooks/…`) may well wrap Clerk's hook.
  if (!binding || isClerkModule(binding.module) || /^(\.|@\/|~\/|#)/.test(binding.module)) return [];
  const declaration = ts.findAncestor(binding.node, ts.isImportDeclaration);
  const named = declaration?.importClause?.namedBindings;
  // Re-pointing the module is mechanical only when `useAuth` is all the declaration imports.
  const soleImport =
    declaration &&
    !declaration.importClause?.name &&
    named &&
    ts.isNamedImports(named) &&
    named.elements.length === 1 &&
    binding.importedName === 'useAuth' &&
    ts.isStringLiteral(declaration.moduleSpecifier);
  const fixes: Fix[] = soleImport
    ? [
        {
          title: l10n.t("Import useAuth from '@clerk/nextjs'"),
          edits: [{ file: usage.file, range: rangeOfStringContent(declaration.moduleSpecifier as ts.StringLiteral), newText: '@clerk/nextjs' }],
          preferred: true,
        },
      ]
    : [];
  return [
    finding(
      usage,
      l10n.t(
        "useAuth comes from '{0}', not from Clerk: ConvexProviderWithClerk needs Clerk's useAuth (from '@clerk/nextjs') to get the session token, so Convex never sees the user. Import useAuth from '@clerk/nextjs'.",
        binding.module,
      ),
      expression,
      fixes,
    ),
  ];
}
