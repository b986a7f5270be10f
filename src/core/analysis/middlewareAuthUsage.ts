/** Calls that need `clerkMiddleware()` to have run: `auth()`, `auth.protect()`, `currentUser()` from `@clerk/nextjs/server`. */
import * as ts from 'typescript';
import { getImports, unwrapExpression } from '../parse/facts';
import { mentionsAny } from '../parse/sourceFile';
import type { RuleContext } from '../model';

const authFunctions = new Set(['auth', 'currentUser']);

export interface AuthUsage {
  file: string;
  call: ts.CallExpression;
}

/** The first such call of each module (other functions named `auth` do not count). */
export function authUsagesIn(ctx: RuleContext, files: readonly string[]): AuthUsage[] {
  const usages: AuthUsage[] = [];
  for (const file of files) {
    const sourceFile = mentionsAny(ctx.readFile(file), ['@clerk/nextjs/server']) ? ctx.source(file) : undefined;
    if (!sourceFile) continue;
    const names = new Set(
      getImports(sourceFile)
        .filter((binding) => binding.module === '@clerk/nextjs/server' && !binding.typeOnly && authFunctions.has(binding.importedName))
        .map((binding) => binding.localName),
    );
    if (names.size === 0) continue;
    const call = firstCall(sourceFile, names);
    if (call) usages.push({ file, call });
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
