import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { answerDialog, e2e, runCommand, screenshot, showClerkSidebar, sidebarPane } from './session';

const deliveredEvent = /user\.created|session\.created|user\.updated/;

/** Right-clicks `target` and picks a menu entry (the workbench's menus act on mouse-up or Enter). */
async function chooseFromContextMenu(target: Locator, entry: string): Promise<void> {
  const { page } = e2e();
  await target.click({ button: 'right' });
  await page.locator('.context-view .action-menu-item', { hasText: entry }).first().hover();
  await page.keyboard.press('Enter');
}

describe('webhooks sidebar in the workbench', () => {
  it('connects with a secret key typed into the password box; an instance without webhooks offers to set them up', async () => {
    const { page, fake } = e2e();
    fake.setScenario({ svixApp: false });
    await runCommand('Clerk: Set Secret Key');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor();
    await input.fill('sk_test_fakeClerkSvixSecretKey');
    await page.keyboard.press('Enter');

    await showClerkSidebar();
    const deliveries = sidebarPane(/Recent Deliveries/i);
    const header = deliveries.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const create = deliveries.locator('.welcome-view-content .monaco-button', { hasText: 'Create Webhooks App' });
    await create.waitFor({ timeout: 30_000 });
    assert.match((await deliveries.textContent()) ?? '', /no Svix app/);
    await screenshot('sidebar-svix-app-missing', { selector: '.sidebar' });

    await create.click();
    assert.match(await answerDialog('Create'), /Svix|webhooks/i);
    await deliveries.locator('.monaco-list-row', { hasText: deliveredEvent }).first().waitFor({ timeout: 30_000 });
    assert.ok(
      fake.requests.some((r) => r.api === 'clerk' && r.method === 'POST' && r.path === '/v1/webhooks/svix'),
      'the app was not created through the Clerk API',
    );
  });

  it('lists recent deliveries with their status, and never shows the secret key', async () => {
    const deliveries = sidebarPane(/Recent Deliveries/i);
    const rows = await deliveries.locator('.monaco-list-row').allTextContents();
    assert.ok(rows.filter((row) => deliveredEvent.test(row)).length >= 5, `deliveries rows: ${rows.join(' | ')}`);
    assert.ok(
      rows.some((row) => /Endpoints/.test(row)),
      'the endpoints row is missing',
    );
    const instance = (await sidebarPane(/^Instance/i).textContent()) ?? '';
    assert.match(instance, /example-app-42\.clerk\.accounts\.dev/);
    assert.doesNotMatch(instance, /sk_test_/, 'the instance view must not show the secret key');
    await screenshot('sidebar-deliveries', { selector: '.sidebar' });
    await screenshot('workbench-deliveries');
  });

  it('opens a delivered payload as a read-only JSON document', async () => {
    const { page } = e2e();
    await sidebarPane(/Recent Deliveries/i)
      .locator('.monaco-list-row', { hasText: deliveredEvent })
      .first()
      .click();
    await page.waitForFunction(() => /"type":\s*"/.test(document.querySelector('.editor-instance .view-lines')?.textContent ?? ''));
    const text = (await page.locator('.editor-instance .view-lines').first().textContent()) ?? '';
    assert.match(text, /"object":\s*"event"/);
    await screenshot('payload-detail');
  });

  it('resends a delivery only after the user confirms', async () => {
    const { page, fake } = e2e();
    const resends = (): number => fake.requests.filter((r) => r.api === 'svix' && r.method === 'POST' && /\/resend$/.test(r.path)).length;
    const before = resends();
    const row = sidebarPane(/Recent Deliveries/i)
      .locator('.monaco-list-row', { hasText: deliveredEvent })
      .first();

    await chooseFromContextMenu(row, 'Resend');
    assert.match(await answerDialog('Cancel'), /Resend .* to /);
    assert.equal(resends(), before, 'cancelling must not resend');

    await chooseFromContextMenu(row, 'Resend');
    await answerDialog('Resend');
    await page
      .locator('.notifications-toasts', { hasText: /queued/ })
      .first()
      .waitFor();
    assert.equal(resends(), before + 1);
  });
});
