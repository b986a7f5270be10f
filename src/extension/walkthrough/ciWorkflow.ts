import * as vscode from 'vscode';
import { editorColumnFor } from './problems';

/**
 * The workflow the README's "GitHub Action" section shows: this repository's composite action runs
 * `clerk-toolkit check` at the extension's own version, uploads SARIF to code scanning and fails on warnings.
 */
export function ciWorkflowText(version: string): string {
  return [
    `# ${vscode.l10n.t('Save as .github/workflows/clerk-toolkit.yml')}`,
    `# ${vscode.l10n.t('Runs `clerk-toolkit check` on every push and pull request and uploads the findings to code scanning.')}`,
    'name: clerk-toolkit',
    'on: [push, pull_request]',
    'permissions:',
    '  contents: read',
    '  security-events: write',
    'jobs:',
    '  check:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    `      - uses: clerk-auth-toolkit/clerk-auth-toolkit@v${version}`,
    '        with:',
    '          fail-on: warning',
    '',
  ].join('\n');
}

/** Opens the workflow as an unsaved YAML document for the user to review and save. */
export async function openCiWorkflow(version: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: ciWorkflowText(version) });
  await vscode.window.showTextDocument(document, { viewColumn: editorColumnFor() });
}
