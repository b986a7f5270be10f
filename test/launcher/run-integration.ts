/**
 * Integration tier: the mocha suite in test/integration/suite runs inside the real VS Code extension
 * host (code-server), against a scratch copy of the fixture app; the suite in test/untrusted runs
 * with Workspace Trust on (Restricted Mode); then the packaged .vsix is installed into a fresh
 * code-server and checked to activate there. Prints `N passed, N failed`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';
import { runSuite, type LaunchOptions } from './codeServer';
import { printHostLine, prepareWorkspace, readResults, removeWorkspace, reportTotals, type TierResult } from './workspace';

/** One code-server run of the suite in out/test/<suite> on a fresh copy of the fixture app. */
async function runTier(label: string, suite: string, options: Partial<LaunchOptions> = {}): Promise<TierResult> {
  const workspace = prepareWorkspace('next16-convex');
  const resultsFile = path.join(path.dirname(workspace), `${label}-results.json`);
  const started = Date.now();
  try {
    const code = await runSuite({
      label,
      workspace,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', suite),
      env: { CLERK_TOOLKIT_TEST_RESULTS: resultsFile },
      onLog: printHostLine,
      ...options,
    });
    return readResults(label, resultsFile, code, Date.now() - started);
  } finally {
    removeWorkspace(workspace);
  }
}

async function main(): Promise<number> {
  const results = [
    await runTier('integration', 'integration'),
    // Workspace Trust on: the folder opens in Restricted Mode (the startup prompt is suppressed).
    await runTier('untrusted', 'untrusted', { workspaceTrust: true }),
  ];

  const vsix = path.join(repoRoot, 'dist', 'clerk-auth-toolkit.vsix');
  if (process.argv.includes('--skip-vsix')) {
    console.log('[vsix] skipped by --skip-vsix');
  } else if (!fs.existsSync(vsix)) {
    console.error(`[vsix] ${vsix} is missing: run \`npm run package\` first`);
    results.push({ label: 'vsix', passed: 0, failed: 1, ms: 0 });
  } else {
    // An empty development path: the installed copy is the one that must activate.
    const noExtension = fs.mkdtempSync(path.join(repoRoot, '.cache', 'no-extension-'));
    try {
      results.push(await runTier('vsix', 'vsix', { installVsix: vsix, extensionDevelopmentPath: noExtension }));
    } finally {
      fs.rmSync(noExtension, { recursive: true, force: true });
    }
  }
  return reportTotals(results);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
