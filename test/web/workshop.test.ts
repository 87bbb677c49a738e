import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { assertEveryFieldLabelled, DESKTOP, PHONE, screenshot } from './support/browser.js';
import { useBrowserApp } from './support/fixture.js';
import { login } from './support/flows.js';

/**
 * The defect loop at 360 px, on the demo data (B.101's hand brake was answered ABNORMAL today): a driver
 * reports P.309's horn ABNORMAL mid-shift and sees STOP OPERASI on its card, the security post's monitor
 * lists both units apart, and the mechanic takes and repairs the horn on Perbaikan, so P.309 may leave again.
 * One test: the steps follow each other on the same server.
 */
describe('web app, the defect loop on a phone (real server, real Chromium)', () => {
  const app = useBrowserApp();

  it('driver sees STOP OPERASI, the viewer sees the unit out of service, the mechanic takes and repairs it', async () => {
    // Driver: B.101 (today's ABNORMAL hand brake) says STOP OPERASI with its open defect.
    const driver = await app.open(PHONE);
    await login(driver.page, '081100000003');
    await driver.page.getByLabel('Nomor lambung atau plat').fill('b101');
    const bus = driver.page.locator('.unit-card', { has: driver.page.getByRole('heading', { name: 'B.101' }) });
    await bus.locator('.stop-panel').getByText('STOP OPERASI').waitFor();
    await bus.locator('.stop-defects').getByText(/REM TANGAN/).waitFor();

    // Mid-shift, without a checklist: P.309's horn fails, ABNORMAL. The unit stops at once.
    await driver.page.getByLabel('Nomor lambung atau plat').fill('p309');
    const card = driver.page.locator('.unit-card', { has: driver.page.getByRole('heading', { name: 'P.309' }) });
    assert.equal(await card.locator('.stop-panel').count(), 0, 'P.309 runs before the report');
    await card.getByRole('link', { name: 'Laporkan kerusakan' }).click();
    await driver.page.getByRole('heading', { level: 1, name: 'Laporkan kerusakan' }).waitFor();
    await assertEveryFieldLabelled(driver.page);
    await driver.page.getByLabel('Bagian yang rusak').selectOption({ label: 'KLAKSON: Suara nyaring & berfungsi baik?' });
    await driver.page.getByRole('radio', { name: 'Abnormal' }).check();
    await driver.page.getByLabel('Keterangan').fill('Klakson mati total');
    await screenshot(driver.page, 'report-defect');
    await driver.page.getByRole('button', { name: 'Kirim laporan kerusakan' }).click();
    await driver.page.getByText(/Unit ini STOP OPERASI sampai diperbaiki/).waitFor();
    await driver.page.getByRole('link', { name: 'Kembali ke daftar unit' }).click();
    await driver.page.getByLabel('Nomor lambung atau plat').fill('p309');
    await card.locator('.stop-panel').getByText('STOP OPERASI').waitFor();
    await card.locator('.stop-defects').getByText(/KLAKSON/).waitFor();
    // Starting a P2H on it needs one more "yes".
    assert.equal(await card.getByRole('link', { name: /^Isi P2H/ }).count(), 0, 'no direct link to a P2H on a stopped unit');
    await card.getByRole('button', { name: 'Isi P2H Shift 2' }).click();
    await card.getByRole('link', { name: /Saya tahu unit ini STOP OPERASI — isi P2H Shift 2/ }).waitFor();
    await screenshot(driver.page, 'unit-stop-operasi');

    // P.310's checklist: the brake repaired in the demo asks to be checked again, the expired STNK warns.
    await driver.page.getByLabel('Nomor lambung atau plat').fill('p310');
    const p310 = driver.page.locator('.unit-card', { has: driver.page.getByRole('heading', { name: 'P.310' }) });
    await p310.getByRole('link', { name: 'Isi P2H Shift 2' }).click();
    const sections = driver.page.locator('.step-chips');
    await sections.getByRole('button', { name: /^REM/ }).click();
    await driver.page.locator('.check-item', { hasText: 'DPN/BELAKANG' }).getByText('Sudah diperbaiki, periksa lagi').waitFor();
    await screenshot(driver.page, 'checklist-known-defect');
    await sections.getByRole('button', { name: /^SURAT-SURAT/ }).click();
    await driver.page.locator('.check-item', { hasText: 'STNK' }).getByText(/STNK unit ini sudah habis berlaku/).waitFor();
    await screenshot(driver.page, 'checklist-expired-stnk');
    assert.deepEqual(driver.errors(), []);

    // Viewer (security post): P.309 and B.101 in the STOP OPERASI box, apart from the compliance list.
    const viewer = await app.open(PHONE);
    await login(viewer.page, '081100000005');
    const stopped = viewer.page.locator('.stopped-box');
    await stopped.getByText('P.309').waitFor();
    await stopped.getByText('B.101').waitFor();
    assert.equal(await viewer.page.locator('.compliance-list').last().getByText('P.309').count(), 0, 'a stopped unit is not also listed as missing a P2H');
    await screenshot(viewer.page, 'monitor-out-of-service');
    assert.deepEqual(viewer.errors(), []);

    // Mechanic: lands on Perbaikan, takes the hand brake, writes the note, marks it repaired.
    const mechanic = await app.open(PHONE);
    await login(mechanic.page, '081100000006');
    await mechanic.page.waitForURL('**/repairs');
    await mechanic.page.getByRole('heading', { level: 1, name: 'Perbaikan' }).waitFor();
    const nav = mechanic.page.getByRole('navigation', { name: 'Menu utama' });
    assert.equal(await nav.getByRole('link', { name: 'Cek Unit' }).count(), 0, 'a mechanic files no P2H');
    await nav.getByRole('link', { name: 'Monitor' }).waitFor();
    const brake = mechanic.page.locator('.defect-item', { hasText: 'KLAKSON' });
    await brake.waitFor();
    await screenshot(mechanic.page, 'repairs');
    await brake.getByRole('button', { name: 'Ambil (saya tangani)' }).click();
    await brake.waitFor({ state: 'detached' }); // taken: no longer among the unassigned
    await mechanic.page.getByRole('tab', { name: /Milik saya/ }).click();
    const mine = mechanic.page.locator('.defect-item', { hasText: 'KLAKSON' });
    await mine.getByText('Ditangani: Joko Susilo (mekanik)').waitFor();
    await mine.getByRole('button', { name: 'Tandai sudah diperbaiki' }).click();
    await mine.getByText('Tulis apa yang diperbaiki').waitFor(); // the note is required, said before any request
    await mine.getByLabel('Catatan perbaikan').fill('Kabel rem tangan diganti dan disetel');
    // A photo of the repair, from the phone's camera (a file chooser here).
    const chooser = mechanic.page.waitForEvent('filechooser');
    await mine.getByText('Ambil foto').click();
    const repairPhoto = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#6a7b5c' } }).jpeg().toBuffer();
    await (await chooser).setFiles({ name: 'klakson.jpg', mimeType: 'image/jpeg', buffer: repairPhoto });
    await mine.getByRole('img', { name: 'Foto 1' }).waitFor();
    await assertEveryFieldLabelled(mechanic.page);
    await screenshot(mechanic.page, 'repairs-note');
    await mine.getByRole('button', { name: 'Tandai sudah diperbaiki' }).click();
    await mechanic.page.getByText(/P\.309 · KLAKSON.*perbaikan dicatat/).waitFor();
    assert.equal(await mechanic.page.locator('.defect-item', { hasText: 'KLAKSON' }).count(), 0, 'a repaired defect leaves the list');
    await screenshot(mechanic.page, 'repairs-done');
    // The repair step carries the photo, and the defect's page shows it.
    const [horn] = (await app.server().app.services.defects.list({ status: 'repaired', page: 1, page_size: 20 })).items.filter((d) => /klakson/i.test(d.item_name));
    const detail = await app.server().app.services.defects.get(horn!.id);
    const repaired = detail.events.find((e) => e.action === 'repaired')!;
    assert.equal(repaired.photos.length, 1, 'the repair photo is on the repaired step');
    await mechanic.page.goto(`/defects/${horn!.id}`);
    await mechanic.page.getByRole('list', { name: /Foto langkah/ }).getByRole('img', { name: 'Foto 1' }).waitFor();
    assert.deepEqual(mechanic.errors(), []);

    // Back at the security post: P.309 may leave again (its only ABNORMAL defect is repaired); B.101 may not.
    await viewer.page.reload();
    await viewer.page.locator('.compliance-row', { hasText: 'P.309' }).waitFor();
    await stopped.getByText('B.101').waitFor();
    assert.equal(await stopped.getByText('P.309').count(), 0, 'P.309 may leave again');
    assert.deepEqual(viewer.errors(), []);
  });

  it('admin: the defects board filters, a defect page assigns and shows its timeline, the report shows its defects first, the unit page will not release a unit with an open ABNORMAL defect and shows its availability', async () => {
    const { page, errors } = await app.open(DESKTOP);
    await login(page, '081100000002');
    await page.goto('/admin/defects');
    await page.getByRole('heading', { level: 1, name: 'Defect' }).waitFor();
    await page.getByLabel('Tingkat').selectOption('abnormal');
    await page.getByLabel('Status').selectOption('open');
    await page.waitForURL(/status=open/);
    // Each filter reloads the list: wait for the one with both filters, where P.310's repaired brake is gone.
    await page.locator('.report-row-warning').first().waitFor({ state: 'detached' });
    await page.locator('.report-row', { hasText: 'DPN/BELAKANG' }).waitFor({ state: 'detached' });
    const brake = page.locator('.report-row', { hasText: 'REM TANGAN' });
    await brake.waitFor();
    assert.equal(await page.locator('.report-row', { hasText: 'DPN/BELAKANG' }).count(), 0, 'the repaired brake of P.310 is not open');
    assert.match(page.url(), /severity=abnormal/);
    await screenshot(page, 'admin-defects');

    await brake.click();
    await page.getByRole('heading', { level: 1, name: /^Defect #\d+$/ }).waitFor();
    await page.getByLabel('Tugaskan ke mekanik').selectOption({ label: 'Joko Susilo (mekanik)' });
    await page.getByRole('button', { name: 'Tugaskan', exact: true }).click();
    const timeline = page.locator('.timeline');
    await timeline.getByText('Ditugaskan').waitFor();
    await timeline.getByText('Dilaporkan', { exact: true }).waitFor();
    await page.getByText('Ditangani: Joko Susilo (mekanik)').waitFor();
    await screenshot(page, 'admin-defect-timeline');

    // The report that found it: its defects above the answers, with their state now.
    await timeline.getByRole('link', { name: /^P2H #\d+$/ }).first().click();
    const defects = page.locator('section', { has: page.getByRole('heading', { name: 'Kerusakan dari laporan ini' }) });
    await defects.getByText('Sedang diperbaiki').first().waitFor();
    await screenshot(page, 'admin-report-defects');

    // The unit page: B.101 may not be released while its ABNORMAL defect is open; its hours out of service show.
    await page.goto('/admin/units?q=B.101');
    await page.locator('.unit-row-stopped', { hasText: 'B.101' }).getByRole('link', { name: 'B.101', exact: true }).click();
    const service = page.locator('.unit-service');
    await service.getByRole('button', { name: 'Kembalikan beroperasi' }).click();
    await service.getByRole('button', { name: /^Yakin\?/ }).click();
    await service.getByText(/masih punya kerusakan ABNORMAL/).waitFor();
    await service.getByText(/jam STOP OPERASI dari/).waitFor();
    await screenshot(page, 'admin-unit-service');
    assert.deepEqual(errors(), []);
  });
});
