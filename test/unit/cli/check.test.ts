import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { analysisNotice } from '../../../src/cli/check';
import type { JsonFinding } from '../../../src/cli/format/json';
import { fixture, repoRoot } from '../../helpers/paths';
import { sarifValidator } from './sarifSchema';

/**
 * `clerk-toolkit check` as CI runs it: a child process on fixture folders. `cli-broken` is the
 * correct Next 16 + Convex fixture with four seeded mistakes: a pk_live_ key against an sk_test_
 * one (two key-instance-mismatch errors), applicationID "Convex", and the event type 'user.create'.
 */
const cli = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');
const broken = fixture('cli-broken');
const secretValue = 'sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh';

function check(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const env = { ...process.env, ...options.env };
  // The tests decide which variables the CLI sees.
  for (const name of ['CLERK_SECRET_KEY', 'CLERK_API_URL', 'NEXT_PUBLIC_CONVEX_URL']) if (!options.env?.[name]) delete env[name];
  const result = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: options.cwd ?? repoRoot, env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like `check`, without blocking the event loop (the fake Clerk API below runs in this process). */
function checkAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'check', ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The Clerk Backend API's `GET /v1/jwt_templates` on 127.0.0.1, accepting only `secretValue`. */
async function fakeClerkApi(templates: { name: string; claims: object }[]): Promise<{ url: string; requests: number; close(): Promise<void> }> {
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    res.setHeader('content-type', 'application/json');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers.authorization !== `Bearer ${secretValue}` || url.pathname !== '/v1/jwt_templates') {
      res.statusCode = 401;
      res.end(JSON.stringify({ errors: [{ message: 'Unauthorized', long_message: 'Invalid secret key', code: 'authentication_invalid' }] }));
      return;
    }
    const data = templates.map((template) => ({
      object: 'jwt_template',
      id: `jtmp_${template.name}`,
      lifetime: 60,
      allowed_clock_skew: 5,
      custom_signing_key: false,
      signing_algorithm: 'RS256',
      created_at: 1,
      updated_at: 1,
      ...template,
    }));
    res.end(JSON.stringify({ data, total_count: data.length }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function json(args: string[], options?: Parameters<typeof check>[1]): { code: number | null; findings: JsonFinding[] } {
  const result = check([...args, '--format', 'json'], options);
  return { code: result.code, findings: JSON.parse(result.stdout) as JsonFinding[] };
}

/** A scratch copy of a fixture, removed after the test. */
function scratchCopy(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `clerk-cli-${name}-`));
  fs.cpSync(fixture(name), dir, { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) });
  return dir;
}

describe('clerk-toolkit check: what a failure is called', () => {
  const display = (file: string) => file.replace('/ws/', '');
  it('a rule or a project that could not be analyzed is an internal error', () => {
    const error = new Error('boom');
    assert.deepEqual(analysisNotice({ ruleId: 'env-missing', projectRoot: '/ws/app', file: '/ws/app/page.tsx', cost: 'file', error }, display), {
      level: 'error',
      text: 'rule env-missing failed on app/page.tsx (boom); its findings in that file are missing',
    });
    assert.deepEqual(analysisNotice({ projectRoot: '/ws/app', cost: 'project', error }, display), {
      level: 'error',
      text: 'the project in app was not analyzed (boom)',
    });
  });

  it('a file left out on purpose is a note', () => {
    assert.deepEqual(
      analysisNotice({ projectRoot: '/ws/app', file: '/ws/app/huge.ts', cost: 'file', error: new Error('not analyzed: larger than 2 MiB') }, display),
      {
        level: 'note',
        text: 'app/huge.ts: not analyzed: larger than 2 MiB',
      },
    );
  });
});

