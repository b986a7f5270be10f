import * as assert from 'node:assert/strict';
import { e2e, openFile, screenshot } from './session';

describe('diagnostics in the workbench', () => {
  it('squiggles a seeded applicationID mistake, lists it in Problems and explains it on hover', async () => {
    const { page } = e2e();
    await openFile('convex/auth.config.ts');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.click();
    // Seed the mistake the way a user would: Find/Replace 'convex' → 'Convex' in the open file.
    await page.keyboard.press('Control+H');
    const findInput = page.locator('.find-widget .find-part textarea, .find-widget .find-part input').first();
    await findInput.fill("'convex'");
    const replaceInput = page.locator('.find-widget .replace-part textarea, .find-widget .replace-part input').first();
    await replaceInput.fill("'Convex'");
    await page.keyboard.press('Control+Alt+Enter');
    await page.keyboard.press('Escape');

    // The language server starts with the workbench and may still be on its first analysis.
    const squiggle = page.locator('.editor-instance .squiggly-error').first();
    await squiggle.waitFor({ timeout: 45_000 });

    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-tl-row', { hasText: 'convex-jwt-template-mismatch' }).first();
    await row.waitFor();
    const problemsText = (await page.locator('.markers-panel').first().textContent()) ?? '';
    assert.match(problemsText, /applicationID/);
    await screenshot('problems');

    // Put the cursor on the problem (F8), close the peek, then show the hover at the cursor.
    await page.locator('.editor-instance .monaco-editor').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('F8');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'convex-jwt-template-mismatch' }).first();
    await hover.waitFor();
    assert.match((await hover.textContent()) ?? '', /Clerk Auth Toolkit/);
    await screenshot('diagnostic-hover');

    // Leave the buffer as it was for the next files.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
  });
});
