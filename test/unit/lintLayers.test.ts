import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { repoRoot } from '../helpers/paths';

/**
 * The layering of src/ is enforced by `no-restricted-imports` in eslint.config.mjs (`npm run lint`).
 * A typo in one of its patterns would silently allow everything, so each layer is checked here
 * with source text linted as if it were a file in that folder.
 */
describe('eslint.config.mjs: import layers', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: repoRoot });

  async function restricted(filePath: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(source, { filePath });
    assert.deepEqual(
      result.messages.filter((message) => message.fatal),
      [],
      filePath,
    );
    return result.messages
      .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
      .map((message) => /^'([^']+)'/.exec(message.message)?.[1] ?? message.message);
  }

  it('src/core imports neither VS Code, the LSP libraries, the adapters nor the protocol module', async () => {
    const source = [
      "import * as vscode from 'vscode';",
      "import { createConnection } from 'vscode-languageserver/node';",
      "import type { LanguageClient } from 'vscode-languageclient/node';",
      "import { activate } from '../extension/extension';",
      "import { startServer } from '../server/server';",
      "import { main } from '../cli/main';",
      "import { didAnalyzeNotification } from '../protocol';",
      "import { allRules } from './rules/registry';",
      "import { URI } from 'vscode-uri';",
      'export { vscode, createConnection, activate, startServer, main, didAnalyzeNotification, allRules, URI };',
      'export type { LanguageClient };',
    ].join('\n');
    assert.deepEqual(await restricted('src/core/engine.ts', source), [
      'vscode',
      'vscode-languageserver/node',
      'vscode-languageclient/node',
      '../extension/extension',
      '../server/server',
      '../cli/main',
      '../protocol',
    ]);
  });

  it("core's lower layers take the vocabulary from core/model, never from core/rules", async () => {
    const source = "import type { Rule } from '../rules/rule';\nimport type { Finding } from '../model';\nexport type { Rule, Finding };\n";
    for (const layer of ['parse', 'env', 'project', 'analysis', 'model']) {
      assert.deepEqual(await restricted(`src/core/${layer}/probe.ts`, source), ['../rules/rule'], layer);
    }
    assert.deepEqual(await restricted('src/core/engine.ts', "import type { Rule } from './rules/rule';\nexport type { Rule };\n"), []);
  });

  it('src/server and src/cli never import vscode', async () => {
    const source = "import * as vscode from 'vscode';\nimport { createConnection } from 'vscode-languageserver/node';\nexport { vscode, createConnection };\n";
    assert.deepEqual(await restricted('src/server/probe.ts', source), ['vscode']);
    assert.deepEqual(await restricted('src/cli/probe.ts', source), ['vscode']);
  });

  it('src/extension imports from core only types and the allowed small helpers', async () => {
    const source = [
      "import { AnalysisSession } from '../../core/engine';",
      "import { allRules } from '../../core/rules/registry';",
      "import type { Workspace } from '../../core/project/types';",
      "import { type Finding } from '../../core/model';",
      "import { isEnvFilePath } from '../../core/project/analysisInputs';",
      "import { pathToUri } from '../../core/uris';",
      'export { AnalysisSession, allRules, isEnvFilePath, pathToUri };',
      'export type { Workspace, Finding };',
    ].join('\n');
    assert.deepEqual(await restricted('src/extension/diagnostics/probe.ts', source), ['../../core/engine', '../../core/rules/registry']);
  });
});
