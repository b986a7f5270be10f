/**
 * The integration suite under desktop VS Code via @vscode/test-electron (downloads VS Code, so it
 * needs a machine with internet access). Same suite and fixture as the code-server launcher.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../helpers/paths';
import { prepareWorkspace, removeWorkspace } from './workspace';

async function main(): Promise<void> {
  const workspace = prepareWorkspace('next16-convex');
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    removeWorkspace(workspace);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
