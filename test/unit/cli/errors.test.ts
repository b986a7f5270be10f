import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';

/**
 * How the CLI fails: the reason on the first line of stderr (file:line:col when it is in a file),
 * nothing on stdout, exit code 2, no stack trace, and the option list only for argument mistakes.
 */
const cli = path.join(repoRoot, 'out', 'src', 'cli', 'main.js');

function run(args: string[], cwd = os.tmpdir()) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 60_000, input: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stderr.trimEnd().split('\n') };
}

function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at /m);
}

describe('CLI errors (one clear line, exit 2)', function () {
  this.timeout(60_000);
  let tmp: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-cli-errors-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('no command: the usage on stderr, exit 2; --help: on stdout, exit 0', () => {
    const none = run([]);
    assert.equal(none.code, 2);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /^Usage:\n  clerk-toolkit check /);
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage:/);
  });

  describe('check', () => {
    it('a missing folder: the reason, then only the synopsis of check', () => {
      const { code, stdout, lines, stderr } = run(['check', path.join(tmp, 'nope')]);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.equal(lines[0], `No such folder: ${path.join(tmp, 'nope')}`);
      assert.deepEqual(lines.slice(1, 3), ['Usage:', lines[2]], stderr);
      assert.match(lines[2], /^  clerk-toolkit check /);
      assert.deepEqual(lines.slice(3), ['Run "clerk-toolkit --help" for details.'], stderr);
    });

    it('a file instead of a folder', () => {
      fs.writeFileSync(path.join(tmp, 'file.txt'), '');
      const { code, lines } = run(['check', path.join(tmp, 'file.txt')]);
      assert.equal(code, 2);
      assert.match(lines[0], /^Not a folder: /);
    });

    it('a folder without any Next.js app or Convex folder does not pass as "no problems"', () => {
      fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'not-an-app', dependencies: { express: '5.0.0' } }));
      for (const format of ['text', 'json', 'sarif']) {
        const { code, stdout, lines, stderr } = run(['check', tmp, '--format', format]);
        assert.equal(code, 2, format);
        assert.equal(stdout, '', format);
        assert.deepEqual(lines, [`clerk-toolkit: no Next.js app or Convex folder found in ${tmp}; nothing to check.`], stderr);
      }
    });

    it('a settings file that does not parse: file:line:col and the parse error, no usage', () => {
      fs.mkdirSync(path.join(tmp, '.vscode'));
      const settings = path.join(tmp, '.vscode', 'settings.json');
      fs.writeFileSync(settings, '{\n  // rules\n  "clerkToolkit.rules": { "env-missing": "off" \n');
      const { code, stdout, lines, stderr } = run(['check', tmp]);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.equal(lines.length, 1, stderr);
      assert.match(lines[0], /^clerk-toolkit: .*settings\.json:4:1: not valid JSON with comments \(CloseBraceExpected\)\.$/);
    });

    it('a settings file that cannot be read', () => {
      fs.mkdirSync(path.join(tmp, '.vscode', 'settings.json'), { recursive: true });
      const { code, lines, stderr } = run(['check', tmp]);
      assert.equal(code, 2);
      assert.equal(lines.length, 1, stderr);
      assert.match(lines[0], /^clerk-toolkit: cannot read .*settings\.json \(EISDIR\)\.$/);
      assertNoStack(stderr);
    });
  });

  describe('webhooks', () => {
    it('argument mistakes: the reason, the synopsis of webhooks, then a pointer to --help', () => {
      for (const args of [['webhooks'], ['webhooks', 'replay'], ['webhooks', 'list', '--limit', '0'], ['webhooks', 'catalog', '--yaml']]) {
        const { code, stdout, lines, stderr } = run(args);
        assert.equal(code, 2, args.join(' '));
        assert.equal(stdout, '');
        assert.equal(lines[1], 'Usage:', stderr);
        assert.deepEqual(
          lines.slice(2, -1).map((line) => /^  clerk-toolkit webhooks (\w+) /.exec(line)?.[1]),
          ['catalog', 'list', 'trigger'],
          stderr,
        );
        assert.equal(lines[lines.length - 1], 'Run "clerk-toolkit --help" for details.');
      }
    });

    it('missing inputs outside the arguments: one line each', () => {
      const cases: [string[], RegExp][] = [
        [['webhooks', 'list'], /^clerk-toolkit: CLERK_SECRET_KEY is not set in the environment or the env files of the current directory\.$/],
        [['webhooks', 'trigger', 'user.created', '--url', 'http://127.0.0.1:9/'], /^clerk-toolkit: No signing secret: /],
        [
          ['webhooks', 'trigger', 'user.created', '--url', 'http://127.0.0.1:9/', '--secret', '-'],
          /^clerk-toolkit: --secret - was given but stdin was empty\.$/,
        ],
        [['webhooks', 'trigger', 'user.created', '--url', 'http://127.0.0.1:9/', '--secret', 'whsec_!!'], /^clerk-toolkit: The signing secret is not valid/],
        [
          [
            'webhooks',
            'trigger',
            'user.created',
            '--url',
            'http://127.0.0.1:9/',
            '--secret',
            'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
            '--payload',
            'missing.json',
          ],
          /^clerk-toolkit: Cannot read the payload file missing\.json: ENOENT$/,
        ],
      ];
      for (const [args, expected] of cases) {
        const { code, stdout, lines, stderr } = run(args, tmp);
        assert.equal(code, 2, args.join(' '));
        assert.equal(stdout, '');
        assert.equal(lines.length, 1, stderr);
        assert.match(lines[0], expected);
        assert.ok(!stderr.includes('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), 'the secret is never echoed');
      }
    });
  });
});
