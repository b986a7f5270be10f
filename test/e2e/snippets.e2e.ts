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

  it("writes convex-mutation-auth in the file's style, against the users index the schema defines", async () => {
    const { page } = e2e();
    // convex/users.ts ends statements with semicolons and quotes with '; the schema's index is byExternalId.
    await openFile('convex/users.ts');
    await page.locator('.editor-instance .monaco-editor').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('convex-mutation-a', { delay: 40 });
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.suggest-widget.visible');
    await widget.locator('.monaco-list-row.focused', { hasText: 'convex-mutation-auth' }).waitFor();
    await page.keyboard.press('Enter');
    // Leave the snippet's fields and scroll to its end, so all of it is on screen.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+End');
    const lines = page.locator('.editor-instance .view-lines').first();
    // The editor renders spaces as no-break spaces: \s matches both.
    await lines.filter({ hasText: /ConvexError\('Not\sauthenticated'\);/ }).waitFor();
    const text = (await lines.textContent()) ?? '';
    assert.match(text, /withIndex\('byExternalId',\s\(q\)\s=>\sq\.eq\('externalId',\sidentity\.subject\)\)/);
    assert.doesNotMatch(text, /by_clerk_id/);
    await screenshot('snippet-style');
    await page.keyboard.press('Control+Z');
  });
});
