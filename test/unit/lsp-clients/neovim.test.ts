import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixture, repoRoot } from '../../helpers/paths';

/**
 * `clerk-toolkit lsp --stdio` driven by a real editor that is not VS Code: Debian 12's Neovim 0.7.2
 * (installed by scripts/setup-code-server.sh), through its built-in LSP client. The Lua side is
 * neovim-client.lua; it writes what Neovim shows to a JSON file that this test asserts on.
 * A missing `nvim` fails the test: CI installs it, so a skip would only hide a broken setup.
 */

interface NvimDiagnostic {
  code?: string;
  source?: string;
  severity: number;
  line: number;
  column: number;
  message: string;
}

interface NvimResult {
  steps: Array<{ name: string; ok: boolean; diagnostics: NvimDiagnostic[] }>;
  exit?: { code: number; signal: number };
  error?: string;
}

const cli = path.join(repoRoot, 'dist', 'cli.js');
const luaScript = path.join(repoRoot, 'test', 'unit', 'lsp-clients', 'neovim-client.lua');
const ruleId = 'clerk-api-deprecated';
// @clerk/nextjs 6 made auth() async; the fixture declares ^6.34.0. Line 4, `auth()` at column 22.
const syncAuthRoute = `import { auth } from '@clerk/nextjs/server';

export async function GET() {
  const { userId } = auth();
  if (!userId) return new Response('Unauthorized', { status: 401 });
  return Response.json({ userId });
}
`;
const nvimSeverityError = 1;
const stepTimeoutMs = 20_000;

function nvimVersion(): string {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    assert.fail(`nvim is not installed (${probe.error?.message ?? probe.stderr}); run scripts/setup-code-server.sh, which installs Debian's neovim`);
  }
  return probe.stdout.split('\n')[0];
}

function runNvim(env: Record<string, string>, home: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // XDG_* point into the scratch folder: no user config is loaded and lsp.log lands there.
    const xdg = {
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_STATE_HOME: path.join(home, 'state'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
    };
    const child = spawn('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${luaScript}`], {
      cwd: env.CLERK_NVIM_ROOT,
      env: { ...process.env, ...xdg, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const killer = setTimeout(() => child.kill('SIGKILL'), 5 * stepTimeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    });
  });
}

function readIfExists(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

describe('Neovim 0.7 as a client of clerk-toolkit lsp --stdio', function () {
  this.timeout(6 * stepTimeoutMs);
  let scratch: string;

  beforeEach(() => {
    scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-nvim-')));
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('shows the finding of an opened file, re-checks after each edit and shuts the server down cleanly', async () => {
    const version = nvimVersion();
    assert.ok(fs.existsSync(cli), `${cli} is missing: run node esbuild.config.mjs first`);
    const project = path.join(scratch, 'app');
    fs.cpSync(fixture('next15-middleware'), project, { recursive: true });
    const route = path.join(project, 'src', 'app', 'api', 'me', 'route.ts');
    fs.writeFileSync(route, syncAuthRoute);
    const resultFile = path.join(scratch, 'result.json');

    const run = await runNvim(
      {
        CLERK_NVIM_NODE: process.execPath,
        CLERK_NVIM_CLI: cli,
        CLERK_NVIM_ROOT: project,
        CLERK_NVIM_FILE: route,
        CLERK_NVIM_RULE: ruleId,
        CLERK_NVIM_EDIT_LINE: '4',
        CLERK_NVIM_EDIT_COLUMN: '22',
        CLERK_NVIM_EDIT_TEXT: 'await ',
        CLERK_NVIM_TIMEOUT_MS: String(stepTimeoutMs),
        CLERK_NVIM_RESULT: resultFile,
      },
      scratch,
    );
    const context = `${version}, nvim exit ${run.code}\nstderr: ${run.stderr}\nlsp.log:\n${readIfExists(path.join(scratch, 'cache', 'nvim', 'lsp.log')).slice(-4000)}`;
    assert.ok(fs.existsSync(resultFile), `Neovim wrote no result\n${context}`);
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as NvimResult;
    assert.equal(result.error, undefined, `${result.error}\n${context}`);
    assert.equal(run.code, 0, context);

    assert.deepEqual(
      result.steps.map((step) => [step.name, step.ok]),
      [
        ['opened', true],
        ['fixed', true],
        ['broken again', true],
      ],
    );
    const [opened, fixed, brokenAgain] = result.steps;
    for (const step of [opened, brokenAgain]) {
      const finding = step.diagnostics.find((diagnostic) => diagnostic.code === ruleId);
      assert.ok(finding, `${step.name}: ${JSON.stringify(step.diagnostics)}`);
      assert.equal(finding.severity, nvimSeverityError, step.name);
      assert.deepEqual([finding.line, finding.column], [4, 22], step.name);
      assert.match(finding.message, /^auth\(\) returns a promise since @clerk\/nextjs 6 \(installed: 6\.34\.0\)/, step.name);
    }
    assert.deepEqual(fixed.diagnostics, []);
    // Exit code 0 means the server received `shutdown` before `exit` (LSP spec); a kill has a signal.
    assert.deepEqual(result.exit, { code: 0, signal: 0 });
  });
});
