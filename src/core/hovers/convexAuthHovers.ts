import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { convexAudience, readAuthConfig, templateAudiences, type ConfigValue } from '../analysis/convexAuthConfig';
import { convexPeersOf, readConvexClientAuth, type ConvexClientAuth, type TemplateRequest } from '../analysis/convexClientAuth';
import { openingOf } from '../analysis/jsxTree';
import type { JwtTemplateInfo, Range } from '../model';
import { rangeOfNode } from '../parse/sourceFile';
import type { HoverContent, HoverInput } from './index';
import { escapeMarkdown, fileLink } from './markdown';
import { contains, maxLinks } from './positions';

// The two sides Convex compares exactly: `applicationID` in `convex/auth.config.*` and the `aud` of
// the token the app sends. Read with the parsers `convex-jwt-template-mismatch` uses.

/** The `applicationID: …` property under the cursor in one of the project's Convex auth configs. */
export function applicationIdAt(input: HoverInput): { value: ConfigValue; range: Range } | undefined {
  if (!input.project.convexDirs.some((convex) => convex.authConfigFiles.includes(input.file))) return undefined;
  const source = input.source(input.file);
  if (!source) return undefined;
  for (const provider of readAuthConfig(source).providers) {
    const value = provider.applicationID;
    // The property (`applicationID: "convex"`, or a shorthand `applicationID`) holds the value's expression.
    const property = value?.expression.parent;
    if (!value || !property) continue;
    const range = rangeOfNode(property, source);
    if (contains(range, input.position)) return { value, range };
  }
  return undefined;
}

/**
 * `applicationID` must equal the `aud` of a token the app sends: lists every token path of the
 * apps that talk to this Convex folder, marks the ones that match, and (after the online check)
 * what the Clerk instance's `convex` template says.
 */
export function applicationIdHover(input: HoverInput, value: ConfigValue, range: Range): HoverContent {
  const roots = input.workspace.roots;
  const id = value.literal?.text;
  const heading = `**applicationID** ${id === undefined ? '' : `"${escapeMarkdown(id)}" `}— ${l10n.t('must equal the `aud` of the token the app sends.')}`;
  const parts = [heading];
  if (value.envVar) parts.push(l10n.t('Read from {0} on the Convex deployment.', `**${escapeMarkdown(value.envVar)}**`));
  const auth = clientAuth(input);
  const matches = (audiences: string[]) => (id !== undefined && audiences.includes(id) ? ' ✓' : '');
  const lines: string[] = [];
  for (const usage of auth.clerkProviders) {
    const line = rangeOfNode(openingOf(usage.element).tagName).start.line;
    lines.push(
      `- ${l10n.t('{0}: Clerk\'s Convex integration token (`aud: "convex"`) or the template named `convex`', fileLink(usage.file, line, roots))}${matches([convexAudience])}`,
    );
  }
  for (const request of auth.templateRequests) {
    lines.push(
      `- ${l10n.t('{0}: JWT template {1}', fileLink(request.file, lineOf(request), roots), `**${escapeMarkdown(request.name)}**`)}${matches(requestAudiences(input.onlineJwtTemplates, request))}`,
    );
  }
  for (const usage of auth.customProviders) {
    const line = rangeOfNode(openingOf(usage.element).tagName).start.line;
    lines.push(`- ${l10n.t("{0}: `ConvexProviderWithAuth` (its token's `aud` is not visible to the analysis)", fileLink(usage.file, line, roots))}`);
  }
  parts.push(lines.length === 0 ? l10n.t('No code in this app sends a token to Convex.') : listOf(lines));
  if (auth.clerkProviders.length > 0) {
    const note = convexTemplateNote(input.onlineJwtTemplates);
    if (note) parts.push(note);
  }
  return { range, markdown: parts.join('\n\n'), commands: [] };
}

/** A `getToken({ template: "X" })` literal under the cursor whose token reaches Convex. */
export function templateRequestAt(input: HoverInput): { request: TemplateRequest; range: Range } | undefined {
  const source = input.source(input.file);
  // Cheap test first: every other string (imports, class names) is answered without reading the apps' token paths.
  if (!source || !templateCandidateAt(source, input)) return undefined;
  for (const request of clientAuth(input).templateRequests) {
    if (request.file !== input.file) continue;
    const range = rangeOfNode(request.literal);
    if (contains(range, input.position)) return { request, range };
  }
  return undefined;
}

