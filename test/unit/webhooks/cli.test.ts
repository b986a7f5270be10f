import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyWebhook } from '@clerk/backend/webhooks';
import { repoRoot } from '../../helpers/paths';
import { startFakeClerkSvix, type FakeClerkSvix } from '../../helpers/fakeClerkSvix';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const cli = path.join(repoRoot, 'out/src/cli/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the transpiled CLI with a clean environment (no inherited Clerk variables). */
function run(args: string[], options: { env?: Record<string, string>; cwd?: string; stdin?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: options.cwd ?? os.tmpdir(), env: { PATH: process.env.PATH ?? '', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** A Next.js-style route handler built on Clerk's verifyWebhook, served on loopback. */
async function startVerifyingRoute(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const request = new Request(`http://127.0.0.1${req.url}`, { method: 'POST', body, headers: req.headers as Record<string, string> });
      try {
        const event = await verifyWebhook(request, { signingSecret: secret });
        received.push(event.type);
        res.writeHead(200).end(`ok ${event.type}`);
      } catch (error) {
        res.writeHead(400).end(`Error verifying webhook: ${(error as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('clerk-toolkit webhooks (CLI)', function () {
  this.timeout(30_000);

  describe('trigger', () => {
    let route: Awaited<ReturnType<typeof startVerifyingRoute>>;
    let tmp: string;
    before(async () => {
      route = await startVerifyingRoute();
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'webhooks-cli-'));
    });
    after(async () => {
      await route.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('gets 200 from a verifyWebhook route with the secret from the environment', async () => {
      const result = await run(['webhooks', 'trigger', 'user.created', '--url', route.url], { env: { CLERK_WEBHOOK_SIGNING_SECRET: secret } });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^HTTP 200 \(\d+ ms\)\nok user\.created\n$/);
      assert.equal(route.received.at(-1), 'user.created');
    });

    it('reads the secret from stdin with --secret - and never prints it', async () => {
      const result = await run(['webhooks', 'trigger', 'session.created', '--url', route.url, '--secret', '-'], { stdin: `${secret}\n` });
      assert.equal(result.code, 0, result.stderr);
      assert.ok(!`${result.stdout}${result.stderr}`.includes(secret.slice(6)));
    });

    it('falls back to the env files of the current directory', async () => {
      fs.writeFileSync(path.join(tmp, '.env.local'), `CLERK_WEBHOOK_SIGNING_SECRET=${secret}\n`);
      const result = await run(['webhooks', 'trigger', 'role.created', '--url', route.url], { cwd: tmp });
      assert.equal(result.code, 0, result.stderr);
      fs.rmSync(path.join(tmp, '.env.local'));
    });

    it('sends --payload byte for byte', async () => {
      const file = path.join(tmp, 'payload.json');
      const payload = '{"data":{"id":"user_x"},  "object":"event","type":"user.deleted","timestamp":1,"instance_id":"ins_1"}';
      fs.writeFileSync(file, payload);
      const result = await run(['webhooks', 'trigger', 'user.deleted', '--url', route.url, '--payload', file], {
        env: { CLERK_WEBHOOK_SIGNING_SECRET: secret },
      });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(route.received.at(-1), 'user.deleted');
    });

    it('exits 1 and shows the 400 when the secret is wrong', async () => {
      const wrong = 'whsec_' + Buffer.from('a different signing key!').toString('base64');
      const result = await run(['webhooks', 'trigger', 'user.created', '--url', route.url, '--secret', wrong]);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /^HTTP 400 .*\nError verifying webhook: .*No matching signature found/);
    });

    it('exits 2 on usage and network errors with one line on stderr and no stack', async () => {
      const env = { CLERK_WEBHOOK_SIGNING_SECRET: secret };
      const usage = await run(['webhooks', 'trigger', 'user.exploded', '--url', route.url], { env });
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /^Unknown Clerk webhook event type "user\.exploded"/);
      assert.equal((await run(['webhooks', 'trigger', 'user.created'], { env })).code, 2);
      const noSecret = await run(['webhooks', 'trigger', 'user.created', '--url', route.url], { cwd: tmp });
      assert.equal(noSecret.code, 2);
      assert.match(noSecret.stderr, /No signing secret/);
      const badSecret = await run(['webhooks', 'trigger', 'user.created', '--url', route.url, '--secret', 'whsec_!!']);
      assert.equal(badSecret.code, 2);
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const offline = await run(['webhooks', 'trigger', 'user.created', '--url', `http://127.0.0.1:${port}/`], { env });
      assert.equal(offline.code, 2);
      assert.equal(offline.stderr.trim().split('\n').length, 1);
      assert.match(offline.stderr, /ECONNREFUSED/);
      assert.doesNotMatch(offline.stderr, /\s+at /);
    });
  });

  describe('catalog', () => {
    it('prints every event type grouped, or JSON objects with type and group', async () => {
      const text = await run(['webhooks', 'catalog']);
      assert.equal(text.code, 0);
      assert.match(text.stdout, /^Users\n {2}user\.created +User created\n/);
      const json = await run(['webhooks', 'catalog', '--json']);
      const entries = JSON.parse(json.stdout) as { type: string; group: string }[];
      assert.equal(entries.length, 45);
      assert.deepEqual(entries.find((e) => e.type === 'subscription.active')?.group, 'billing');
    });
  });

  describe('list', () => {
    let fake: FakeClerkSvix;
    beforeEach(async () => (fake = await startFakeClerkSvix({ messageCount: 4 })));
    afterEach(() => fake.close());
    const env = () => ({ CLERK_SECRET_KEY: 'sk_test_fakeClerkSvixSecretKey', CLERK_API_URL: fake.clerkApiUrl, SVIX_SERVER_URL: fake.svixUrl });

    it('lists messages with their latest attempt status from CLERK_API_URL and SVIX_SERVER_URL', async () => {
      const result = await run(['webhooks', 'list', '--limit', '3', '--json'], { env: env() });
      assert.equal(result.code, 0, result.stderr);
      const messages = JSON.parse(result.stdout) as { id: string; eventType: string; status: string }[];
      assert.deepEqual(
        messages.map((m) => m.status),
        ['success', 'success', 'fail'],
      );
      assert.equal(fake.requests.find((r) => r.path.endsWith('/msg'))?.query.limit, '3');
      const text = await run(['webhooks', 'list'], { env: { ...env(), CLERK_API_VERSION: 'v1' } });
      assert.equal(text.stdout.trim().split('\n').length, 4);
    });

    it('needs CLERK_SECRET_KEY from the environment and reports API failures on one line', async () => {
      const missing = await run(['webhooks', 'list'], { env: { CLERK_API_URL: fake.clerkApiUrl } });
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /CLERK_SECRET_KEY/);
      fake.setScenario({ svixApp: false });
      const noApp = await run(['webhooks', 'list'], { env: env() });
      assert.equal(noApp.code, 1);
      assert.match(noApp.stderr, /^clerk-toolkit: Webhooks are not set up/);
      assert.equal(noApp.stderr.trim().split('\n').length, 1);
      assert.equal((await run(['webhooks', 'list', '--limit', 'x'], { env: env() })).code, 2);
    });
  });
});
