import * as vscode from 'vscode';
import { editorColumnFor } from './problems';

/**
 * The GitHub Actions job the README's "same engine in CI" section describes: the check runs on
 * every push and pull request, fails on warnings and uploads SARIF to code scanning.
 */
export function ciWorkflowText(): string {
  return [
    `# ${vscode.l10n.t('Save as .github/workflows/clerk-toolkit.yml')}`,
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
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 22',
    '      - run: npm ci',
    `      - name: ${vscode.l10n.t('Check Clerk + Convex setup')}`,
    '        run: npx clerk-toolkit check . --fail-on warning --format sarif > clerk-toolkit.sarif',
    `      - name: ${vscode.l10n.t('Upload findings')}`,
    '        if: always()',
    '        uses: github/codeql-action/upload-sarif@v3',
    '        with:',
    '          sarif_file: clerk-toolkit.sarif',
    '',
  ].join('\n');
}

/** Opens the workflow as an unsaved YAML document for the user to review and save. */
export async function openCiWorkflow(): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: ciWorkflowText() });
  await vscode.window.showTextDocument(document, { viewColumn: editorColumnFor() });
}
