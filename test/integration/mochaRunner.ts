import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * Launcher-agnostic mocha runner for suites that run inside a VS Code extension host (code-server
 * here, @vscode/test-electron on desktops). Writes its counts to $CLERK_TOOLKIT_TEST_RESULTS when set,
 * so the launcher has a second check besides the workbench's exit signal.
 */
export function runMochaSuite(suiteDir: string, timeoutMs = 60_000): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: timeoutMs, reporter: 'spec' });
  const grep = process.env.CLERK_TOOLKIT_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs
    .readdirSync(suiteDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(suiteDir, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      const resultsFile = process.env.CLERK_TOOLKIT_TEST_RESULTS;
      if (resultsFile) {
        fs.writeFileSync(resultsFile, JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending }));
      }
      if (failures > 0 || stats.passes === 0) reject(new Error(`${failures} test(s) failed, ${stats.passes} passed`));
      else resolve();
    });
    // The reason right away, not only in the summary: a run cut short by the launcher's timeout still shows it.
    runner.on('fail', (test, error: unknown) =>
      console.log(`  ✘ ${test.fullTitle()}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
  });
}
