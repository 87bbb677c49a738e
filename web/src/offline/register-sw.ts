import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker (built by vite-plugin-pwa, registerType 'autoUpdate'): a new release
 * installs in the background, takes over and reloads the page. Queued reports are safe across that:
 * they are in IndexedDB, in a versioned format the new sender reads (queue-model.ts upgradeRecord).
 * Only where service workers exist and in a production build (the dev server has none).
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  registerSW({ immediate: true });
}

/** The cached API answers belong to one user: forget them when that user logs out (the next one on this phone must not see them). */
export function forgetCachedApi(): void {
  if (typeof caches === 'undefined') return;
  void caches.delete('p2h-api').catch(() => undefined);
  void caches.delete('p2h-photos').catch(() => undefined);
}
