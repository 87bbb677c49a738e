import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Browser globals used inside page.evaluate (the root tsconfig has no DOM library, on purpose).
declare const document: any, window: any, localStorage: any;

const ROOT = path.resolve(import.meta.dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** Debian's chromium, headless, with nothing that talks to the network on its own. Never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  assert.ok(
    fs.existsSync(CHROMIUM),
    `Chromium is not installed at ${CHROMIUM}. The browser tests use Debian's package: apt-get install -y chromium ` +
      '(or set CHROMIUM_PATH). Do not download a browser.',
  );
  assert.ok(fs.existsSync(path.join(ROOT, 'dist/web/index.html')), 'dist/web is missing: run `npm run build:web` before the browser tests');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // launch() gives every run a fresh temporary profile (user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A browser context at one width whose pages may only reach the server under test: any other
 * address is refused before it leaves the machine, and window.open only records what it was given.
 */
export async function newContext(browser: Browser, baseURL: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport, deviceScaleFactor: 1, isMobile: viewport.width < 600, hasTouch: viewport.width < 600, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
  const origin = new URL(baseURL).origin;
  await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort('blockedbyclient')));
  await context.addInitScript(() => {
    window.__opened = [];
    window.open = (url?: string | URL) => {
      window.__opened.push(String(url));
      return null;
    };
  });
  // Generous: the suite runs these beside other test processes on 2 cores, and a passing step never waits for it.
  context.setDefaultTimeout(30_000);
  return context;
}

/** Fails the test on a page error or a console error (a CSP violation, a React warning turned error…). */
export function watchErrors(page: Page): () => string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // The app shows expected API refusals (401 wrong password, 503 no bot…) on screen; the browser logs them too.
    if (/Failed to load resource: the server responded with a status of (4\d\d|503)/.test(text)) return;
    if (/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(text)) return; // the offline test
    // Offline, a GET the service worker could not answer from its cache fails as ERR_FAILED (the app shows it).
    if (/Failed to load resource: net::ERR_FAILED/.test(text)) return;
    errors.push(`console: ${text}`);
  });
  return () => errors;
}

/**
 * Screenshots are for people reviewing the design (`P2H_SCREENSHOTS=1 npm test`): encoding 60-odd
 * full-page PNGs cost the suite CPU on every run while nobody looked at them.
 */
const TAKE_SCREENSHOTS = process.env.P2H_SCREENSHOTS === '1';

/**
 * On a phone, checks the page is no wider than the screen. With P2H_SCREENSHOTS=1 also saves what the
 * screen shows (name-phone.png / name-desktop.png) and, on a phone, the whole scrolled page (name-phone-full.png).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const phone = (page.viewportSize()?.width ?? 0) < 600;
  const file = (suffix: string) => path.join(SCREENSHOTS, `${name}-${suffix}.png`);
  if (phone) {
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than the phone's screen`);
  }
  if (!TAKE_SCREENSHOTS) return;
  if (phone) {
    await page.screenshot({ path: file('phone') });
    await page.screenshot({ path: file('phone-full'), fullPage: true });
  } else {
    await page.screenshot({ path: file('desktop'), fullPage: true });
  }
}

/** Every input, select and textarea on the page has an accessible name from a label or aria attributes. */
export async function assertEveryFieldLabelled(page: Page): Promise<number> {
  // A string, not a function: tsx would wrap the helpers in __name(), which does not exist in the page.
  const unlabelled = (await page.evaluate(`(() => {
    const fields = [...document.querySelectorAll('input, select, textarea')].filter((f) => f.type !== 'hidden');
    const text = (el) => (el && el.textContent ? el.textContent.trim() : '');
    const missing = fields.filter((f) => {
      const fromLabels = [...(f.labels || [])].map(text).join('');
      const fromAria = (f.getAttribute('aria-label') || '').trim();
      const fromIds = (f.getAttribute('aria-labelledby') || '').split(/\\s+/).map((id) => text(document.getElementById(id))).join('');
      return (fromLabels + fromAria + fromIds).length === 0;
    });
    return { total: fields.length, missing: missing.map((f) => f.outerHTML.slice(0, 120)) };
  })()`)) as { total: number; missing: string[] };
  assert.deepEqual(unlabelled.missing, [], `unlabelled fields on ${page.url()}`);
  return unlabelled.total;
}
