// One usage text: `--help` of every command prints it, usage errors print its lines, the README holds
// it verbatim. Plus `--version` and "did you mean" for event types and rule ids.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closestName } from '../../../src/cli/suggest';
import { usage } from '../../../src/cli/usage';
import { rulesMetadata } from '../../../src/core/engine';
import { clerkWebhookCatalog } from '../../../src/core/webhooks/catalog.generated';
import { fixture, repoRoot } from '../../helpers/paths';
import { runCli } from '../faults/cliRun';

const signingSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('clerk-toolkit usage, --version and suggestions', function () {
  this.timeout(60_000);

  it("the README's CLI section is the usage text, verbatim", () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const block = /<!-- clerk-toolkit usage: start -->\n```text\n([\s\S]*?)```\n<!-- clerk-toolkit usage: end -->/.exec(readme)?.[1];
    assert.ok(block, 'README.md has the marked usage block');
    assert.equal(block, usage(), 'README.md is out of date: paste the output of `node out/src/cli/main.js --help` between the markers');
  });

  it('--help of every command prints the same usage on stdout, exit 0', async () => {
    for (const args of [['--help'], ['help'], ['check', '--help'], ['webhooks', '--help'], ['lsp', '--help']]) {
      const run = await runCli(args);
      assert.equal(run.code, 0, args.join(' '));
      assert.equal(run.stdout, usage(), args.join(' '));
    }
  });

  it('usage errors print the mistake, then lines of that same usage', async () => {
    const usageLines = new Set(usage().split('\n'));
    for (const args of [['check', '--format', 'xml'], ['webhooks', 'replay'], ['lsp'], ['deploy']]) {
      const run = await runCli(args);
      assert.equal(run.code, 2, args.join(' '));
      const [, ...rest] = run.stderr.trimEnd().split('\n');
      const [pointer] = rest.splice(-1);
      assert.equal(pointer, 'Run "clerk-toolkit --help" for details.');
      assert.ok(rest.length >= 2, run.stderr);
      for (const line of rest) assert.ok(usageLines.has(line), `not in the usage text: ${line}`);
    }
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${version}\n`);
  });

  describe('did you mean', () => {
    it('picks the closest event type or rule id, and nothing for a name far from all', () => {
      const types = clerkWebhookCatalog.map((event) => event.type);
      assert.equal(closestName('user.create', types), 'user.created');
      assert.equal(closestName('Session.Ended', types), 'session.ended');
      assert.equal(closestName('orgnization.created', types), 'organization.created');
      assert.equal(closestName('payment.refunded', types), undefined);
      const ids = rulesMetadata().map((rule) => rule.id);
      assert.equal(closestName('webhook-event-typ', ids), 'webhook-event-type');
      assert.equal(closestName('x', ids), undefined);
    });

    it('webhooks trigger user.create suggests user.created', async () => {
      const run = await runCli(['webhooks', 'trigger', 'user.create', '--url', 'http://127.0.0.1:9/', '--secret', '-'], { stdin: signingSecret });
      assert.equal(run.code, 2);
      assert.equal(run.stderr.split('\n')[0], 'Unknown Clerk webhook event type "user.create". Did you mean "user.created"?');
    });

    it('check --rule suggests the rule id, or lists them all when nothing is close', async () => {
      const close = await runCli(['check', fixture('cli-broken'), '--rule', 'webhook-event-typ']);
      assert.equal(close.code, 2);
      assert.equal(close.stderr.split('\n')[0], 'Unknown rule "webhook-event-typ". Did you mean "webhook-event-type"?');
      const far = await runCli(['check', fixture('cli-broken'), '--rule', 'zzz']);
      assert.match(far.stderr.split('\n')[0], /^Unknown rule "zzz"\. Known rules: .*webhook-event-type/);
    });
  });
});
