import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../helpers/paths';

/** src/core must stay editor-free so the CLI and unit tests can load it without VS Code. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('src/core purity', () => {
  it('no file under src/core or src/cli imports vscode', () => {
    const offenders = [...tsFiles(path.join(repoRoot, 'src/core')), ...tsFiles(path.join(repoRoot, 'src/cli'))]
      .filter((file) => importsOf(file).includes('vscode'))
      .map((file) => path.relative(repoRoot, file));
    assert.deepEqual(offenders, []);
  });

  it('detects a vscode import when one is present', () => {
    const tmp = path.join(require('node:os').tmpdir(), `purity-${process.pid}.ts`);
    fs.writeFileSync(tmp, "import * as vscode from 'vscode';\nconst x = require('vscode');\n");
    try {
      assert.deepEqual(importsOf(tmp), ['vscode', 'vscode']);
    } finally {
      fs.rmSync(tmp);
    }
  });
});
