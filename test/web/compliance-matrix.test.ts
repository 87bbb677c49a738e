import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PHONE, screenshot } from './support/browser.js';
import { useBrowserApp } from './support/fixture.js';
import { login } from './support/flows.js';

const ADMIN = '081100000002';

describe('web app, compliance matrix (real server, real Chromium)', () => {
  const app = useBrowserApp();

  it('admin: opens the month matrix on a phone, reads the legend and a cell, downloads the Excel', async () => {
    const { page, errors } = await app.open(PHONE);
    await login(page, ADMIN);
    await page.goto('/admin/compliance-matrix');
    await page.getByRole('heading', { level: 1, name: 'Matriks Kepatuhan' }).waitFor();
    await page.getByRole('region', { name: 'Keterangan' }).getByText('Lengkap: semua slot diisi').waitFor();
    const row = page.locator('.cm-grid tbody tr', { hasText: 'P.309' });
    await row.waitFor();
    const letter = (await row.locator('td.cm-cell').first().textContent())?.trim() ?? '';
    assert.match(letter, /^[LSBX–][*!]?$/, `a cell carries its letter (${letter})`);
    // Only the grid scrolls sideways: the page itself stays as wide as the phone.
    const pageWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    assert.ok(pageWidth <= PHONE.width, `the page is ${pageWidth} px wide`);

    await screenshot(page, 'compliance-matrix');

    const month = await page.getByLabel('Bulan', { exact: true }).inputValue();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh Excel' }).click()]);
    assert.equal(download.suggestedFilename(), `kepatuhan-p2h-${month}.xlsx`);
    assert.deepEqual(errors(), []);
  });
});
