import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'demo12345';

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/Nomor HP atau email|Phone number or email/).fill(username);
  await page.getByLabel(/^Password$/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Log in)$/ }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** From the current section to the review step: every unanswered item Normal, then "Next". */
export async function finishChecklist(page: Page): Promise<void> {
  for (let guard = 0; guard < 20; guard += 1) {
    const review = page.getByRole('heading', { level: 2, name: /^(Periksa & kirim|Review & submit)$/ });
    if (await review.isVisible()) return;
    await page.getByRole('button', { name: /^(Sisanya Normal semua|All the rest Normal)$/ }).click();
    await page.locator('.step-buttons').getByRole('button', { name: /^(Lanjut|Periksa & kirim|Next|Review & submit)$/ }).click();
  }
  assert.fail('never reached the review step');
}
