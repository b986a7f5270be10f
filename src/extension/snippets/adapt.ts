import * as ts from 'typescript';
import { choiceOptionSpans, maskSnippetSyntax } from './snippetMask';

/**
 * Rewrites a snippet body to the project's style, with the TypeScript parser (on the masked body:
 * ./snippetMask.ts). Bundled as its own chunk (dist/snippetStyle.js), loaded on the first
 * `clerk-`/`convex-` completion, so activation does not load TypeScript.
 */

export interface CodeStyle {
  /** End statements with `;` (Prettier's `semi`). */
  semicolons?: boolean;
  /** Quote of string literals outside JSX attributes (Prettier's `singleQuote`). */
  quote?: 'single' | 'double';
}

/** The users table index holding the Clerk user id (`identity.subject`), from convex/schema.ts. */
export interface UsersIndex {
  index: string;
  field: string;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The index and field the snippets are written against (the convex-schema-users snippet defines them). */
const snippetUsersIndex: UsersIndex = { index: 'by_clerk_id', field: 'clerkId' };

const statementKinds = new Set([
  ts.SyntaxKind.VariableStatement,
  ts.SyntaxKind.ExpressionStatement,
  ts.SyntaxKind.ReturnStatement,
  ts.SyntaxKind.ThrowStatement,
  ts.SyntaxKind.BreakStatement,
  ts.SyntaxKind.ContinueStatement,
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportDeclaration,
  ts.SyntaxKind.ExportAssignment,
  ts.SyntaxKind.TypeAliasDeclaration,
]);

function parse(text: string, jsx: boolean): ts.SourceFile {
  return ts.createSourceFile(jsx ? 'snippet.tsx' : 'snippet.ts', text, ts.ScriptTarget.Latest, true, jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function forEachNode(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => forEachNode(child, visit));
}

/** String literals whose quotes a formatter chooses: not JSX attribute values (Prettier's `jsxSingleQuote`). */
function isCodeStringLiteral(node: ts.Node): node is ts.StringLiteral {
  return ts.isStringLiteral(node) && !ts.isJsxAttribute(node.parent);
}

/** `.withIndex('by_clerk_id', (q) => q.eq('clerkId', value))`: the two literals and the value's text. */
function usersIndexLookup(node: ts.Node, sf: ts.SourceFile): { index: ts.StringLiteral; field: ts.StringLiteral; value: string } | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'withIndex') return undefined;
  const [index, range] = node.arguments;
  if (!index || !ts.isStringLiteral(index) || index.text !== snippetUsersIndex.index || !range || !ts.isArrowFunction(range)) return undefined;
  const eq = range.body;
  if (!ts.isCallExpression(eq) || eq.arguments.length !== 2 || !ts.isStringLiteral(eq.arguments[0])) return undefined;
  return { index, field: eq.arguments[0], value: eq.arguments[1].getText(sf) };
}

function quoteEdits(start: number, end: number, body: string, quote: 'single' | 'double'): Edit[] {
  const raw = body.slice(start, end);
  const wanted = quote === 'single' ? "'" : '"';
  // Prettier keeps the other quote when the wanted one would need escaping (and so do we when unescaping would).
  if (raw[0] === wanted || raw.slice(1, -1).includes(wanted) || raw.includes(`\\${raw[0]}`)) return [];
  return [
    { start, end: start + 1, text: wanted },
    { start: end - 1, end, text: wanted },
  ];
}

/** Quote edits for the string literals in one option of a choice (`role: 'org:admin'`), found by TypeScript's scanner. */
function choiceQuoteEdits(body: string, span: { start: number; end: number }, quote: 'single' | 'double'): Edit[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, body.slice(span.start, span.end));
  const edits: Edit[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.StringLiteral) edits.push(...quoteEdits(span.start + scanner.getTokenStart(), span.start + scanner.getTokenEnd(), body, quote));
  }
  return edits;
}

/**
 * The snippet body in `style`, with the users index of `usersIndex` when every lookup of the
 * snippet's own index is by `identity.subject` (a snippet that also writes the field, like
 * convex-users, keeps its own schema: half-renamed code would not compile).
 */
export function adaptSnippetBody(body: string, options: { style: CodeStyle; usersIndex?: UsersIndex; jsx: boolean }): string {
  const sf = parse(maskSnippetSyntax(body), options.jsx);
  const edits: Edit[] = [];
  const lookups: NonNullable<ReturnType<typeof usersIndexLookup>>[] = [];
  forEachNode(sf, (node) => {
    if (options.style.semicolons && statementKinds.has(node.kind) && sf.text[node.end - 1] !== ';') edits.push({ start: node.end, end: node.end, text: ';' });
    if (options.style.quote && isCodeStringLiteral(node)) edits.push(...quoteEdits(node.getStart(sf), node.end, body, options.style.quote));
    const lookup = usersIndexLookup(node, sf);
    if (lookup) lookups.push(lookup);
  });
  const { quote } = options.style;
  if (quote) for (const span of choiceOptionSpans(body)) edits.push(...choiceQuoteEdits(body, span, quote));
  const { usersIndex } = options;
  if (usersIndex && lookups.length > 0 && lookups.every((lookup) => lookup.value === 'identity.subject')) {
    for (const { index, field } of lookups) {
      edits.push({ start: index.getStart(sf) + 1, end: index.end - 1, text: usersIndex.index });
      edits.push({ start: field.getStart(sf) + 1, end: field.end - 1, text: usersIndex.field });
    }
  }
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let result = body;
  for (const edit of edits) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

/** The style most of a file's code is written in; a field stays undefined without evidence. */
export function inferCodeStyle(text: string, jsx: boolean): CodeStyle {
  const sf = parse(text, jsx);
  let withSemicolon = 0;
  let without = 0;
  let single = 0;
  let double = 0;
  forEachNode(sf, (node) => {
    if (statementKinds.has(node.kind)) {
      if (text[node.end - 1] === ';') withSemicolon += 1;
      else without += 1;
    }
    if (isCodeStringLiteral(node)) {
      if (text[node.getStart(sf)] === "'") single += 1;
      else double += 1;
    }
  });
  return {
    semicolons: withSemicolon === without ? undefined : withSemicolon > without,
    quote: single === double ? undefined : single > double ? 'single' : 'double',
  };
}

/**
 * The index of the `users` table that holds the Clerk user id, from the text of convex/schema.ts:
 * a one-field index on a field named after Clerk, an external id or the subject (not the
 * `tokenIdentifier`, which is another value). Undefined when the schema defines none.
 */
export function usersIndexFromSchema(text: string): UsersIndex | undefined {
  const sf = parse(text, false);
  let found: UsersIndex | undefined;
  forEachNode(sf, (node) => {
    if (found || !ts.isPropertyAssignment(node) || !ts.isIdentifier(node.name) || node.name.text !== 'users') return;
    for (let call = node.initializer; ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression); call = call.expression.expression) {
      const [name, fields] = call.arguments;
      if (call.expression.name.text !== 'index' || !name || !ts.isStringLiteral(name) || !fields || !ts.isArrayLiteralExpression(fields)) continue;
      const [field] = fields.elements;
      if (fields.elements.length === 1 && ts.isStringLiteral(field) && /clerk|external|subject/i.test(field.text) && !/token/i.test(field.text)) {
        found = { index: name.text, field: field.text };
      }
    }
  });
  return found;
}
