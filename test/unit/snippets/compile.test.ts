/**
 * Issue 4's proof: every snippet, expanded with its defaults, type-checks in a Next.js 16 + Convex
 * app against the pinned real packages (test/snippet-project, installed by
 * scripts/setup-snippet-project.sh).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { expandSnippet } from '../../helpers/snippetSyntax';
import { createExpandedProject, loadSnippets, snippetProjectDir, snippetProjectModules, targetFile, variablesFor } from './catalog';

interface CompilerError {
  file: string;
  text: string;
}

/** Runs the scratch project's own `tsc --noEmit` and returns its errors. */
function typeCheck(projectDir: string): CompilerError[] {
  const tsc = path.join(snippetProjectModules, 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', projectDir], {
    cwd: projectDir,
    encoding: 'utf8',
  });
  const errors = result.stdout
    .split('\n')
    .map((line) => /^(.+?)\(\d+,\d+\): error /.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ file: match[1], text: match.input }));
  if (result.status !== 0 && errors.length === 0) {
    throw new Error(`tsc failed without diagnostics: ${result.stdout}${result.stderr}`);
  }
  return errors;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe('snippets compile against the pinned SDKs', function () {
  // The first run installs the scratch project's packages from the registry.
  this.timeout(300_000);

  const snippets = loadSnippets();
  let project: { dir: string; files: Map<string, string> };

  before(() => {
    project = createExpandedProject(snippets);
  });

  after(() => {
    if (project) fs.rmSync(project.dir, { recursive: true, force: true });
  });

  it('writes every snippet into its own file', () => {
    const files = [...project.files.values()];
    assert.equal(files.length, snippets.length);
    assert.equal(new Set(files).size, files.length, 'two snippets claim the same file');
  });

  it('has a checked-in convex/_generated stub equal to what `convex codegen` writes for the snippets', () => {
    // `--system-udfs` is the CLI's codegen path that needs no deployment.
    const convexCli = path.join(snippetProjectModules, 'convex', 'bin', 'main.js');
    const result = spawnSync(process.execPath, [convexCli, 'codegen', '--system-udfs', '--typecheck', 'disable'], {
      cwd: project.dir,
      encoding: 'utf8',
      env: { ...process.env, CONVEX_DEPLOYMENT: '', CONVEX_DEPLOY_KEY: '' },
    });
    assert.equal(result.status, 0, `convex codegen failed: ${result.stdout}${result.stderr}`);
    const generated = path.join(project.dir, 'convex', '_generated');
    const checkedIn = path.join(snippetProjectDir, 'convex', '_generated');
    if (process.env.UPDATE_SNIPPET_STUB === '1') {
      fs.rmSync(checkedIn, { recursive: true, force: true });
      fs.cpSync(generated, checkedIn, { recursive: true });
    }
    assert.deepEqual(listFiles(generated), listFiles(checkedIn));
    for (const name of listFiles(generated)) {
      assert.equal(
        fs.readFileSync(path.join(checkedIn, name), 'utf8'),
        fs.readFileSync(path.join(generated, name), 'utf8'),
        `convex/_generated/${name} is stale: rerun this test with UPDATE_SNIPPET_STUB=1`,
      );
    }
  });

  it("type-checks every expanded snippet with the project's tsc --noEmit", () => {
    const errors = typeCheck(project.dir);
    const snippetOf = new Map([...project.files].map(([name, file]) => [file, name]));
    const report = errors.map((error) => `[${snippetOf.get(error.file) ?? 'project'}] ${error.text}`).join('\n');
    assert.deepEqual(report, '', `snippets do not compile:\n${report}`);
  });

  it('catches code written against a removed API (the check can fail)', () => {
    const broken = path.join(project.dir, 'app', 'legacy', 'page.tsx');
    fs.mkdirSync(path.dirname(broken), { recursive: true });
    fs.writeFileSync(broken, "import { authMiddleware } from '@clerk/nextjs/server'\nexport default authMiddleware()\n");
    try {
      const errors = typeCheck(project.dir);
      assert.deepEqual(
        errors.map((error) => error.file),
        ['app/legacy/page.tsx'],
      );
      assert.match(errors[0].text, /authMiddleware/);
    } finally {
      fs.rmSync(path.dirname(broken), { recursive: true });
    }
  });

  describe('snippets contributed to JavaScript', () => {
    /** TypeScript's own "only in TypeScript files" errors (TS8xxx) for the snippet parsed as a .js file. */
    function typeScriptOnlySyntax(name: string): string[] {
      const snippet = snippets.find((s) => s.name === name);
      assert.ok(snippet, name);
      const jsFile = targetFile(snippet)!.replace(/\.tsx?$/, '.js');
      const text = expandSnippet(snippet.body, variablesFor(project.dir, jsFile));
      const fileName = path.join(project.dir, 'js-check', jsFile);
      const options: ts.CompilerOptions = { allowJs: true, noEmit: true, noResolve: true, noLib: true, jsx: ts.JsxEmit.Preserve };
      const host = ts.createCompilerHost(options);
      const readFile = host.readFile;
      host.readFile = (file) => (file === fileName ? text : readFile(file));
      host.fileExists = (file) => file === fileName;
      const program = ts.createProgram({ rootNames: [fileName], options, host });
      return program.getSyntacticDiagnostics().map((d) => `${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }

    it('use no TypeScript-only syntax', () => {
      const jsSnippets = snippets.filter((s) => s.languages.includes('javascript'));
      assert.ok(jsSnippets.length > 0);
      for (const snippet of jsSnippets) {
        assert.deepEqual(typeScriptOnlySyntax(snippet.name), [], snippet.name);
      }
    });

    it('exclude every snippet that has TypeScript-only syntax (the check can fail)', () => {
      const tsOnly = snippets.filter((s) => s.languages.includes('typescript') && !s.languages.includes('javascript'));
      assert.ok(tsOnly.length > 0);
      for (const snippet of tsOnly) {
        assert.notDeepEqual(typeScriptOnlySyntax(snippet.name), [], `${snippet.name} could be contributed to JavaScript too`);
      }
    });
  });
});
