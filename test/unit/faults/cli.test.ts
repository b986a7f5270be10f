// Every fault kind against the CLI's network commands, as a user runs them (a child process):
// one clear line (or, for `trigger`, the app's status), the documented exit code, no stack, no
// secret, no redirect followed, no 100 MB download, and the process ends on its own.
import * as assert from 'node:assert/strict';
import { fakeToken, startFakeClerkSvix, type FakeClerkSvix } from '../../helpers/fakeClerkSvix';
import { faultKinds, startFaultServer, type FaultKind, type FaultServer } from '../../helpers/faultServer';
import { fixture } from '../../helpers/paths';
import { runCli, type CliRun } from './cliRun';

const secretKey = 'sk_test_faultsFAULTSfaults0123456789';
const signingSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const timeoutMs = 1500;
const exit = { ok: 0, failed: 1, usage: 2 };

/** What `webhooks list` (and `check --online`'s notice) says about a fault of `api`. */
function apiFailure(kind: FaultKind, api: 'Clerk' | 'Svix'): { code: number; message: RegExp } {
  const status = /^status(\d+)$/.exec(kind)?.[1];
  switch (kind) {
    case 'refused':
      return { code: exit.usage, message: new RegExp(`Could not reach the ${api} API \\(ECONNREFUSED\\)\\. Check the network connection\\.$`) };
    case 'reset':
      return { code: exit.usage, message: new RegExp(`The connection to the ${api} API broke before its answer was complete \\(\\w+\\)\\. Try again\\.$`) };
    case 'hang':
    case 'slowDrip':
      return { code: exit.usage, message: new RegExp(`The ${api} API did not answer within ${timeoutMs} ms\\.$`) };
    case 'redirect301':
    case 'redirect302':
      return {
        code: exit.failed,
        message: new RegExp(`The ${api} API sent an unexpected answer: a redirect \\(HTTP 30[12]\\) to another address, not followed`),
      };
    case 'garbageJson':
      return { code: exit.failed, message: new RegExp(`The ${api} API sent an unexpected answer: the answer is not JSON$`) };
    case 'hugeBody':
      return { code: exit.failed, message: new RegExp(`The ${api} API sent an unexpected answer: an answer larger than 5 MB$`) };
    case 'status401':
    case 'status403':
      return { code: exit.failed, message: new RegExp(`The ${api} API rejected the credentials \\(HTTP ${status}\\)\\. Check the secret key\\.$`) };
    case 'status429':
      return { code: exit.failed, message: new RegExp(`The ${api} API is rate limiting requests\\. Try again in 7 seconds\\.$`) };
    case 'status500':
    case 'status502':
    case 'status503':
      return { code: exit.failed, message: new RegExp(`The ${api} API had an internal error \\(HTTP ${status}\\)\\. Try again later\\.$`) };
    default:
      // 400, 404, 409: the API's own detail, with every echoed credential redacted.
      return {
        code: exit.failed,
        message: new RegExp(`The ${api} API refused the request \\(HTTP ${status}\\): fault ${status}: credentials received: Bearer \\[redacted\\] \\|`),
      };
  }
}

function assertNoSecret(run: CliRun, secrets: readonly string[]): void {
  const output = (run.stdout + run.stderr).toLowerCase();
  for (const secret of secrets) assert.ok(!output.includes(secret.toLowerCase()), `a secret was printed: ${secret}\n${run.stderr}${run.stdout.slice(0, 2000)}`);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
}

/** One line on stderr, nothing on stdout, the documented code. */
function assertOneLine(run: CliRun, expected: { code: number; message: RegExp }): void {
  assert.equal(run.stdout, '', run.stdout.slice(0, 500));
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0], /^clerk-toolkit: /);
  assert.match(lines[0], expected.message);
  assert.equal(run.code, expected.code, run.stderr);
}

/**
 * The CLI gave up on a hanging server within its timeout + 1 s of the request: it exited (webhooks),
 * or printed its notice and went on offline (`check --online`, whose analysis comes after).
 */
function assertBounded(run: CliRun, fault: FaultServer, until: 'exit' | 'notice' = 'exit'): void {
  const last = fault.requests[fault.requests.length - 1];
  assert.ok(last, 'the server got a request');
  const gaveUpAt = until === 'exit' ? run.exitedAt : (run.firstStderrAt ?? Infinity);
  const waited = gaveUpAt - last.receivedAt;
  assert.ok(waited <= timeoutMs + 1000, `gave up (${until}) ${waited} ms after the request (timeout ${timeoutMs} ms)`);
}

/** What every fault must leave behind: no redirect followed, no 100 MB download. */
function assertNothingFollowedOrDownloaded(fault: FaultServer): void {
  assert.deepEqual(
    fault.redirectedRequests.map((request) => request.headers.authorization),
    [],
    'the redirect was not followed (so the Authorization header never reached the other host)',
  );
  assert.ok(fault.hugeBodyBytesSent < 20 * 1024 * 1024, `${fault.hugeBodyBytesSent} bytes of the 100 MB body were sent`);
}

