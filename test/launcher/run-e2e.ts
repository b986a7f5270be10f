/**
 * End-to-end tier: opens the workbench (code-server + headless Chromium) on a scratch copy of the
 * fixture app with the extension under development, then runs the mocha files test/e2e/*.e2e.js
 * against the live page. Screenshots go to test-results/screenshots (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { repoRoot } from '../helpers/paths';
import { screenshot, setE2eContext } from '../e2e/session';
import { startFakeClerkSvix } from '../helpers/fakeClerkSvix';
import { launch } from './codeServer';
import { removeWorkspace, reportTotals } from './workspace';

async function main(): Promise<number> {
  const started = Date.now();
  // The first-run sample `npm start` opens: seeded mistakes, packages resolvable, Convex code generated.
  const workspace = path.join(fs.mkdtempSync(path.join(repoRoot, '.cache', 'workspace-')), 'next16-convex');
  const sample = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'first-run-sample.mjs'), workspace], { stdio: 'inherit' });
  if (sample.status !== 0) throw new Error('preparing the first-run sample failed');
  // The sidebar screenshots show deliveries from the spec-validated local Clerk/Svix double.
  const fake = await startFakeClerkSvix({ messageCount: 12 });
  const session = await launch({
    workspace,
    extensionDevelopmentPath: repoRoot,
    // As `npm start` does: the seeded mistake and the walkthrough open on start.
    env: { CLERK_TOOLKIT_OPEN_ON_START: 'convex/auth.config.ts' },
    userSettings: {
      'clerkToolkit.clerkApiUrl': fake.clerkApiUrl,
      'clerkToolkit.svixServerUrl': fake.svixUrl,
      'editor.stickyScroll.enabled': false,
    },
    // The API URLs are machine-scoped: in code-server's remote window the user file alone sometimes
    // did not reach the extension host, and the sidebar went to the real Clerk host (ENOTFOUND).
    machineSettings: { 'clerkToolkit.clerkApiUrl': fake.clerkApiUrl, 'clerkToolkit.svixServerUrl': fake.svixUrl },
  });
  let passed = 0;
  let failed = 0;
  try {
    await session.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer has loaded the folder once its first row renders.
    await session.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    setE2eContext({ page: session.page, workspace, fake });
    // CLERK_TOOLKIT_E2E_GREP runs only the matching tests (while working on one).
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.CLERK_TOOLKIT_E2E_GREP });
    // A picture of the workbench at the moment a check failed says more than the selector that timed out.
    mocha.suite.afterEach(async function () {
      if (this.currentTest?.state === 'failed') {
        const name = `failed-${this.currentTest
          .fullTitle()
          .replace(/[^a-z0-9]+/gi, '-')
          .slice(0, 80)}`;
        console.log(`[e2e] screenshot of the failure: ${await screenshot(name)}`);
      }
    });
    const dir = path.join(repoRoot, 'out', 'test', 'e2e');
    for (const file of fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.e2e.js'))
      .sort())
      mocha.addFile(path.join(dir, file));
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => {
        passed = runner.stats?.passes ?? 0;
        failed = runner.stats?.failures ?? 1;
        resolve();
      });
    });
    const crashes = session.hostCrashes();
    if (crashes.length > 0) {
      console.error(`[e2e] the extension host crashed:\n${crashes.join('\n')}`);
      failed += 1;
    }
  } finally {
    await session.close();
    await fake.close();
    removeWorkspace(workspace);
  }
  return reportTotals([{ label: 'e2e', passed, failed, ms: Date.now() - started }]);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
