/**
 * Integration tier: the mocha suite in test/integration/suite runs inside the real VS Code extension
 * host (code-server), against a scratch copy of the fixture app; then the packaged .vsix is installed
 * into a fresh code-server and checked to activate there. Prints `N passed, N failed`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';
import { runSuite } from './codeServer';
import { printHostLine, prepareWorkspace, readResults, reportTotals, type TierResult } from './workspace';

async function main(): Promise<number> {
  const results: TierResult[] = [];
  const workspace = prepareWorkspace('next16-convex');
  const resultsFile = path.join(path.dirname(workspace), 'integration-results.json');
  const started = Date.now();
  const code = await runSuite({
    label: 'integration',
    workspace,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration'),
    env: { CLERK_TOOLKIT_TEST_RESULTS: resultsFile },
    onLog: printHostLine,
  });
  results.push(readResults('integration', resultsFile, code, Date.now() - started));

  const vsix = path.join(repoRoot, 'dist', 'clerk-auth-toolkit.vsix');
  if (process.argv.includes('--skip-vsix')) {
    console.log('[vsix] skipped by --skip-vsix');
  } else if (!fs.existsSync(vsix)) {
    console.error(`[vsix] ${vsix} is missing: run \`npm run package\` first`);
    results.push({ label: 'vsix', passed: 0, failed: 1, ms: 0 });
  } else {
    const vsixWorkspace = prepareWorkspace('next16-convex');
    const emptyDevelopmentPath = path.join(path.dirname(vsixWorkspace), 'no-extension');
    fs.mkdirSync(emptyDevelopmentPath, { recursive: true });
    const vsixResults = path.join(path.dirname(vsixWorkspace), 'vsix-results.json');
    const vsixStarted = Date.now();
    const vsixCode = await runSuite({
      label: 'vsix',
      workspace: vsixWorkspace,
      extensionDevelopmentPath: emptyDevelopmentPath,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'vsix'),
      installVsix: vsix,
      env: { CLERK_TOOLKIT_TEST_RESULTS: vsixResults },
      onLog: printHostLine,
    });
    results.push(readResults('vsix', vsixResults, vsixCode, Date.now() - vsixStarted));
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
