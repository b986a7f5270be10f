import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { logTextWhere, toolkit } from '../probes';

describe('the diagnostics log', function () {
  this.timeout(60_000);

  it('says what ran and how long it took: the server start and a re-analysis', async () => {
    await (await toolkit()).diagnostics.whenAnalyzed();
    await vscode.commands.executeCommand('clerkToolkit.reanalyze');
    const log = await logTextWhere('Clerk Auth Toolkit: Diagnostics', 'the start and the re-analysis in the log', (text) =>
      /Re-analysis of the workspace: done in \d+ ms/.test(text),
    );
    assert.match(log, /\[info\] Starting the language server \(trusted workspace\)/);
    assert.match(log, /\[info\] The language server is running \(\d+ ms\)/);
  });
});
