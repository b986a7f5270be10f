import * as ts from 'typescript';
import { directivesOf, getImports, getModuleSpecifiers } from './facts';

/**
 * What the module graph needs of a file (client/server modules, type-only imports), without its
 * syntax tree: kept for every file of the workspace, while trees are kept for a few (`SourceCache`).
 */
export interface ModuleFacts {
  /** Value imports, re-exports, `import()` and `require()` specifiers (type-only ones left out). */
  specifiers: string[];
  directives: string[];
  imports: { module: string; importedName: string; typeOnly: boolean }[];
  /** Top-level interfaces and type aliases, and top-level values (functions, classes, enums, variables). */
  typeNames: string[];
  valueNames: string[];
}

export function computeModuleFacts(sourceFile: ts.SourceFile): ModuleFacts {
  const typeNames: string[] = [];
  const valueNames: string[] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) typeNames.push(statement.name.text);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name)
      valueNames.push(statement.name.text);
    else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) valueNames.push(declaration.name.text);
    }
  }
  return {
    specifiers: getModuleSpecifiers(sourceFile),
    directives: directivesOf(sourceFile),
    imports: getImports(sourceFile).map(({ module, importedName, typeOnly }) => ({ module, importedName, typeOnly })),
    typeNames,
    valueNames,
  };
}

/**
 * Every module specifier a file may import, found by TypeScript's scanner without building a tree
 * (`ts.preProcessFile`, about 7 times cheaper than a parse): type-only imports included, so it is
 * a superset of `ModuleFacts.specifiers`, for picking the few files whose exact facts matter.
 */
export function scanSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((reference) => reference.fileName);
}

/** Tokens that cannot continue an expression: after a line break they start a new statement (ASI). */
const statementStarts = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.ImportKeyword,
  ts.SyntaxKind.ExportKeyword,
  ts.SyntaxKind.ConstKeyword,
  ts.SyntaxKind.LetKeyword,
  ts.SyntaxKind.VarKeyword,
  ts.SyntaxKind.FunctionKeyword,
  ts.SyntaxKind.ClassKeyword,
  ts.SyntaxKind.AsyncKeyword,
  ts.SyntaxKind.InterfaceKeyword,
  ts.SyntaxKind.TypeKeyword,
  ts.SyntaxKind.EnumKeyword,
  ts.SyntaxKind.DeclareKeyword,
  ts.SyntaxKind.StringLiteral,
]);

/** Tokens that start the first statement after the prologue. */
const prologueEnds = new Set([
  ...[...statementStarts].filter((kind) => kind !== ts.SyntaxKind.StringLiteral),
  ts.SyntaxKind.OpenParenToken,
  ts.SyntaxKind.OpenBracketToken,
  ts.SyntaxKind.OpenBraceToken,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
]);

/**
 * The directive prologue (`'use client'`, `'use server'`) read with TypeScript's scanner, without
 * building a tree; the same strings as `directivesOf` on the parsed file. Undefined when the tokens
 * after a string leave doubt (`'use client'\n.length`, `'x' as const`): the caller parses then.
 */
export function scanDirectives(text: string): string[] | undefined {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const directives: string[] = [];
  let token = scanner.scan();
  while (token === ts.SyntaxKind.StringLiteral) {
    const value = scanner.getTokenValue();
    token = scanner.scan();
    if (token === ts.SyntaxKind.SemicolonToken) {
      directives.push(value);
      token = scanner.scan();
    } else if (token === ts.SyntaxKind.EndOfFileToken || (scanner.hasPrecedingLineBreak() && statementStarts.has(token))) {
      directives.push(value);
    } else return undefined;
  }
  // What ends the prologue must start a statement: after a stray `}` the parser recovers differently.
  return token === ts.SyntaxKind.EndOfFileToken || prologueEnds.has(token) ? directives : undefined;
}

/**
 * Module facts by file and text: computed once per content (exact ones from a tree the caller
 * parses or has cached, scanned ones from the text), kept after the tree is dropped. An edit
 * recomputes only the edited file's facts.
 */
export class ModuleFactsCache {
  private readonly entries = new Map<string, { text: string; facts?: ModuleFacts; parsed: boolean; specifiers?: string[]; directives?: string[] | null }>();

  get(file: string, text: string, tree: () => ts.SourceFile | undefined): ModuleFacts | undefined {
    const entry = this.entryOf(file, text);
    if (!entry.parsed) {
      const sourceFile = tree();
      entry.facts = sourceFile ? computeModuleFacts(sourceFile) : undefined;
      entry.parsed = true;
    }
    return entry.facts;
  }

  /** The directive prologue, scanned (or parsed when the scan leaves doubt). */
  directives(file: string, text: string, tree: () => ts.SourceFile | undefined): string[] | undefined {
    const entry = this.entryOf(file, text);
    if (entry.directives === undefined) entry.directives = scanDirectives(text) ?? null;
    return entry.directives ?? this.get(file, text, tree)?.directives;
  }

  scannedSpecifiers(file: string, text: string): string[] {
    const entry = this.entryOf(file, text);
    entry.specifiers ??= scanSpecifiers(text);
    return entry.specifiers;
  }

  /**
   * Whether `text` gives a file the module facts the cache holds for it (an edit inside a function
   * body leaves them alone), so that a module graph built on them still holds; the cache then holds
   * `text`'s. True for a file the cache holds nothing for: no module graph read it. Parses the
   * former text when its exact facts were never needed and its specifiers are the same.
   */
  unchangedBy(file: string, text: string, treeOf: (text: string) => ts.SourceFile | undefined): boolean {
    const entry = this.entries.get(file);
    if (!entry || entry.text === text) return true;
    const former = entry.text;
    const specifiersBefore = this.scannedSpecifiers(file, former);
    const factsBefore = this.get(file, former, () => treeOf(former));
    const specifiersAfter = this.scannedSpecifiers(file, text);
    if (JSON.stringify(specifiersBefore) !== JSON.stringify(specifiersAfter)) return false;
    return JSON.stringify(factsBefore) === JSON.stringify(this.get(file, text, () => treeOf(text)));
  }

  private entryOf(file: string, text: string) {
    let entry = this.entries.get(file);
    if (!entry || entry.text !== text) {
      entry = { text, parsed: false };
      this.entries.set(file, entry);
    }
    return entry;
  }

  delete(file: string): void {
    this.entries.delete(file);
  }
}
