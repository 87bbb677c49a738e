import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newContext, watchErrors } from './browser.js';
import { startWebServer, type WebServer } from './server.js';

export interface BrowserApp {
  server(): WebServer;
  /** A fresh browser context (own storage: a separate phone) at this size, with its first page. */
  open(viewport: { width: number; height: number }): Promise<{ page: Page; errors: () => string[] }>;
}

/** In a describe(): one real server and one Chromium for its tests, closed after them. */
export function useBrowserApp(): BrowserApp {
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  before(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchChromium()]);
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  return {
    server: () => server!,
    async open(viewport) {
      const context = await newContext(browser!, server!.url, viewport);
      contexts.push(context);
      const page = await context.newPage();
      return { page, errors: watchErrors(page) };
    },
  };
}
