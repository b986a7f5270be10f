import * as assert from 'node:assert/strict';
import { e2e, openFile, screenshot } from './session';

describe('snippets in the workbench', () => {
  it('lists clerk- snippets in the completion widget while typing in a .ts file', async () => {
    const { page } = e2e();
    await openFile('convex/users.ts');
    await page.locator('.editor-instance .monaco-editor').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('clerk-', { delay: 40 });
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.suggest-widget.visible');
    await widget.waitFor();
    await widget.locator('.monaco-list-row', { hasText: 'clerk-' }).first().waitFor();
    const labels = await widget.locator('.monaco-list-row .label-name').allTextContents();
    assert.ok(labels.filter((label) => label.startsWith('clerk-')).length >= 3, `completion rows: ${labels.join(', ')}`);
    await screenshot('snippet-completion');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
  });
});
