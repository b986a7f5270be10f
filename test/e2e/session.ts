import type { Locator, Page } from 'playwright-core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FakeClerkSvix } from '../helpers/fakeClerkSvix';
import { repoRoot } from '../helpers/paths';

/** The workbench page shared by all e2e files; run-e2e opens it before mocha starts. */
export interface E2eContext {
  page: Page;
  workspace: string;
  /** The spec-validated Clerk/Svix double the sidebar talks to. */
  fake: FakeClerkSvix;
}

let current: E2eContext | undefined;

export function setE2eContext(context: E2eContext): void {
  current = context;
}

export function e2e(): E2eContext {
  if (!current) throw new Error('the e2e workbench is not open (run through run-e2e)');
  return current;
}

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export async function screenshot(name: string, target?: { selector: string }): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  const { page } = e2e();
  if (target) await page.locator(target.selector).first().screenshot({ path: file });
  else await page.screenshot({ path: file });
  return file;
}

/** Opens a workspace file through Quick Open, as a user would, and waits for its editor tab. */
export async function openFile(relativePath: string): Promise<void> {
  const { page } = e2e();
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(relativePath);
  // Wait for the search result itself, not a stale "recently opened" row.
  await page
    .locator(`.quick-input-list .monaco-list-row[aria-label*="${path.basename(relativePath)}"]`)
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
  await page
    .locator(`.tab.active[data-resource-name="${path.basename(relativePath)}"]`)
    .first()
    .waitFor();
}

/** Opens the Clerk view container from the activity bar. */
export async function showClerkSidebar(): Promise<void> {
  const { page } = e2e();
  const title = page.locator('.sidebar .composite.title', { hasText: /Clerk/i }).first();
  // Clicking the icon of the container already shown would close the sidebar.
  if (!(await title.isVisible())) {
    // force: a progress badge may sit over the icon while a view loads; a user's click still lands.
    await page.locator('.activitybar .action-item a[aria-label^="Clerk"]').first().click({ force: true });
  }
  await title.waitFor();
}

/** The sidebar pane (view) whose header matches `name`. */
export function sidebarPane(name: RegExp): Locator {
  const { page } = e2e();
  return page
    .locator('.sidebar .pane')
    .filter({ has: page.locator('.pane-header', { hasText: name }) })
    .first();
}

/** Runs a command from the Command Palette by its visible title, as a user would. */
export async function runCommand(title: string): Promise<void> {
  const { page } = e2e();
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Answers a modal dialog by clicking its button. */
export async function answerDialog(button: string): Promise<string> {
  const { page } = e2e();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor();
  const text = (await dialog.textContent()) ?? '';
  await dialog.locator('.monaco-button', { hasText: button }).first().click();
  await dialog.waitFor({ state: 'detached' });
  return text;
}
