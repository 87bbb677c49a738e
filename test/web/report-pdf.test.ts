import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { PHONE, screenshot } from './support/browser.js';
import { useBrowserApp } from './support/fixture.js';
import { login } from './support/flows.js';

describe('web app, a report as PDF (real server, real Chromium)', () => {
  const app = useBrowserApp();

  it('viewer: opens a report from the monitor and downloads its PDF', async () => {
    const { page, errors } = await app.open(PHONE);
    await login(page, '081100000005');
    await page.waitForURL('**/monitor');
    await page.locator('.report-row').first().click();
    await page.waitForURL('**/reports/*');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh PDF' }).click()]);
    assert.match(download.suggestedFilename(), /^p2h-.+-\d{4}-\d{2}-\d{2}-shift\d\.pdf$/);
    const file = await download.path();
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-');
    await screenshot(page, 'report-pdf');
    assert.deepEqual(errors(), []);
  });
});
