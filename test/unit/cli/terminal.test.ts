// What the CLI reads and prints around the user's terminal: control characters from file names and
// answers are escaped, settings come only from the checked folder, `webhooks list` reads the env files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { terminalSafe, terminalSafeBlock, terminalSafeJson } from '../../../src/cli/terminalText';
import { startFakeClerkSvix, type FakeClerkSvix } from '../../helpers/fakeClerkSvix';
import { fixture } from '../../helpers/paths';
import { runCli } from '../faults/cliRun';

const escapeSequences = '\x1b[2J\x1b]0;pwned\x07\x9b31m\u202e';
const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('CLI output and inputs around the terminal', function () {
  this.timeout(60_000);
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-cli-terminal-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('escapes control characters and bidirectional marks visibly; JSON stays the same value', () => {
    assert.equal(terminalSafe('a\x1b[2Jb\nc\u202e'), 'a\\x1b[2Jb\\x0ac\\u202e');
    assert.equal(terminalSafeBlock('line 1\n\tline 2\x07'), 'line 1\n\tline 2\\x07');
    const value = { text: escapeSequences };
    const json = terminalSafeJson(value);
    assert.doesNotMatch(json, rawControl);
    assert.deepEqual(JSON.parse(json), value);
  });

  it('check: a file name with escape sequences is printed escaped', async () => {
    const dir = path.join(tmp, 'app');
    fs.cpSync(fixture('cli-broken'), dir, { recursive: true });
    const routeDir = path.join(dir, 'app', 'api', 'webhooks');
    const hostile = `clerk${escapeSequences}`;
    fs.renameSync(path.join(routeDir, 'clerk'), path.join(routeDir, hostile));
    const run = await runCli(['check', dir]);
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout, rawControl);
    assert.ok(run.stdout.includes(`app/api/webhooks/${terminalSafe(hostile)}/route.ts:7:23`), run.stdout);
  });

  it('check reads .vscode/settings.json of the checked folder only: a planted file above does not turn a rule off', async () => {
    const dir = path.join(tmp, 'app');
    fs.cpSync(fixture('cli-broken'), dir, { recursive: true });
    fs.mkdirSync(path.join(tmp, '.vscode'));
    fs.writeFileSync(path.join(tmp, '.vscode', 'settings.json'), JSON.stringify({ 'clerkToolkit.rules': { 'key-instance-mismatch': 'off' } }));
    const planted = await runCli(['check', dir, '--format', 'json']);
    const ruleIds = (JSON.parse(planted.stdout) as { ruleId: string }[]).map((finding) => finding.ruleId);
    assert.ok(ruleIds.includes('key-instance-mismatch'), 'the rule still runs');

    // The checked folder's own settings still apply.
    fs.mkdirSync(path.join(dir, '.vscode'));
    fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'clerkToolkit.rules': { 'key-instance-mismatch': 'off' } }));
    const own = await runCli(['check', dir, '--format', 'json']);
    assert.ok(!(JSON.parse(own.stdout) as { ruleId: string }[]).some((finding) => finding.ruleId === 'key-instance-mismatch'));
  });

  describe('webhooks', () => {
    let fake: FakeClerkSvix | undefined;
    let app: http.Server | undefined;
    afterEach(async () => {
      await fake?.close();
      if (app) await new Promise<void>((resolve) => app!.close(() => resolve()));
      fake = app = undefined;
    });

    it('list reads CLERK_SECRET_KEY from the env files of the current directory, like trigger', async () => {
      const secretKey = 'sk_test_fromEnvLocalFile0123456789';
      fake = await startFakeClerkSvix({ secretKey });
      fs.writeFileSync(path.join(tmp, '.env.local'), `CLERK_SECRET_KEY=${secretKey}\n`);
      const run = await runCli(['webhooks', 'list'], { cwd: tmp, env: { CLERK_API_URL: fake.clerkApiUrl, SVIX_SERVER_URL: fake.svixUrl } });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.trimEnd().split('\n').length, 3);
    });

    it('list does not read an .env.local linked to a file outside the current directory', async () => {
      const secretKey = 'sk_test_fromOutsideTheFolder0123456789';
      fake = await startFakeClerkSvix({ secretKey });
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-outside-'));
      fs.writeFileSync(path.join(outside, 'keys.env'), `CLERK_SECRET_KEY=${secretKey}\n`);
      fs.symlinkSync(path.join(outside, 'keys.env'), path.join(tmp, '.env.local'));
      const run = await runCli(['webhooks', 'list'], { cwd: tmp, env: { CLERK_API_URL: fake.clerkApiUrl, SVIX_SERVER_URL: fake.svixUrl } });
      fs.rmSync(outside, { recursive: true, force: true });
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, /CLERK_SECRET_KEY/);
    });

    it("trigger prints the app's answer with escape sequences escaped and the signing secret redacted", async () => {
      const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
      app = http.createServer((_req, res) => res.writeHead(400, { connection: 'close' }).end(`bad ${escapeSequences}\nsecret was ${secret}\n`));
      await new Promise<void>((resolve) => app!.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/webhooks`;
      const run = await runCli(['webhooks', 'trigger', 'user.created', '--url', url, '--secret', '-'], { stdin: secret });
      assert.equal(run.code, 1);
      assert.doesNotMatch(run.stdout, rawControl);
      assert.ok(run.stdout.includes(`bad ${terminalSafeBlock(escapeSequences)}\nsecret was [redacted]\n`), run.stdout);
    });
  });
});
