/**
 * JSX facts the provider and component rules share: which element a tag really is (bound by its
 * import, so a local `ClerkProvider` is not Clerk's), the elements around an element, and the
 * component function an element is rendered by.
 */
import * as ts from 'typescript';
import type { ImportBinding } from '../parse/facts';
import { descendants, memoizeBySource } from '../parse/sourceFile';

export type JsxTagElement = ts.JsxElement | ts.JsxSelfClosingElement;

/** The opening (or self-closing) tag of an element: where its name and attributes are. */
export function openingOf(element: JsxTagElement): ts.JsxOpeningElement | ts.JsxSelfClosingElement {
  return ts.isJsxElement(element) ? element.openingElement : element;
}

/**
 * The import a JSX tag refers to: `<X>` for `import { X }`, `<NS.X>` for `import * as NS`.
 * The returned binding's `importedName` is the exported name (`X`).
 */
export function importOfTag(element: JsxTagElement, imports: ImportBinding[]): ImportBinding | undefined {
  const tag = openingOf(element).tagName;
  if (ts.isIdentifier(tag)) return imports.find((binding) => binding.localName === tag.text && !binding.typeOnly);
  if (ts.isPropertyAccessExpression(tag) && ts.isIdentifier(tag.expression)) {
    const namespace = tag.expression.text;
    const binding = imports.find((candidate) => candidate.localName === namespace && candidate.importedName === '*');
    return binding && { ...binding, importedName: tag.name.text };
  }
  return undefined;
}

/** Every element of the file whose tag is imported as `exportName` from a module `isModule` accepts. */
export function findImportedElements(
  sourceFile: ts.SourceFile,
  imports: ImportBinding[],
  exportNames: readonly string[],
  isModule: (module: string) => boolean,
): { element: JsxTagElement; binding: ImportBinding }[] {
  const found: { element: JsxTagElement; binding: ImportBinding }[] = [];
  // No import from the module: no element can be one of its components.
  if (!imports.some((binding) => isModule(binding.module))) return found;
  for (const element of jsxTagElements(sourceFile)) {
    const binding = importOfTag(element, imports);
    if (binding && exportNames.includes(binding.importedName) && isModule(binding.module)) found.push({ element, binding });
  }
  return found;
}

/** The file's JSX elements in document order: one walk per tree, however many rules look for components. */
const jsxTagElements = memoizeBySource((sourceFile: ts.SourceFile): JsxTagElement[] => {
  const elements: JsxTagElement[] = [];
  for (const node of descendants(sourceFile)) if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) elements.push(node);
  return elements;
});

/** The JSX elements enclosing an element, innermost first (within one file). */
export function enclosingElements(element: JsxTagElement): ts.JsxElement[] {
  const elements: ts.JsxElement[] = [];
  for (let current = element.parent; current; current = current.parent) {
    if (ts.isJsxElement(current)) elements.push(current);
  }
  return elements;
}

/** Elements nested inside an element (children at any depth), self excluded. */
export function descendantElements(element: ts.JsxElement): JsxTagElement[] {
  const found: JsxTagElement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  element.children.forEach(visit);
  return found;
}

/** A JSX attribute by name (`useAuth={…}`), or undefined. */
export function attributeOf(element: JsxTagElement, name: string): ts.JsxAttribute | undefined {
  for (const property of openingOf(element).attributes.properties) {
    if (ts.isJsxAttribute(property) && ts.isIdentifier(property.name) && property.name.text === name) return property;
  }
  return undefined;
}

/** The string a JSX attribute holds: `a="x"`, `a={'x'}`, `a={`x`}`. */
export function attributeString(attribute: ts.JsxAttribute): ts.StringLiteralLike | undefined {
  const initializer = attribute.initializer;
  if (!initializer) return undefined;
  if (ts.isStringLiteral(initializer)) return initializer;
  if (ts.isJsxExpression(initializer) && initializer.expression && ts.isStringLiteralLike(initializer.expression)) return initializer.expression;
  return undefined;
}

/** A function that renders JSX, with the name other modules import it by. */
export interface ComponentFunction {
  node: ts.FunctionLikeDeclaration;
  /** Local name (`ConvexClientProvider`), undefined for an anonymous default export. */
  name?: string;
  /** `default` for the default export, the name for a named export, undefined when not exported. */
  exportedAs?: string;
}

/** The outermost named function (or const-bound arrow) around a node: the component that renders it. */
export function enclosingComponent(node: ts.Node): ComponentFunction | undefined {
  let found: ComponentFunction | undefined;
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isFunctionDeclaration(current)) {
      found = { node: current, name: current.name?.text, exportedAs: exportNameOf(current, current.name?.text) };
    } else if (
      (ts.isArrowFunction(current) || ts.isFunctionExpression(current)) &&
      ts.isVariableDeclaration(current.parent) &&
      ts.isIdentifier(current.parent.name)
    ) {
      const statement = current.parent.parent.parent;
      const name = current.parent.name.text;
      found = { node: current, name, exportedAs: ts.isVariableStatement(statement) ? exportNameOf(statement, name) : undefined };
    }
  }
  if (found?.name && !found.exportedAs) found.exportedAs = exportedLaterAs(node.getSourceFile(), found.name);
  return found;
}

function exportNameOf(statement: ts.FunctionDeclaration | ts.VariableStatement, name: string | undefined): string | undefined {
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  if (!modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  return modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword) ? 'default' : name;
}

/** `export default Name;` or `export { Name }` / `export { Name as Other }` after the declaration. */
function exportedLaterAs(sourceFile: ts.SourceFile, name: string): string | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals && ts.isIdentifier(statement.expression) && statement.expression.text === name) {
      return 'default';
    }
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) {
        if ((element.propertyName ?? element.name).text === name) return element.name.text;
      }
    }
  }
  return undefined;
}
