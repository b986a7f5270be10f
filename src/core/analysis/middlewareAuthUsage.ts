/** Calls that need `clerkMiddleware()` to have run: `auth()`, `auth.protect()`, `currentUser()` from `@clerk/nextjs/server`. */
import * as ts from 'typescript';
import type { Range } from '../model';
import { getImports, unwrapExpression } from '../parse/facts';
import { factOf, treeFact, type FileReader } from '../parse/fileFacts';
import { rangeOfNode } from '../parse/sourceFile';

const authFunctions = new Set(['auth', 'currentUser']);

export interface AuthUsage {
  file: string;
  /** Where the call is. */
  range: Range;
}

/** The range of a module's first such call, kept per file content: an edit walks the edited file alone. */
const firstAuthCall = treeFact<Range | undefined>({
  compute(text, source) {
    const sourceFile = text.includes('@clerk/nextjs/server') ? source() : undefined;
    if (!sourceFile) return undefined;
    const names = new Set(
      getImports(sourceFile)
        .filter((binding) => binding.module === '@clerk/nextjs/server' && !binding.typeOnly && authFunctions.has(binding.importedName))
        .map((binding) => binding.localName),
    );
    const call = names.size === 0 ? undefined : firstCall(sourceFile, names);
    return call && rangeOfNode(call, sourceFile);
  },
});

/** The first call of each module (other functions named `auth` do not count). */
export function authUsagesIn(reader: FileReader, files: readonly string[]): AuthUsage[] {
  const usages: AuthUsage[] = [];
  for (const file of files) {
    const range = factOf(reader, firstAuthCall, file);
    if (range) usages.push({ file, range });
  }
  return usages;
}

function firstCall(sourceFile: ts.SourceFile, names: Set<string>): ts.CallExpression | undefined {
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      const callee = unwrapExpression(node.expression);
      const base = ts.isPropertyAccessExpression(callee) && callee.name.text === 'protect' ? unwrapExpression(callee.expression) : callee;
      if (ts.isIdentifier(base) && names.has(base.text)) {
        found = node;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
