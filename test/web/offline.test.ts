/**
 * The driver at a pit with no signal (issue 12): the app opens offline after one visit, a report
 * filed offline waits in the phone's queue ("1 laporan menunggu sinyal"), survives closing the page,
 * and arrives exactly once when the signal returns. Real server, Debian's Chromium, 360 × 740.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ReportDetail, ReportSummary } from '../../src/p2h/api-schemas.js';
import { launchChromium, screenshot, watchErrors } from './support/browser.js';
import { finishChecklist, login } from './support/flows.js';
import { apiGet, apiToken, cameraPhoto, eventually, newOfflineContext, PIT, countPostBytes, waitForServiceWorker } from './support/offline.js';
import { startWebServer, type WebServer } from './support/server.js';

const DRIVER = '0811-0000-0003';
const ADMIN = '081100000002';
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');

describe('web app offline: the report queue (real server, real Chromium, service worker)', () => {
  let server: WebServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let photo: Buffer | undefined;

  before(async () => {
    [server, browser] = await Promise.all([startWebServer({ telegram: 'deliver' }), launchChromium()]);
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function phone(): Promise<BrowserContext> {
    const context = await newOfflineContext(browser, server.url, server.now());
    contexts.push(context);
    return context;
  }

  /** Online once: log in, let the service worker take the page, open what the pit will need (the unit's checklist, the history). */
  async function firstVisit(page: Page, unitCode: string): Promise<string> {
    await login(page, DRIVER);
    await page.waitForURL('**/units');
    await waitForServiceWorker(page);
    await openChecklist(page, unitCode);
    await page.waitForURL(/\/units\/\d+\/check\/\d$/);
    const checkPath = new URL(page.url()).pathname;
    await page.locator('fieldset.check-item').first().waitFor();
    await page.goto('/history');
    await page.locator('.report-row').first().waitFor();
    return checkPath;
  }

  /** From the unit search to the unit's checklist, in the slot open now. */
  async function openChecklist(page: Page, unitCode: string): Promise<void> {
    await page.getByLabel('Nomor lambung atau plat').fill(unitCode);
    const card = page.locator('.unit-card', { has: page.getByRole('heading', { name: unitCode, exact: true }) });
    await card.getByRole('link', { name: /^Isi P2H/ }).first().click();
  }

  /** Reports of this unit today, seen by the admin through the API. */
  async function reportsOf(unitCode: string): Promise<ReportSummary[]> {
    const token = await apiToken(server.url, ADMIN);
    const page = await apiGet<{ items: ReportSummary[] }>(server.url, token, '/api/p2h/reports?page_size=100');
    return page.items.filter((r) => r.vehicle.unit_code === unitCode);
  }

  it('opens with no signal, queues the report ("1 laporan menunggu sinyal"), keeps it over closing the page, sends it exactly once when online', async () => {
    const context = await phone();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const checkPath = await firstVisit(page, 'P.309');
    const before = (await reportsOf('P.309')).length;

    await context.setOffline(true);
    await page.goto(checkPath); // no signal: the shell from the precache, the unit and checklist from the runtime cache
    await page.getByRole('heading', { level: 2, name: 'OLI & RADIATOR' }).waitFor();
    await page.getByText(/Anda sedang offline/).waitFor();
    const first = page.locator('fieldset.check-item').first();
    await first.getByRole('radio', { name: 'Abnormal', exact: true }).check();
    await first.getByLabel(/Keterangan \(wajib\)/).fill('Radiator bocor, diisi tanpa sinyal');
    await finishChecklist(page);
    await page.getByLabel(/Odometer/).fill('20000');
    await page.getByRole('button', { name: 'Kirim P2H' }).click();
    await page.getByText('1 laporan menunggu sinyal').waitFor();
    await page.waitForURL('**/history');
    await screenshot(page, 'offline-queued');
    assert.equal((await reportsOf('P.309')).length, before, 'nothing reached the server while offline');

    // The app is closed; later it is opened again, still without signal, then the signal returns.
    await page.close();
    const again = await context.newPage();
    const errorsAgain = watchErrors(again);
    await again.goto('/units');
    await again.getByText('1 laporan menunggu sinyal').waitFor();
    await context.setOffline(false);
    await eventually('the queued report on the server', async () => {
      const reports = await reportsOf('P.309');
      return reports.length > before ? reports : undefined;
    });
    await again.getByText('1 laporan menunggu sinyal').waitFor({ state: 'detached' });
    // More flush turns (timer, another 'online', a reload) must not make a second report.
    await again.reload();
    await again.goto('/history');
    await again.getByText(/^Terkirim /).first().waitFor();
    await screenshot(again, 'offline-sent');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const reports = await reportsOf('P.309');
    assert.equal(reports.length, before + 1, 'exactly one report arrived');
    const report = reports.reduce((a, b) => (a.id > b.id ? a : b));
    assert.equal(report.overall_status, 'abnormal');
    assert.equal(report.odometer, 20000);
    const token = await apiToken(server.url, ADMIN);
    const detail = await apiGet<ReportDetail>(server.url, token, `/api/p2h/reports/${report.id}`);
    assert.equal(detail.details.find((d) => d.status === 'abnormal')?.keterangan, 'Radiator bocor, diisi tanpa sinyal');
    assert.deepEqual([...errors(), ...errorsAgain()], []);
  });

  it('a report with a photo filed offline arrives with its photo and location, and the alert reaches Telegram as a photo', async () => {
    const context = await phone();
    const page = await context.newPage();
    const checkPath = await firstVisit(page, 'P.310');
    photo ??= await cameraPhoto(page);
    const before = (await reportsOf('P.310')).length;

    await context.setOffline(true);
    await page.goto(checkPath);
    const first = page.locator('fieldset.check-item').first();
    await first.getByRole('radio', { name: 'Abnormal', exact: true }).check();
    await first.getByLabel(/Keterangan \(wajib\)/).fill('Oli bocor, ada fotonya');
    const chooser = page.waitForEvent('filechooser');
    await first.getByText('Ambil foto').click();
    await (await chooser).setFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
    await first.getByRole('img', { name: 'Foto 1' }).waitFor();
    await screenshot(page, 'offline-photo');
    await finishChecklist(page);
    await page.getByRole('button', { name: 'Kirim P2H' }).click();
    await page.getByText('1 laporan menunggu sinyal').waitFor();
    await page.close();

    const again = await context.newPage();
    await again.goto('/history');
    await context.setOffline(false);
    const reports = await eventually('the report with a photo', async () => {
      const all = await reportsOf('P.310');
      return all.length > before ? all : undefined;
    });
    assert.equal(reports.length, before + 1, 'exactly one report arrived');
    const token = await apiToken(server.url, ADMIN);
    const newest = reports.reduce((a, b) => (a.id > b.id ? a : b));
    const detail = await apiGet<ReportDetail>(server.url, token, `/api/p2h/reports/${newest.id}`);
    const answer = detail.details.find((d) => d.keterangan === 'Oli bocor, ada fotonya');
    assert.equal(answer?.photos.length, 1, 'the photo is on its answer');
    assert.ok(Math.max(answer.photos[0]!.width, answer.photos[0]!.height) <= 1600, 'shrunk on the phone to at most 1600 px');
    assert.ok(detail.location, 'the location came with it');
    assert.ok(Math.abs(detail.location.latitude - PIT.latitude) < 1e-4);
    assert.ok(detail.client_submission_id, 'the client_submission_id was stored');

    // The driver sees the photo on their report (fetched with the token, shown from a blob: URL).
    await again.goto(`/reports/${newest.id}`);
    await again.getByRole('button', { name: 'Buka foto 1 ukuran penuh' }).waitFor();
    assert.match((await again.getByRole('img', { name: 'Foto 1' }).getAttribute('src')) ?? '', /^blob:/);
    await again.getByRole('link', { name: 'Buka di peta' }).waitFor();

    // The alert about the ABNORMAL report reaches the (fake) Bot API as a photo.
    await eventually('an alert sent as a photo', async () => (server.telegram.photos.some((photo) => photo.source === 'upload') ? true : undefined));
    const [sentPhoto] = server.telegram.photos;
    assert.equal(sentPhoto!.method, 'sendPhoto');
    assert.match(sentPhoto!.caption ?? '', /ABNORMAL/);
  });

  it('bytes sent for a report with three photos from a 12-megapixel camera', async () => {
    const context = await phone();
    const page = await context.newPage();
    const postedBytes = await countPostBytes(page);
    await login(page, DRIVER);
    await page.waitForURL('**/units');
    photo ??= await cameraPhoto(page);
    await openChecklist(page, 'DT.21');
    await page.waitForURL(/\/units\/\d+\/check\/\d$/);
    const first = page.locator('fieldset.check-item').first();
    await first.getByRole('radio', { name: 'Warning', exact: true }).check();
    await first.getByLabel(/Keterangan \(wajib\)/).fill('Tiga foto dari kamera 12 MP');
    for (let n = 1; n <= 3; n += 1) {
      const chooser = page.waitForEvent('filechooser');
      await first.getByText(n === 1 ? 'Ambil foto' : 'Tambah foto').click();
      await (await chooser).setFiles({ name: `IMG_000${n}.jpg`, mimeType: 'image/jpeg', buffer: photo });
      await first.getByRole('img', { name: `Foto ${n}` }).waitFor();
    }
    await finishChecklist(page);
    await page.getByRole('button', { name: 'Kirim P2H' }).click();
    await Promise.race([page.waitForURL(/\/reports\/\d+\/result$/, { timeout: 60_000 }), page.locator('.notice-danger').waitFor({ timeout: 60_000 })]);

    const sent = await postedBytes();
    const photoBytes = sent.filter((s) => s.path === '/api/photos').map((s) => s.bytes);
    const reportBytes = sent.filter((s) => s.path === '/api/p2h/reports').map((s) => s.bytes);
    const measured = {
      camera_photo_bytes: photo.length,
      camera_photo_pixels: '4000x3000',
      photo_uploads: photoBytes,
      report_posts: reportBytes,
      total_bytes: [...photoBytes, ...reportBytes].reduce((a, b) => a + b, 0),
      naive_total_bytes: photo.length * 3,
    };
    console.log('offline-bytes', JSON.stringify(measured));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'offline-bytes.json'), `${JSON.stringify(measured, null, 2)}\n`);
    assert.equal(photoBytes.length, 3, 'three photo uploads');
    for (const bytes of photoBytes) assert.ok(bytes > 0 && bytes < 600_000, `a shrunk photo is small (${bytes} bytes)`);
    assert.equal(reportBytes.length, 1, 'one report POST');
    await page.waitForURL(/\/reports\/\d+\/result$/);
  });
});
