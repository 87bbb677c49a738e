/** Helpers for the offline web test: a service-worker context, the API seen from outside the browser, a camera-sized photo. */
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PHONE } from './browser.js';
import { DEMO_PASSWORD } from './flows.js';

// Browser globals used inside page.evaluate (the root tsconfig has no DOM library, on purpose).
declare const navigator: any;

/** Where the driver stands (a pit in East Kalimantan), given to the page once it asks. */
export const PIT = { latitude: -0.502106, longitude: 117.153709, accuracy: 12 };

/**
 * A phone-sized context where the service worker runs ('allow'; http://127.0.0.1 is a secure
 * context) and geolocation is granted. No context.route() here: routing and service workers do not
 * mix well in Playwright, and the app only talks to its own origin anyway.
 */
export async function newOfflineContext(browser: Browser, baseURL: string, serverNow: Date): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: PHONE,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
    timezoneId: 'Asia/Makassar',
    serviceWorkers: 'allow',
    permissions: ['geolocation'],
    geolocation: PIT,
  });
  // The page's clock is the server's (which runs ahead, see startWebServer): the report's
  // inspected_at is judged against it and must be neither in the future nor a day old.
  await context.clock.install({ time: new Date(serverNow.getTime() - 1000) });
  context.setDefaultTimeout(45_000);
  return context;
}

/** Until the service worker controls this page: from then on its GETs go through the worker's caches. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 45_000 });
}

/** The API from outside the browser (never offline): a token for the given user. */
export async function apiToken(baseURL: string, username: string): Promise<string> {
  const response = await fetch(new URL('/api/auth/login', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(response.status, 200, 'login for the API check');
  return ((await response.json()) as { payload: { access_token: string } }).payload.access_token;
}

export async function apiGet<T>(baseURL: string, token: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, baseURL), { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `GET ${path}`);
  return ((await response.json()) as { payload: T }).payload;
}

/** Polls until check() returns a value (not undefined), or fails after the timeout. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/**
 * A 12-megapixel (4000 × 3000) JPEG like a phone camera makes (~3–6 MB): drawn in the browser with
 * a canvas (gradients, shapes and grain, so it compresses like a photo, not like a flat colour), so
 * no big binary is committed and no image library is needed.
 */
export async function cameraPhoto(page: Page): Promise<Buffer> {
  const base64 = (await page.evaluate(`(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 4000;
    canvas.height = 3000;
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, 3000);
    sky.addColorStop(0, '#8fb3d9');
    sky.addColorStop(0.55, '#c9b48a');
    sky.addColorStop(1, '#5b4a32');
    g.fillStyle = sky;
    g.fillRect(0, 0, 4000, 3000);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 1500; i += 1) {
      g.fillStyle = 'hsl(' + Math.floor(random() * 60 + 20) + ',' + Math.floor(random() * 40 + 20) + '%,' + Math.floor(random() * 50 + 20) + '%)';
      g.beginPath();
      g.arc(random() * 4000, random() * 3000, random() * 160 + 10, 0, Math.PI * 2);
      g.fill();
    }
    const image = g.getImageData(0, 0, 4000, 3000);
    const data = image.data;
    for (let p = 0; p < data.length; p += 4) {
      const grain = (random() - 0.5) * 36;
      data[p] += grain; data[p + 1] += grain; data[p + 2] += grain;
    }
    g.putImageData(image, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(text);
  })()`)) as string;
  return Buffer.from(base64, 'base64');
}

/**
 * Counts the bytes of the bodies the page POSTs to /api/photos and /api/p2h/reports, as the app hands
 * them to fetch (a multipart body measured encoded, by `new Response(body)`). Measured in the page:
 * Playwright does not see a multipart body built from a Blob (postDataBuffer() is empty).
 */
export async function countPostBytes(page: Page): Promise<() => Promise<{ path: string; bytes: number }[]>> {
  await page.addInitScript(`(() => {
    window.__postBytes = [];
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url, location.href);
      if (init && init.method === 'POST' && /^\\/api\\/(photos|p2h\\/reports)$/.test(url.pathname) && init.body) {
        const bytes = (await new Response(init.body).arrayBuffer()).byteLength;
        window.__postBytes.push({ path: url.pathname, bytes });
      }
      return original(input, init);
    };
  })()`);
  return async () => (await page.evaluate('window.__postBytes || []')) as { path: string; bytes: number }[];
}
