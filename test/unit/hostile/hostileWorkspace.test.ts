import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisSession } from '../../../src/core/engine';
import { maxExpandedLength } from '../../../src/core/env/envFile';
import { maxEnvFileLength } from '../../../src/core/env/appEnv';
import { maxSourceFileLength } from '../../../src/core/project/discover';
import { createNodeHost } from '../../../src/core/project/fileHost';
import { repoRoot } from '../../helpers/paths';
import { app, outsideSecret } from './hostileApp';
import { recordingCheck, type ChildCheck } from './recordingCheck';

/**
 * Issue 8 item 4, end to end through the engine on real folders: a workspace built to hang, grow,
 * crash or leak the analysis is checked within a budget, reads nothing outside its folder, and says
 * in one line per file what it left out.
 */

const made: string[] = [];

/** A fresh folder with `files` (relative path → text) and `links` (relative path → target). */
function folder(files: Record<string, string>, links: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-hostile-')));
  made.push(root);
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  for (const [relative, target] of Object.entries(links)) fs.symlinkSync(target, path.join(root, relative));
  return root;
}

/** The check of a folder in a child process, failed when it exceeds `budgetMs` (a hang must fail the test, not freeze the run). */
function checkWithin(dir: string, budgetMs: number): ChildCheck {
  const script = path.join(repoRoot, 'out', 'test', 'unit', 'hostile', 'recordingCheck.js');
  const child = spawnSync(process.execPath, [script, dir], { encoding: 'utf8', timeout: budgetMs + 5000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(child.error, undefined, `the check did not end within ${budgetMs + 5000} ms`);
  assert.equal(child.status, 0, child.stderr);
  const result = JSON.parse(child.stdout) as ChildCheck;
  assert.ok(result.ms < budgetMs, `the check took ${result.ms} ms (budget ${budgetMs} ms)`);
  return result;
}

describe('hostile workspaces (issue 8 item 4): checked within budgets, end to end', function () {
  this.timeout(60_000);
  let baseline: ChildCheck;

  before(() => {
    baseline = recordingCheck(folder(app));
    assert.deepEqual(baseline.notes, []);
  });

  after(() => {
    for (const root of made.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });

  it('two links `app/a -> .` and `app/b -> .` do not grow the walk: the same findings, no path through a link', () => {
    const result = checkWithin(folder(app, { 'app/a': '.', 'app/b': '.' }), 10_000);
    assert.deepEqual(result.findings, baseline.findings);
    assert.deepEqual(result.notes, []);
  });

  it('a folder reached through a link and by its own path keeps its own path (whatever the listing order)', () => {
    const backend = {
      'packages/backend/package.json': JSON.stringify({ name: 'backend', dependencies: { convex: '1.31.7' } }),
      'packages/backend/convex/users.ts': 'export const x = 1;\n',
    };
    const web = Object.fromEntries(Object.entries(app).map(([file, text]) => [`apps/web/${file}`, text]));
    const dir = folder({ ...web, ...backend }, { 'apps/web/backend': '../../packages/backend' });
    const session = new AnalysisSession({ roots: [dir], host: createNodeHost() });
    assert.deepEqual(
      session
        .getWorkspace()
        .projects.map((project) => project.root.slice(dir.length + 1))
        .sort(),
      ['apps/web', 'packages/backend'],
    );
  });

  it('a link loop created after the first walk (`app/api/c -> ..`) is not walked either', () => {
    const dir = folder(app);
    const session = new AnalysisSession({ roots: [dir], host: createNodeHost() });
    const sourceFiles = () => session.getWorkspace().nextApps[0].sourceFiles.map((file) => file.slice(dir.length + 1));
    const before = sourceFiles();
    fs.symlinkSync('..', path.join(dir, 'app', 'api', 'c'));
    session.fileCreated(path.join(dir, 'app', 'api', 'c'));
    assert.deepEqual(sourceFiles(), before);
  });

  it('a file that appears after the walk is read, and one replaced by a link outside then reads as absent (once the session is told)', () => {
    // The walk's listings answer "absent" and real paths without asking the disk again: they must not outlive a change.
    const { ['.env.local']: ownEnv, ...rest } = app;
    const dir = folder(rest);
    const env = path.join(dir, '.env.local');
    const session = new AnalysisSession({ roots: [dir], host: createNodeHost() });
    const envMissing = () =>
      [...session.analyze().values()]
        .flat()
        .filter((finding) => finding.ruleId === 'env-missing')
        .map((finding) => finding.message);
    const withoutFile = envMissing();
    assert.ok(withoutFile.length > 0, 'without .env.local the keys are missing');
    const complete = `${ownEnv}CLERK_WEBHOOK_SIGNING_SECRET=whsec_dGVzdC1zaWduaW5nLXNlY3JldA==\n`;
    fs.writeFileSync(env, complete);
    session.fileCreated(env);
    assert.deepEqual(envMissing(), [], 'the created .env.local was not read');
    const elsewhere = folder({ '.env': complete });
    fs.rmSync(env);
    fs.symlinkSync(path.join(elsewhere, '.env'), env);
    session.fileChanged(env);
    assert.deepEqual(envMissing(), withoutFile, 'a .env.local linked outside must read as absent');
  });

  it('a FIFO named `.env.local` does not block the analysis (only regular files are read)', () => {
    const { ['.env.local']: _ownEnv, ...rest } = app;
    const dir = folder(rest);
    const fifo = spawnSync('mkfifo', [path.join(dir, '.env.local')]);
    assert.equal(fifo.status, 0, String(fifo.stderr));
    checkWithin(dir, 10_000);
  });

  it('a link out of the workspace (`app/lib -> /elsewhere`) is not scanned: its secret is not reported, nothing there is read, one note', () => {
    const elsewhere = folder({ 'keys.ts': `export const key = '${outsideSecret}';\n` });
    const dir = folder(app, { 'app/lib': elsewhere });
    const result = recordingCheck(dir);
    assert.deepEqual(result.findings, baseline.findings);
    assert.deepEqual(
      result.reads.filter((read) => read.startsWith(elsewhere)),
      [],
    );
    assert.deepEqual(result.notes, ['app/lib: not read: it is a link to a path outside the workspace folder']);
  });

  it('a `.env.local` linked to a file outside is not parsed, and says so', () => {
    const elsewhere = folder({ '.env': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k\nNEXT_PUBLIC_LEAK=${outsideSecret}\n` });
    const { ['.env.local']: _ownEnv, ...rest } = app;
    const dir = folder(rest, { '.env.local': path.join(elsewhere, '.env') });
    const result = recordingCheck(dir);
    assert.ok(!result.findings.some((finding) => finding.startsWith('secret-exposed')), result.findings.join('\n'));
    assert.deepEqual(
      result.reads.filter((read) => read.startsWith(elsewhere)),
      [],
    );
    assert.deepEqual(result.notes, ['.env.local: not read: it is a link to a path outside the workspace folder']);
  });

  it('a matcher with nested quantifiers (`/((?:[^z]*)*z)`) is not run on the backtracking engine', () => {
    const proxy = `${app['proxy.ts']}\nexport const config = { matcher: ['/((?:[^z]*)*z)', '/(api|trpc)(.*)'] };\n`;
    const result = checkWithin(folder({ ...app, 'proxy.ts': proxy }), 10_000);
    assert.deepEqual(result.notes, []);
  });

  it('a `.gitignore` line with many wildcards (`a*a*a*a*a*a*a*a*a*a*a*b`) is not applied, with a note; the other lines are', () => {
    const longName = 'a'.repeat(200);
    const files = { ...app, '.gitignore': 'a*a*a*a*a*a*a*a*a*a*a*b\nignored/\n', [`${longName}/${longName}.ts`]: `export const key = '${outsideSecret}';\n` };
    const result = checkWithin(folder({ ...files, 'ignored/page.tsx': `export const key = '${outsideSecret}';\n` }), 10_000);
    assert.deepEqual(result.notes, ['.gitignore: lines not applied (not valid patterns, more than 3 wildcards, or beyond line 1000): 1']);
    // The long-named folder is walked (its secret reported); `ignored/` is skipped.
    assert.deepEqual(
      result.findings.filter((finding) => finding.startsWith('secret-exposed')),
      [`secret-exposed ${longName}/${longName}.ts`],
    );
  });

  it('a `.gitignore` line that `ignore` cannot compile (`a\\\\\\`) costs that line only', () => {
    const dir = folder({ ...app, '.gitignore': 'a\\\\\\\nignored/\n', 'ignored/page.tsx': `export const key = '${outsideSecret}';\n` });
    const result = recordingCheck(dir);
    assert.deepEqual(result.findings, baseline.findings);
    assert.deepEqual(result.notes, ['.gitignore: lines not applied (not valid patterns, more than 3 wildcards, or beyond line 1000): 1']);
  });

  it('a source file over the size cap is left out with one note; the rest is analysed', () => {
    const huge = `export const key = '${outsideSecret}';\n${'// padding padding padding padding padding padding padding padding\n'.repeat(maxSourceFileLength / 64)}`;
    const result = recordingCheck(folder({ ...app, 'app/generated.ts': huge }));
    assert.deepEqual(result.findings, baseline.findings);
    assert.deepEqual(result.notes, ['app/generated.ts: not analyzed: larger than 2 MiB (generated or minified code?)']);
  });

  it('an env file over the size cap is not loaded, with one note', () => {
    const huge = `${app['.env.local']}NEXT_PUBLIC_LEAK=${outsideSecret}\n${'# padding padding padding padding padding padding padding padding\n'.repeat(maxEnvFileLength / 64)}`;
    const result = recordingCheck(folder({ ...app, '.env.development.local': huge }));
    assert.ok(!result.findings.some((finding) => finding.startsWith('secret-exposed')), result.findings.join('\n'));
    assert.deepEqual(result.notes, ['.env.development.local: not loaded: larger than 1 MiB, so its variables count as unset']);
  });

  it('40 doubling `${A}${A}` lines in .env.local stay linear and capped: one note, within budget', () => {
    const doubling = ['A0=xxxxxxxx', ...Array.from({ length: 40 }, (_, i) => `A${i + 1}=\${A${i}}\${A${i}}`)].join('\n');
    const result = recordingCheck(folder({ ...app, '.env.local': `${app['.env.local']}${doubling}\n` }));
    assert.ok(result.ms < 5000, `${result.ms} ms`);
    assert.deepEqual(result.findings, baseline.findings);
    assert.equal(result.notes.length, 1);
    assert.match(
      result.notes[0],
      new RegExp(`^\\.env\\.local: values that expand to more than ${maxExpandedLength / 1024} KiB are analyzed up to that length: A14, `),
    );
  });

  it('a package.json with `"next": 15` and other fields of the wrong type is analysed without a failure', () => {
    const pkg = { name: 7, private: 'yes', dependencies: { next: 15, '@clerk/nextjs': ['6'] }, devDependencies: 'x', scripts: { dev: 1 } };
    const result = recordingCheck(folder({ ...app, 'package.json': JSON.stringify(pkg) }));
    assert.deepEqual(result.notes, []);
  });

  it('a tsconfig.json and convex.json with fields of the wrong type cost nothing', () => {
    const tsconfig = { compilerOptions: { baseUrl: 5, paths: { '~/*': 'src/*', '@/*': [7, './*'], 'x/*': null } } };
    const files = { ...app, 'tsconfig.json': JSON.stringify(tsconfig), 'convex.json': '{ "functions": 12 }', 'convex/users.ts': 'export const x = 1;\n' };
    const result = recordingCheck(
      folder({ ...files, 'app/page.tsx': "import { x } from '@/convex/users';\nexport default function Page() {\n  return <p>{x}</p>;\n}\n" }),
    );
    assert.deepEqual(result.notes, []);
  });
});
