import * as assert from 'node:assert/strict';
import { e2e, screenshot, showClerkSidebar, sidebarPane } from './session';

const deliveredEvent = /user\.created|session\.created|user\.updated/;

/** Runs a command from the Command Palette by its visible title, as a user would. */
async function runCommand(title: string): Promise<void> {
  const { page } = e2e();
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

describe('webhooks sidebar in the workbench', () => {
  it('connects with a secret key typed into the password box and lists recent deliveries', async () => {
    const { page } = e2e();
    await runCommand('Clerk: Set Secret Key');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    await input.fill('sk_test_fakeClerkSvixSecretKey');
    await page.keyboard.press('Enter');

    await showClerkSidebar();
    const deliveries = sidebarPane(/Recent Deliveries/i);
    const header = deliveries.locator('.pane-header');
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    await deliveries.locator('.monaco-list-row', { hasText: deliveredEvent }).first().waitFor({ timeout: 30_000 });
    const rows = await deliveries.locator('.monaco-list-row').allTextContents();
    assert.ok(rows.filter((row) => deliveredEvent.test(row)).length >= 5, `deliveries rows: ${rows.join(' | ')}`);
    assert.ok(rows.some((row) => /Endpoints/.test(row)), 'the endpoints row is missing');
    const instance = (await sidebarPane(/^Instance/i).textContent()) ?? '';
    assert.match(instance, /example-app-42\.clerk\.accounts\.dev/);
    assert.doesNotMatch(instance, /sk_test_/, 'the instance view must not show the secret key');
    await screenshot('sidebar-deliveries', { selector: '.sidebar' });
    await screenshot('workbench-deliveries');
  });

  it('opens a delivered payload as a read-only JSON document', async () => {
    const { page } = e2e();
    await sidebarPane(/Recent Deliveries/i).locator('.monaco-list-row', { hasText: deliveredEvent }).first().click();
    await page.waitForFunction(() => /"type":\s*"/.test(document.querySelector('.editor-instance .view-lines')?.textContent ?? ''));
    const text = (await page.locator('.editor-instance .view-lines').first().textContent()) ?? '';
    assert.match(text, /"object":\s*"event"/);
    await screenshot('payload-detail');
  });
});
