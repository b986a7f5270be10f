// No Clerk SDK client at run time: `createClerkClient` starts a telemetry collector, and the SDK's
// requests can be neither cancelled nor kept from following redirects. The webhooks clients use
// `src/core/webhooks/http.ts`; `@clerk/backend` may appear in type-only imports.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../../helpers/paths';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Value imports of `@clerk/backend` (any entry point) in one file. */
function clerkBackendValueImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  return source.statements.flatMap((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) return [];
    if (!statement.moduleSpecifier.text.startsWith('@clerk/backend')) return [];
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) return [];
    const bindings = clause.namedBindings;
    const namedValues = bindings && ts.isNamedImports(bindings) ? bindings.elements.filter((element) => !element.isTypeOnly) : [];
    const hasValue = clause.name !== undefined || (bindings !== undefined && ts.isNamespaceImport(bindings)) || namedValues.length > 0;
    return hasValue ? [`${path.relative(repoRoot, file)}: ${statement.moduleSpecifier.text}`] : [];
  });
}

describe('no @clerk/backend client at run time', () => {
  it('src imports nothing but types from @clerk/backend, so no client or telemetry collector is created', () => {
    const imports = sourceFiles(path.join(repoRoot, 'src')).flatMap(clerkBackendValueImports);
    assert.deepEqual(imports, []);
  });
});
