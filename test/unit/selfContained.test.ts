import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../helpers/paths';

/**
 * Issue 8 item 1, the cheap static half (the other half: `npm test` runs the unit tier in a fresh
 * temporary copy of the checkout, `scripts/checkout-copy.mjs`): no test, source or script builds a
 * path from the repository root that climbs out of it (to a folder CI may lay beside the clone),
 * reads an absolute path, or reads the home folder.
 */

/** `fs` functions that read (or copy from) the path in their first argument. */
const fsReads = new Set([
  'readFileSync',
  'readFile',
  'readdirSync',
  'readdir',
  'opendirSync',
  'existsSync',
  'statSync',
  'lstatSync',
  'accessSync',
  'realpathSync',
  'openSync',
  'createReadStream',
  'copyFileSync',
  'cpSync',
]);
const pathBuilders = new Set(['join', 'resolve']);

/** Folders whose files are inputs of the analysis or installed code, not code of the project. */
const skippedFolders = new Set(['node_modules', 'fixtures', 'corpus']);

/** The `fs` function a call makes: `fs.readFileSync(…)`, `fs.promises.readFile(…)`, or an imported `readFileSync(…)` (not `host.readFile`). */
function fsFunctionOf(call: ts.CallExpression, source: ts.SourceFile): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text.endsWith('Sync') || callee.text === 'createReadStream' ? callee.text : undefined;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const receiver = callee.expression.getText(source);
  return /^(fs|fsp|fs\.promises|promises)$/.test(receiver) ? callee.name.text : undefined;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  return ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** The leading string literal of a path expression: `'/x'`, `path.join('/x', …)`, `` `/x/${y}` ``. */
function leadingLiteral(node: ts.Expression): string | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  if (ts.isCallExpression(node) && pathBuilders.has(calleeName(node) ?? '') && node.arguments[0]) return leadingLiteral(node.arguments[0]);
  return undefined;
}

const isAbsolute = (text: string) => /^(\/|[A-Za-z]:[\\/])/.test(text);

/**
 * The literal segments of `path.join(repoRoot, …)` / `path.resolve(repoRoot, …)` when they climb
 * out of the checkout (`'../notes/x.md'`, `'specs', '..', '..'`): a folder beside the clone, which
 * a user's clone does not have. Undefined otherwise, or when a segment is not a literal.
 */
function climbsOutOfRepository(call: ts.CallExpression): string | undefined {
  const [base, ...rest] = call.arguments;
  if (!pathBuilders.has(calleeName(call) ?? '') || !base || !ts.isIdentifier(base) || base.text !== 'repoRoot') return undefined;
  const segments: string[] = [];
  for (const argument of rest) {
    if (!ts.isStringLiteralLike(argument)) break;
    segments.push(argument.text);
  }
  const joined = path.posix.join('/repo', ...segments.map((segment) => segment.replace(/\\/g, '/')));
  return joined === '/repo' || joined.startsWith('/repo/') ? undefined : segments.join(', ');
}

/** Why a file may read outside the repository, one line per place (empty when it does not). */
export function readsOutside(fileName: string, text: string): string[] {
  // Only files that climb with `..`, name the home folder or hold an absolute-looking literal need a parse.
  if (!/\.\.|homedir|['"`]([A-Za-z]:)?[/\\]/.test(text)) return [];
  const kind = /\.m?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const problems: string[] = [];
  const at = (node: ts.Node, what: string) => problems.push(`${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const climbed = climbsOutOfRepository(node);
      if (climbed !== undefined) at(node, `climbs out of the repository: ${climbed}`);
      const reader = fsFunctionOf(node, source);
      const first = node.arguments[0] && leadingLiteral(node.arguments[0]);
      if (calleeName(node) === 'homedir') at(node, 'reads the home folder');
      if (reader && fsReads.has(reader) && first !== undefined && isAbsolute(first)) at(node, `reads an absolute path: ${first}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

function codeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skippedFolders.has(entry.name) || entry.name.startsWith('.') ? [] : codeFiles(full);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('self-contained: nothing reads outside the repository (issue 8 item 1)', () => {
  it('finds a path out of the checkout, an absolute read and a home-folder read, and nothing in memory-host paths or comments', () => {
    const planted = [
      "import * as fs from 'node:fs';",
      "import * as os from 'node:os';",
      '// See ../notes/docs/rules.md (a comment is no read)',
      "const spec = fs.readFileSync(path.join(repoRoot, '../notes/specs/clerk-bapi.yml'), 'utf8');",
      "const other = fs.readFileSync(path.join('/work/notes', 'x.yml'));",
      'const home = fs.existsSync(`/root/${name}`);',
      "const config = path.join(os.homedir(), '.clerk');",
      "const up = path.resolve(repoRoot, 'specs', '..', '..', 'x.yml');",
      "const own = path.join(repoRoot, 'specs', '../test/fixtures', 'app');",
      "const host = createMemoryHost({ '/ws/package.json': '{}' });",
      "const file = path.join('/ws', 'app', 'page.tsx');",
      "const text = host.readFile('/ws/app/page.tsx');",
    ].join('\n');
    assert.deepEqual(readsOutside('planted.test.ts', planted), [
      'planted.test.ts:4: climbs out of the repository: ../notes/specs/clerk-bapi.yml',
      'planted.test.ts:5: reads an absolute path: /work/notes',
      'planted.test.ts:6: reads an absolute path: /root/',
      'planted.test.ts:7: reads the home folder',
      'planted.test.ts:8: climbs out of the repository: specs, .., .., x.yml',
    ]);
  });

  it('no test, source or script file reads outside the repository', () => {
    // The language server's compile cache lives in the user's cache folder by design; this file plants examples.
    const allowed = new Set([path.join(repoRoot, 'src', 'server', 'workerBootstrap.ts'), path.join(repoRoot, 'test', 'unit', 'selfContained.test.ts')]);
    const files = ['test', 'src', 'scripts'].flatMap((dir) => codeFiles(path.join(repoRoot, dir))).filter((file) => !allowed.has(file));
    assert.ok(files.length > 100, `${files.length} files`);
    const problems = files.flatMap((file) => readsOutside(path.relative(repoRoot, file), fs.readFileSync(file, 'utf8')));
    assert.deepEqual(problems, []);
  });
});
