/**
 * A feed's preview in a real browser (Debian's Chromium via playwright-core, see chromium-lede.ts), against
 * Lede started in-process with the fixture site: `/feeds/{id}` shows every published item with its excerpt,
 * backlink and licence note (a title-only item says why); opening an RSS or Atom URL in the browser shows
 * the preview with the URL to paste, while a `fetch()` of the same URL from a page gets the feed itself.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_CONTENT_TYPES, feedPath } from '../../../../src/core/feed-formats.ts';
import { hasChromium, startChromiumLede, type ChromiumLede } from './chromium-lede.ts';

/** What `fetch()` from the page brought back. */
interface Fetched {
  readonly status: number;
  readonly type: string | null;
  readonly vary: string | null;
  readonly text: string;
}

/** The slice of `fetch` the page function calls: the project has no `dom` lib. */
declare function fetch(url: string): Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

let run: ChromiumLede | undefined;
let page: Page;
const consoleErrors: string[] = [];

describe.skipIf(!hasChromium('preview-page.test.ts'))('Feed previews in Chromium', () => {
  beforeAll(async () => {
    run = await startChromiumLede(['monitor', 'signals']);
    page = await run.browser.newPage({ viewport: { width: 1024, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
  }, 60_000);

  afterAll(async () => {
    await run?.close();
  });

  it('/feeds/monitor shows every item’s excerpt, backlink and licence note', async () => {
    const response = await page.goto(`${run!.lede.url}/feeds/monitor`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    const articles = page.locator('main article');
    const count = await articles.count();
    expect(count).toBeGreaterThan(0);
    for (let index = 0; index < count; index++) {
      const article = articles.nth(index);
      expect(await article.locator('.excerpt p').count()).toBeGreaterThan(1);
      expect(await article.locator('.excerpt p').last().textContent()).toBe(
        'Read the full article at The Qazaqstan Monitor',
      );
      expect(await article.locator('.note').textContent()).toMatch(/^Licence: \d+ of \d+ words of the article/);
    }
    await page.screenshot({ path: run!.screenshotPath('preview-monitor.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('/feeds/signals tells why an item is title-only', async () => {
    await page.goto(`${run!.lede.url}/feeds/signals`);
    const notes = await page.locator('main article .note').allTextContents();
    expect(notes.some((note) => /^Title and link only: .+\.$/.test(note))).toBe(true);
    await page.screenshot({ path: run!.screenshotPath('preview-signals.png'), fullPage: true });
  });

  it.each(['rss', 'atom'] as const)(
    'opening /feeds/monitor.%s shows the preview with the URL to paste',
    async (format) => {
      const url = `${run!.lede.url}${feedPath('monitor', format)}`;
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toBe('text/html; charset=UTF-8');
      expect(await page.locator('h1').textContent()).toBe('The Qazaqstan Monitor');
      expect(await page.locator('.subscribe code').textContent()).toBe(url);
      expect(await page.locator('main article').count()).toBeGreaterThan(0);
      await page.screenshot({ path: run!.screenshotPath(`navigate-${format}.png`) });
    },
  );

  it.each(['rss', 'atom'] as const)('fetch() of /feeds/monitor.%s from a page gets the feed', async (format) => {
    const url = `${run!.lede.url}${feedPath('monitor', format)}`;
    // A same-origin page without the pages' CSP (which allows no connections): the health report.
    await page.goto(`${run!.lede.url}/healthz`);
    const fetched = await page.evaluate(async (target): Promise<Fetched> => {
      const answer = await fetch(target);
      const text = await answer.text();
      return {
        status: answer.status,
        type: answer.headers.get('content-type'),
        vary: answer.headers.get('vary'),
        text,
      };
    }, url);
    expect(fetched.status).toBe(200);
    expect(fetched.type).toBe(FEED_CONTENT_TYPES[format]);
    expect(fetched.vary).toContain('Sec-Fetch-Dest, Sec-Fetch-Mode');
    expect(fetched.text).toMatch(format === 'rss' ? /^<\?xml[^>]*\?>\s*<rss/ : /^<\?xml[^>]*\?>\s*<feed/);
    const direct = await fetch(url);
    expect(fetched.text).toBe(await direct.text());
  });
});