describe('the CLI against API faults', function () {
  this.timeout(60_000);
  let fault: FaultServer | undefined;
  let fake: FakeClerkSvix | undefined;
  let offlineCheck: CliRun;

  before(async () => {
    offlineCheck = await runCli(['check', fixture('cli-broken')]);
  });
  afterEach(async () => {
    await fault?.close();
    await fake?.close();
    fault = fake = undefined;
  });

  for (const kind of faultKinds) {
    describe(kind, () => {
      it('webhooks list, the Clerk API failing', async () => {
        fault = await startFaultServer(kind, { echoSecrets: [secretKey] });
        const run = await runCli(['webhooks', 'list', '--timeout', String(timeoutMs)], { env: { CLERK_SECRET_KEY: secretKey, CLERK_API_URL: fault.url } });
        assertOneLine(run, apiFailure(kind, 'Clerk'));
        assertNoSecret(run, [secretKey]);
        if (kind === 'hang' || kind === 'slowDrip') assertBounded(run, fault);
        assertNothingFollowedOrDownloaded(fault);
      });

      it('webhooks list, the Svix API failing after the token exchange', async () => {
        fake = await startFakeClerkSvix({ secretKey });
        fault = await startFaultServer(kind, { echoSecrets: [secretKey], upstream: fake.svixUrl, faultPath: (path) => path.startsWith('/api/v1/app/') });
        const run = await runCli(['webhooks', 'list', '--timeout', String(timeoutMs)], {
          env: { CLERK_SECRET_KEY: secretKey, CLERK_API_URL: fake.clerkApiUrl, SVIX_SERVER_URL: fault.url },
        });
        assertOneLine(run, apiFailure(kind, 'Svix'));
        // The session token (the 2nd token issued: the one-time token was the 1st) and the one-time token.
        assertNoSecret(run, [secretKey, fakeToken('ott', 1), fakeToken('sess', 2)]);
        if (kind !== 'refused')
          assert.ok(
            fault.requests.some((request) => request.faulted),
            'the fault was reached',
          );
        if (kind === 'hang' || kind === 'slowDrip') assertBounded(run, fault);
        assertNothingFollowedOrDownloaded(fault);
      });

      it('webhooks trigger: the app failing', async () => {
        fault = await startFaultServer(kind, { echoSecrets: [signingSecret] });
        const url = `${fault.url}/api/webhooks`;
        const run = await runCli(['webhooks', 'trigger', 'user.created', '--url', url, '--secret', '-', '--timeout', String(timeoutMs)], {
          stdin: signingSecret,
        });
        assertNoSecret(run, [signingSecret]);
        assertNothingFollowedOrDownloaded(fault);
        const status = /^status(\d+)$/.exec(kind)?.[1];
        const escapedUrl = url.replace(/[.?]/g, '\\$&');
        if (kind === 'refused')
          assertOneLine(run, { code: exit.usage, message: new RegExp(`Could not reach ${escapedUrl} \\(ECONNREFUSED\\)\\. Is the app running\\?$`) });
        else if (kind === 'reset')
          assertOneLine(run, { code: exit.usage, message: new RegExp(`The connection to ${escapedUrl} broke before its answer was complete`) });
        else if (kind === 'hang' || kind === 'slowDrip') {
          assertOneLine(run, { code: exit.usage, message: new RegExp(`${escapedUrl} did not answer within ${timeoutMs} ms\\.$`) });
          assertBounded(run, fault);
        } else if (kind === 'redirect301' || kind === 'redirect302') {
          assert.match(run.stdout, /^HTTP 30[12] \(\d+ ms\)\nRedirect to http:\/\/localhost:\d+\/api\/webhooks \(not followed\)\.\n$/);
          assert.equal(run.code, exit.failed);
        } else if (status) {
          // The app's own answer is the message: status first, then its body (secrets redacted).
          assert.match(run.stdout, new RegExp(`^HTTP ${status} \\(\\d+ ms\\)\\n\\{"errors"`));
          assert.match(run.stdout, /credentials received: .*\[redacted\]/);
          assert.equal(run.code, exit.failed);
        } else {
          // garbageJson, hugeBody: a 200 is a success whatever the body; a huge body is cut off.
          assert.match(run.stdout, /^HTTP 200 \(\d+ ms\)\n/);
          assert.equal(run.code, exit.ok);
          if (kind === 'hugeBody') {
            assert.match(run.stdout, /\n\(answer cut off after 64 KB\)\n$/);
            assert.ok(run.stdout.length < 70 * 1024, `${run.stdout.length} characters printed`);
          }
        }
        if (run.stdout === '') assert.equal(run.stderr.trimEnd().split('\n').length, 1);
        else assert.equal(run.stderr, '');
      });

      it('check --online: one notice, then the offline result', async () => {
        fault = await startFaultServer(kind, { echoSecrets: [secretKey] });
        const run = await runCli(['check', fixture('cli-broken'), '--online', '--timeout', String(timeoutMs)], {
          env: { CLERK_SECRET_KEY: secretKey, CLERK_API_URL: fault.url },
        });
        assert.equal(run.code, offlineCheck.code);
        assert.equal(run.stdout, offlineCheck.stdout);
        const lines = run.stderr.trimEnd().split('\n');
        assert.equal(lines.length, 1, run.stderr);
        const [prefix, suffix] = ['--online: ', ' Showing the offline result.'];
        assert.ok(lines[0].startsWith(prefix) && lines[0].endsWith(suffix), lines[0]);
        assert.match(lines[0].slice(prefix.length, -suffix.length), apiFailure(kind, 'Clerk').message);
        assertNoSecret(run, [secretKey]);
        if (kind === 'hang' || kind === 'slowDrip') assertBounded(run, fault, 'notice');
        assertNothingFollowedOrDownloaded(fault);
      });
    });
  }
});
