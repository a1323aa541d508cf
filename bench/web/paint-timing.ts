import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';

/** Chrome DevTools' "Fast 3G" preset: 562.5 ms latency, ~1.44 Mbit/s down, ~675 kbit/s up. */
export const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
} as const;

/** 4x slower CPU, as DevTools' "4x slowdown" (a mid-range phone against this machine). */
export const CPU_SLOWDOWN = 4;

/** How a page load went: times from navigation start (ms) and bytes on the wire. */
export type LoadTiming = {
  /** First contentful paint (the Paint Timing entry). */
  readonly fcpMs: number;
  /** When the screen became usable: the room's composer enabled, or the welcome's buttons. */
  readonly usableMs: number;
  /** Bytes received for every response until usable (headers and bodies, as encoded). */
  readonly wireBytes: number;
};

/**
 * Marks, from inside the page, the moment the composer (`#composer-text`, enabled) or the
 * welcome screen's "Create room..." button first exists, in `performance.now()` time.
 */
function watchUsable(): void {
  const w = window as unknown as { __yamUsableAt?: number };
  const check = () => {
    if (w.__yamUsableAt !== undefined) return;
    const composer = document.getElementById('composer-text') as HTMLTextAreaElement | null;
    const create = [...document.querySelectorAll('button')].some(
      (b) => b.textContent === 'Create room...',
    );
    if ((composer && !composer.disabled) || create) w.__yamUsableAt = performance.now();
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
  });
}

/** Makes a context that marks when the page is usable (see watchUsable). */
export async function timedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addInitScript(watchUsable);
  return context;
}

/**
 * Loads `url` with a cold HTTP cache under the throttling above and returns the timings.
 * `compressed: false` asks for identity encoding, as a server without compression would
 * send (the ratio baseline). IndexedDB (the room list, keys, history) stays as it was.
 */
export async function timedLoad(
  page: Page,
  url: string,
  options: { compressed: boolean; throttled: boolean },
): Promise<LoadTiming> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.setExtraHTTPHeaders', {
      headers: options.compressed ? {} : { 'Accept-Encoding': 'identity' },
    });
    if (options.throttled) {
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const bytes = countBytes(cdp);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => (window as unknown as { __yamUsableAt?: number }).__yamUsableAt !== undefined,
      null,
      { timeout: 120_000, polling: 100 },
    );
    const wireBytes = bytes.stop();
    const timing = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      usable: (window as unknown as { __yamUsableAt: number }).__yamUsableAt,
    }));
    return { fcpMs: timing.fcp, usableMs: timing.usable, wireBytes };
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
}

function countBytes(cdp: CDPSession): { stop(): number } {
  let total = 0;
  const onFinished = (e: { encodedDataLength: number }) => {
    total += e.encodedDataLength;
  };
  cdp.on('Network.loadingFinished', onFinished);
  return {
    stop() {
      cdp.off('Network.loadingFinished', onFinished);
      return total;
    },
  };
}