/** The `applicationID`s of the Convex auth configs the template's token goes to; those equal to its `aud` are marked. */
export function templateHover(input: HoverInput, request: TemplateRequest, range: Range): HoverContent {
  const roots = input.workspace.roots;
  const name = escapeMarkdown(request.name);
  const parts = [`**${l10n.t('JWT template {0}', name)}** — ${l10n.t('Convex accepts it when an `applicationID` equals its `aud`.')}`];
  if (input.onlineJwtTemplates) {
    const template = input.onlineJwtTemplates.find((candidate) => candidate.name === request.name);
    parts.push(
      template
        ? l10n.t('Online check: the template sets `aud` {0}.', audienceList(templateAudiences(template.claims)))
        : l10n.t('Online check: the Clerk instance has no JWT template named {0}.', name),
    );
  }
  const audiences = requestAudiences(input.onlineJwtTemplates, request);
  const lines: string[] = [];
  for (const convex of convexPeersOf(input.project, input.workspace).convexDirs) {
    for (const file of convex.authConfigFiles) {
      const source = input.source(file);
      for (const provider of source ? readAuthConfig(source).providers : []) {
        const value = provider.applicationID;
        if (!value) continue;
        const link = fileLink(file, rangeOfNode(value.expression, source).start.line, roots);
        if (value.literal) lines.push(`- ${link}: "${escapeMarkdown(value.literal.text)}"${audiences.includes(value.literal.text) ? ' ✓' : ''}`);
        else if (value.envVar) lines.push(`- ${link}: ${l10n.t('from {0} on the Convex deployment', `**${escapeMarkdown(value.envVar)}**`)}`);
      }
    }
  }
  parts.push(lines.length === 0 ? l10n.t('No `applicationID` in the Convex auth config of this app.') : listOf(lines));
  return { range, markdown: parts.join('\n\n'), commands: [] };
}

/** What the online check found for `ConvexProviderWithClerk`'s fallback template, or undefined before it ran. */
function convexTemplateNote(templates: JwtTemplateInfo[] | undefined): string | undefined {
  if (!templates) return undefined;
  const template = templates.find((candidate) => candidate.name === convexAudience);
  // No template is a valid setup (Clerk's Convex integration), which the API cannot confirm: explained, not flagged.
  if (!template) {
    return l10n.t(
      'Online check: the Clerk instance has no JWT template named `convex`. That is fine with Clerk\'s Convex integration: its session tokens carry `aud: "convex"` and ConvexProviderWithClerk sends them as they are, so no template is needed. Without the integration, activate it in the Clerk dashboard (or create the template).',
    );
  }
  return l10n.t(
    "Online check: JWT template `convex` sets aud {0}; ConvexProviderWithClerk uses it when Clerk's Convex integration is not active.",
    audienceList(templateAudiences(template.claims)),
  );
}

/** The audiences a template request's token carries: the template's `aud` when the online check saw it, else its name (the convention). */
function requestAudiences(templates: JwtTemplateInfo[] | undefined, request: TemplateRequest): string[] {
  const template = templates?.find((candidate) => candidate.name === request.name);
  return template ? templateAudiences(template.claims) : [request.name];
}

function audienceList(audiences: string[]): string {
  return audiences.length > 0 ? audiences.map((aud) => `"${escapeMarkdown(aud)}"`).join(', ') : l10n.t('(none)');
}

function listOf(lines: string[]): string {
  const more = lines.length > maxLinks ? `\n- ${l10n.t('(and {0} more)', lines.length - maxLinks)}` : '';
  return lines.slice(0, maxLinks).join('\n') + more;
}

function lineOf(request: TemplateRequest): number {
  return rangeOfNode(request.literal).start.line;
}

/** Token paths of the apps that talk to the project's Convex folders (the project's own app, or its monorepo peers). */
function clientAuth(input: HoverInput): ConvexClientAuth {
  const apps = convexPeersOf(input.project, input.workspace).apps;
  return readConvexClientAuth(
    apps.map((app) => app.sourceFiles),
    input,
  );
}

/**
 * Whether the position is on a string that can name a template: the value of a `template:`
 * property, or a top-level const's (`getToken({ template: TEMPLATE })`), in a file that calls
 * `getToken`. Descends only into the node that holds the position.
 */
function templateCandidateAt(source: ts.SourceFile, input: HoverInput): boolean {
  const { line, character } = input.position;
  if (!source.text.includes('getToken') || line >= source.getLineStarts().length) return false;
  const offset = Math.min(source.getLineStarts()[line] + character, source.getEnd());
  let node: ts.Node | undefined = source;
  while (node) {
    if (ts.isStringLiteralLike(node)) {
      const parent = node.parent;
      return (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && parent.name.text === 'template') || ts.isVariableDeclaration(parent);
    }
    node = ts.forEachChild(node, (child) => (child.getStart(source) <= offset && offset <= child.getEnd() ? child : undefined));
  }
  return false;
}
