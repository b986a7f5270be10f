import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { e2e, openFile, screenshot, showClerkSidebar } from './session';

describe('workbench with the fixture app', () => {
  it('shows proxy.ts in the editor', async () => {
    const { page } = e2e();
    await openFile('proxy.ts');
    const lines = page.locator('.editor-instance .view-lines');
    await lines.first().waitFor();
    await page.waitForFunction(() => document.querySelector('.editor-instance .view-lines')?.textContent?.includes('clerkMiddleware'));
    // The status bar item says what the project model detected.
    const status = page.locator('.statusbar-item', { hasText: /Next 16\.4\.6/ }).first();
    await status.waitFor();
    assert.match((await status.textContent()) ?? '', /Clerk v7.*Convex/);
    const file = await screenshot('editor');
    assert.ok(fs.statSync(file).size > 10_000, 'editor screenshot is suspiciously small');
  });

  it('has a Clerk container in the activity bar whose sidebar lists the extension views', async () => {
    const { page } = e2e();
    await showClerkSidebar();
    const sidebar = page.locator('.sidebar');
    await sidebar
      .locator('.pane-header', { hasText: /Event Catalog/i })
      .first()
      .waitFor();
    const title = (await sidebar.locator('.composite.title').first().textContent()) ?? '';
    assert.match(title, /Clerk/i);
    await screenshot('sidebar', { selector: '.sidebar' });
    await screenshot('workbench-sidebar');
  });
});
