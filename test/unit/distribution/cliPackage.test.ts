import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { pathToUri } from '../../../src/core/uris';
import { fixture, repoRoot } from '../../helpers/paths';

/**
 * The `clerk-toolkit` npm package (packages/cli), as a project that has never seen this repository
 * gets it: packed by npm, installed from the tarball into an empty project with no registry access,
 * and run through npx. The bundles come from the unit tier's build (`node esbuild.config.mjs`).
 */

const packageDir = path.join(repoRoot, 'packages', 'cli');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
interface Manifest {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: { node: string };
  repository: { url: string; directory?: string };
  dependencies?: Record<string, string>;
}
const cliManifest = readJson<Manifest>(path.join(packageDir, 'package.json'));
const extensionManifest = readJson<Manifest>(path.join(repoRoot, 'package.json'));

/** npm or npx in `cwd`, without the npm_* variables of an `npm test` around this run. */
function npm(command: 'npm' | 'npx', args: string[], cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('distribution: the clerk-toolkit npm package', function () {
  this.timeout(180_000);

  it('ships the bin script, the CLI bundle with its subcommands and analysis thread, README, LICENSE and package.json: no sources, maps or tests', () => {
    const { code, stdout, stderr } = npm('npm', ['pack', '--dry-run', '--json'], packageDir);
    assert.equal(code, 0, stderr);
    const [packed] = JSON.parse(stdout) as { name: string; version: string; files: { path: string; mode: number }[] }[];
    assert.deepEqual([packed.name, packed.version], ['clerk-toolkit', extensionManifest.version]);
    assert.deepEqual(packed.files.map((file) => file.path).sort(), [
      'LICENSE',
      'README.md',
      'bin/clerk-toolkit.js',
      'dist/analysisWorker.js',
      'dist/cli-check.js',
      'dist/cli-lsp.js',
      'dist/cli-webhooks.js',
      'dist/cli.js',
      'package.json',
    ]);
    assert.deepEqual(cliManifest.bin, { 'clerk-toolkit': 'bin/clerk-toolkit.js' });
    assert.equal(cliManifest.dependencies, undefined, 'everything is bundled');
  });

  it("carries the extension's version, Node engine, license text and repository", () => {
    assert.equal(cliManifest.version, extensionManifest.version);
    assert.equal(cliManifest.engines.node, extensionManifest.engines.node);
    assert.equal(cliManifest.license, extensionManifest.license);
    assert.equal(fs.readFileSync(path.join(packageDir, 'LICENSE'), 'utf8'), fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'));
    assert.equal(cliManifest.repository.url.replace(/^git\+/, ''), extensionManifest.repository.url);
    assert.equal(cliManifest.repository.directory, 'packages/cli');
  });

  describe('installed from its tarball into an empty project, offline', () => {
    let scratch: string;
    let project: string;

    before(() => {
      scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-cli-package-')));
      const packed = npm('npm', ['pack', '--pack-destination', scratch, '--json'], packageDir);
      assert.equal(packed.code, 0, packed.stderr);
      const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
      project = path.join(scratch, 'project');
      fs.mkdirSync(project);
      fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'project', private: true }));
      const installed = npm('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(scratch, filename)], project);
      assert.equal(installed.code, 0, installed.stderr);
      fs.cpSync(fixture('cli-broken'), path.join(project, 'app'), { recursive: true });
    });

    after(() => fs.rmSync(scratch, { recursive: true, force: true }));

    it("npx clerk-toolkit check reports the fixture's mistakes and exits 1", () => {
      const { code, stdout, stderr } = npm('npx', ['--offline', 'clerk-toolkit', 'check', 'app', '--format', 'json'], project);
      assert.equal(code, 1, stderr);
      const findings = JSON.parse(stdout) as { ruleId: string; file: string }[];
      assert.deepEqual(findings.map((finding) => `${finding.file} ${finding.ruleId}`).sort(), [
        '.env.local key-instance-mismatch',
        'app/api/webhooks/clerk/route.ts webhook-event-type',
        'convex/auth.config.ts convex-jwt-template-mismatch',
        'convex/auth.config.ts key-instance-mismatch',
      ]);
    });

    it('reports the version of the package: --version, and the tool version in SARIF', () => {
      const { code, stdout, stderr } = npm('npx', ['--offline', 'clerk-toolkit', '--version'], project);
      assert.equal(code, 0, stderr);
      assert.equal(stdout.trim(), cliManifest.version);
      const sarif = npm('npx', ['--offline', 'clerk-toolkit', 'check', 'app', '--format', 'sarif'], project);
      const report = JSON.parse(sarif.stdout) as { runs: { tool: { driver: { version?: string } } }[] };
      assert.equal(report.runs[0].tool.driver.version, cliManifest.version);
    });

    it('clerk-toolkit lsp --stdio publishes diagnostics, from the analysis thread shipped next to the bundle', async () => {
      const bin = path.join(project, 'node_modules', '.bin', 'clerk-toolkit');
      const app = path.join(project, 'app');
      const server = spawn(process.execPath, [bin, 'lsp', '--stdio'], { cwd: app, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
      try {
        connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
        const envFile = pathToUri(path.join(app, '.env.local'));
        const published = new Promise<PublishDiagnosticsParams>((resolve) =>
          connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            if (params.uri === envFile && params.diagnostics.length > 0) resolve(params);
          }),
        );
        connection.listen();
        await connection.sendRequest('initialize', {
          processId: process.pid,
          rootUri: pathToUri(app),
          workspaceFolders: [{ uri: pathToUri(app), name: 'app' }],
          capabilities: { workspace: { configuration: true, workspaceFolders: true } },
        });
        await connection.sendNotification('initialized', {});
        // A server that never gets its analysis thread keeps running without publishing anything.
        const failed = new Promise<never>((_resolve, reject) => {
          server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
          setTimeout(() => reject(new Error(`no diagnostics for .env.local within 60 s: ${stderr}`)), 60_000).unref();
        });
        const { diagnostics } = await Promise.race([published, failed]);
        assert.deepEqual(
          diagnostics.map((diagnostic) => diagnostic.code),
          ['key-instance-mismatch'],
          stderr,
        );
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } finally {
        connection.dispose();
        if (server.exitCode === null) server.kill();
      }
    });
  });
});