describe('clerk-toolkit check (CLI)', function () {
  this.timeout(60_000);
  const scratch: string[] = [];
  afterEach(() => {
    for (const dir of scratch.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const copy = (name: string): string => {
    const dir = scratchCopy(name);
    scratch.push(dir);
    return dir;
  };

  describe('text format', () => {
    it('prints each finding as file:line:col  severity  message  [rule-id], grouped by file, then a summary; exit 1', () => {
      const { code, stdout } = check([broken]);
      assert.equal(code, 1, stdout);
      const lines = stdout.trimEnd().split('\n');
      assert.match(lines[0], /^\.env\.local:6:1 {2}error {2}.+ {2}\[key-instance-mismatch\]$/);
      assert.ok(
        lines.some((line) => /^app\/api\/webhooks\/clerk\/route\.ts:7:23 {2}warning {2}.*'user\.created'.* {2}\[webhook-event-type\]$/.test(line)),
        stdout,
      );
      assert.ok(
        lines.some((line) => /^convex\/auth\.config\.ts:7:\d+ {2}error {2}.*"Convex".* {2}\[convex-jwt-template-mismatch\]$/.test(line)),
        stdout,
      );
      // Files are separated by a blank line; the last line is the summary.
      assert.equal(lines.filter((line) => line === '').length, 3);
      assert.equal(lines.at(-1), '4 problems in 3 files: 3 errors, 1 warning, 0 info.');
    });

    it('checks the current directory by default and exits 0 on the correct fixture', () => {
      const { code, stdout } = check([], { cwd: fixture('next16-convex') });
      assert.equal(code, 0, stdout);
      assert.doesNotMatch(stdout, / {2}(error|warning) {2}/);
    });

    it('never prints a secret value', () => {
      for (const format of ['text', 'json', 'sarif']) {
        const { stdout, stderr } = check([broken, '--format', format]);
        assert.ok(!stdout.includes(secretValue) && !stderr.includes(secretValue), format);
        assert.ok(!stdout.includes('FAKEfake'), format);
      }
    });
  });

  describe('json format', () => {
    it('is an array of { ruleId, severity, file, line, column, endLine, endColumn, message }, 1-based, relative paths', () => {
      const { code, findings } = json([broken]);
      assert.equal(code, 1);
      assert.equal(findings.length, 4);
      const mismatch = findings.find((finding) => finding.ruleId === 'convex-jwt-template-mismatch');
      assert.ok(mismatch);
      assert.deepEqual(Object.keys(mismatch), ['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message']);
      assert.equal(mismatch.file, 'convex/auth.config.ts');
      assert.equal(mismatch.severity, 'error');
      assert.equal(mismatch.line, 7);
      // The squiggle covers the literal "Convex" on line 7 (1-based).
      const source = fs.readFileSync(path.join(broken, 'convex/auth.config.ts'), 'utf8').split('\n')[mismatch.line - 1];
      assert.match(source.slice(mismatch.column - 1, mismatch.endColumn - 1), /^'?Convex'?$/);
    });
  });

  describe('sarif format', () => {
    it('validates against the SARIF 2.1.0 schema and carries every rule with metadata', () => {
      const { code, stdout } = check([broken, '--format', 'sarif']);
      assert.equal(code, 1);
      const log = JSON.parse(stdout);
      const validate = sarifValidator();
      assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
      const driver = log.runs[0].tool.driver;
      assert.equal(driver.rules.length, 23);
      for (const rule of driver.rules) {
        assert.ok(rule.shortDescription.text && rule.fullDescription.text, rule.id);
        assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
      }
      assert.deepEqual(log.runs[0].results.map((result: { ruleId: string; level: string }) => `${result.ruleId}:${result.level}`).sort(), [
        'convex-jwt-template-mismatch:error',
        'key-instance-mismatch:error',
        'key-instance-mismatch:error',
        'webhook-event-type:warning',
      ]);
      assert.match(driver.version, /^\d+\.\d+\.\d+/);
    });
  });

  describe('--rule', () => {
    it('runs only the named rules (repeatable); the exit code follows what remains', () => {
      const only = json([broken, '--rule', 'webhook-event-type']);
      assert.deepEqual(
        only.findings.map((finding) => finding.ruleId),
        ['webhook-event-type'],
      );
      assert.equal(only.code, 0);
      const two = json([broken, '--rule', 'webhook-event-type', '--rule', 'convex-jwt-template-mismatch']);
      assert.deepEqual(two.findings.map((finding) => finding.ruleId).sort(), ['convex-jwt-template-mismatch', 'webhook-event-type']);
      assert.equal(two.code, 1);
    });

    it('takes a severity override as <id>=<severity>, and off', () => {
      const result = json([broken, '--rule', 'key-instance-mismatch=off', '--rule', 'convex-jwt-template-mismatch=warning']);
      assert.deepEqual(result.findings.map((finding) => `${finding.ruleId}:${finding.severity}`).sort(), [
        'convex-jwt-template-mismatch:warning',
        'webhook-event-type:warning',
      ]);
      assert.equal(result.code, 0);
    });

    it('rejects an unknown rule id with exit 2 and the list of rules', () => {
      const { code, stderr, stdout } = check([broken, '--rule', 'convex-jwt-template']);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /Unknown rule "convex-jwt-template"/);
      assert.match(stderr, /convex-jwt-template-mismatch/);
      assert.equal(check([broken, '--rule', 'webhook-event-type=fatal']).code, 2);
    });
  });

  describe('settings from .vscode/settings.json', () => {
    it('applies clerkToolkit.rules (JSON with comments): off and severity overrides', () => {
      const dir = copy('cli-broken');
      fs.mkdirSync(path.join(dir, '.vscode'));
      fs.writeFileSync(
        path.join(dir, '.vscode', 'settings.json'),
        '{\n  // the team triages these later\n  "clerkToolkit.rules": {\n    "key-instance-mismatch": "off",\n    "convex-jwt-template-mismatch": "info",\n  },\n}\n',
      );
      const result = json([dir]);
      assert.deepEqual(result.findings.map((finding) => `${finding.ruleId}:${finding.severity}`).sort(), [
        'convex-jwt-template-mismatch:info',
        'webhook-event-type:warning',
      ]);
      assert.equal(result.code, 0);
      // --rule overrides win over the settings file.
      assert.equal(json([dir, '--rule', 'convex-jwt-template-mismatch=error']).code, 1);
    });

    it('warns about entries it does not know and keeps checking', () => {
      const dir = copy('cli-broken');
      fs.mkdirSync(path.join(dir, '.vscode'));
      fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ "clerkToolkit.rules": { "no-such-rule": "off", "webhook-event-type": "loud" } }');
      const result = check([dir]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /no-such-rule/);
      assert.match(result.stderr, /webhook-event-type: "loud"/);
    });

    it('exits 2 on a settings file that does not parse', () => {
      const dir = copy('cli-broken');
      fs.mkdirSync(path.join(dir, '.vscode'));
      fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{ "clerkToolkit.rules": { ');
      assert.equal(check([dir]).code, 2);
    });
  });

  describe('--process-env', () => {
    it("counts the CLI's own environment as a source of variables", () => {
      const dir = copy('next16-convex');
      const envFile = path.join(dir, '.env.local');
      fs.writeFileSync(envFile, fs.readFileSync(envFile, 'utf8').replace(/^CLERK_SECRET_KEY=.*\n/m, ''));
      const without = json([dir]);
      assert.ok(
        without.findings.some((finding) => finding.ruleId === 'env-missing' && finding.severity === 'error'),
        JSON.stringify(without.findings),
      );
      assert.equal(without.code, 1);
      const withEnv = json([dir, '--process-env'], { env: { CLERK_SECRET_KEY: 'sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh' } });
      assert.deepEqual(
        withEnv.findings.filter((finding) => finding.ruleId === 'env-missing'),
        [],
      );
      assert.equal(withEnv.code, 0);
    });
  });

  describe('--online', () => {
    it('reads the JWT templates with CLERK_SECRET_KEY from CLERK_API_URL: a "convex" template with another aud is an error', async () => {
      const api = await fakeClerkApi([{ name: 'convex', claims: { aud: 'my-app' } }]);
      try {
        const env = { CLERK_SECRET_KEY: secretValue, CLERK_API_URL: api.url };
        const offline = await checkAsync([fixture('next16-convex'), '--format', 'json'], env);
        assert.equal(offline.code, 0, offline.stdout);
        assert.equal(api.requests, 0);
        const online = await checkAsync([fixture('next16-convex'), '--format', 'json', '--online'], env);
        assert.equal(online.code, 1, online.stderr);
        const findings = JSON.parse(online.stdout) as JsonFinding[];
        assert.deepEqual(
          findings.map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}:${finding.severity}`),
          ['convex/auth.config.ts:7:convex-jwt-template-mismatch:error'],
        );
        assert.match(findings[0].message, /"my-app"/);
        assert.ok(api.requests >= 1);
        assert.ok(!online.stdout.includes(secretValue) && !online.stderr.includes(secretValue));
      } finally {
        await api.close();
      }
    });

    it('degrades to the offline result with one notice when the API refuses the key', async () => {
      const api = await fakeClerkApi([]);
      try {
        const result = await checkAsync([fixture('next16-convex'), '--online'], {
          CLERK_SECRET_KEY: 'sk_test_wrongwrongwrongwrongwrong0000',
          CLERK_API_URL: api.url,
        });
        assert.equal(result.code, 0, result.stdout + result.stderr);
        assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
        assert.match(result.stderr, /--online: .*offline result/);
        assert.ok(!result.stderr.includes('wrongwrong'));
      } finally {
        await api.close();
      }
    });

    it('without CLERK_SECRET_KEY says so once and shows the offline result', () => {
      const { code, stderr } = check([broken, '--online', '--rule', 'convex-jwt-template-mismatch']);
      assert.equal(code, 1);
      assert.match(stderr, /CLERK_SECRET_KEY is not set/);
    });
  });

  describe('--fail-on', () => {
    it('error (the default) exits 0 on warnings only; warning exits 1 on them', () => {
      const warningsOnly = [broken, '--rule', 'webhook-event-type'];
      assert.deepEqual(
        json(warningsOnly).findings.map((finding) => finding.severity),
        ['warning'],
      );
      assert.equal(json(warningsOnly).code, 0);
      assert.equal(json([...warningsOnly, '--fail-on', 'error']).code, 0);
      assert.equal(json([...warningsOnly, '--fail-on', 'warning']).code, 1);
    });

    it('warning also fails on errors; info never fails', () => {
      assert.equal(json([broken, '--fail-on', 'warning']).code, 1);
      const infoOnly = json([broken, '--rule', 'webhook-event-type=info', '--rule', 'webhook-event-type', '--fail-on', 'warning']);
      assert.deepEqual(
        infoOnly.findings.map((finding) => finding.severity),
        ['info'],
      );
      assert.equal(infoOnly.code, 0);
    });

    it('rejects other levels with exit 2', () => {
      const { code, stdout, stderr } = check([broken, '--fail-on', 'info']);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /^Unknown --fail-on level "info" \(expected one of: error, warning\)\.\nUsage:\n  clerk-toolkit check .*--fail-on error\|warning/);
    });
  });

  describe('a file that cannot be analyzed', () => {
    /** The broken fixture plus a generated file nested too deeply to walk. */
    const withDeepFile = (): string => {
      const dir = copy('cli-broken');
      // It reads a variable, so rules parse it (a file no rule needs is never parsed, and costs nothing).
      fs.writeFileSync(
        path.join(dir, 'app', 'generated.ts'),
        `export const deep = process.env.DEEP_VALUE;\nexport const big = ${Array.from({ length: 5_000 }, (_, i) => `'a${i}'`).join(' + ')};\n`,
      );
      return dir;
    };

    it('costs only its findings: the others are printed, one note on stderr, the exit code follows the findings', () => {
      const dir = withDeepFile();
      const { code, stdout, stderr } = check([dir]);
      assert.equal(code, 1);
      assert.equal(stdout, check([broken]).stdout);
      assert.deepEqual(stderr.trimEnd().split('\n'), [
        'clerk-toolkit: note: app/generated.ts: not analyzed: its syntax tree is nested more than 400 levels deep (generated or minified code?), too deep to walk safely',
      ]);
      assert.equal(check([dir, '--rule', 'webhook-event-type']).code, 0, 'a failure alone does not fail the check');
    });

    it('JSON stays an array of findings; SARIF lists the failure as a tool execution notification', () => {
      const dir = withDeepFile();
      const { findings } = json([dir]);
      assert.equal(findings.length, 4);
      const { stdout } = check([dir, '--format', 'sarif']);
      const log = JSON.parse(stdout) as { runs: { results: unknown[]; invocations: unknown }[] };
      const validate = sarifValidator();
      assert.ok(validate(log), JSON.stringify(validate.errors));
      assert.equal(log.runs[0].results.length, 4);
      assert.deepEqual(log.runs[0].invocations, [
        {
          executionSuccessful: true,
          toolExecutionNotifications: [
            {
              level: 'note',
              message: {
                text: 'app/generated.ts: not analyzed: its syntax tree is nested more than 400 levels deep (generated or minified code?), too deep to walk safely',
              },
            },
          ],
        },
      ]);
    });
  });

  it('--help prints the usage and exits 0', () => {
    const { code, stdout } = check(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage:\n  clerk-toolkit check/);
    assert.match(stdout, /--fail-on <level> +exit 1 when a finding at or above this level exists: error \(default\) or warning/);
    assert.match(stdout, /Exit codes/);
  });

  describe('usage errors exit 2', () => {
    for (const [name, args] of [
      ['an unknown format', [broken, '--format', 'xml']],
      ['an unknown option', [broken, '--fix']],
      ['two folders', [broken, broken]],
      ['a missing folder', [path.join(broken, 'no-such-folder')]],
    ] as const) {
      it(name, () => {
        const { code, stdout, stderr } = check([...args]);
        assert.equal(code, 2);
        assert.equal(stdout, '');
        assert.match(stderr, /Usage:\n  clerk-toolkit check/);
      });
    }
  });
});
