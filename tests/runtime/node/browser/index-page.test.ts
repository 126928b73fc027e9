/**
 * `GET /` in a real browser (Debian's Chromium via playwright-core, see chromium-lede.ts), against Lede
 * started in-process with the fixture news site, a real start-up refresh, and one feed whose source is
 * unreachable. Checks what a reader's browser sees: the title, one section per feed with its status, the
 * `<link rel="alternate">` autodiscovery tags (type and the absolute URL the browser resolves), the copy
 * buttons (the clipboard holds the absolute feed URL), that every feed link opens, no console errors
 * (a CSP violation is one) while the page loads, and a full-page screenshot.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_CONTENT_TYPES, FEED_FORMATS, feedPath } from '../../../../src/core/feed-formats.ts';
import { hasChromium, startChromiumLede, UNREACHABLE_FEED, type ChromiumLede } from './chromium-lede.ts';

const FEED_IDS = ['blog', 'legacy', 'monitor'] as const;

/** The slice of a `<link>` element the page function reads, typed here: the project has no `dom` lib. */
interface LinkElement {
  getAttribute(name: string): string | null;
  /** The absolute URL the browser resolved (HTMLLinkElement.href). */
  readonly href: string;
}

/** The slice of `navigator` the page function reads. */
declare const navigator: { clipboard: { readText(): Promise<string> } };

let run: ChromiumLede | undefined;
let context: BrowserContext;
let page: Page;
/** Console errors and uncaught exceptions while `/` loaded, up to network idle (the favicon request included). */
const loadErrors: string[] = [];

describe.skipIf(!hasChromium('index-page.test.ts'))('GET / in Chromium', () => {
  beforeAll(async () => {
    run = await startChromiumLede(FEED_IDS, { unreachable: true });
    context = await run.browser.newContext({ viewport: { width: 1024, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: run.lede.url });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') loadErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => loadErrors.push(String(error)));
    const response = await page.goto(`${run.lede.url}/`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await run?.close();
  });

  it('loads without console errors (no CSP violation) and renders a screenshot', async () => {
    expect(loadErrors).toEqual([]);
    const shot = run!.screenshotPath('index.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect((await readFile(shot)).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('has the title and one section per feed', async () => {
    expect(await page.title()).toBe('Lede feeds');
    const headings = await page.locator('section h2').allTextContents();
    const titles = [...FEED_IDS, UNREACHABLE_FEED].map((id) => run!.lede.feeds.get(id)!.title);
    expect(headings.toSorted()).toEqual(titles.toSorted());
  });

  it('shows every feed’s status: ok for the built ones, not built yet (with the error) for the unreachable one', async () => {
    for (const id of FEED_IDS) {
      const section = page.locator(`section[data-feed="${id}"]`);
      await expect.poll(() => section.locator('dd[data-status]').textContent()).toBe('ok');
      expect(Number(await section.locator('dt:text("Items") + dd').textContent())).toBeGreaterThan(0);
      expect(await section.locator('h3 + ul li').count()).toBe(3);
    }
    const unreachable = page.locator(`section[data-feed="${UNREACHABLE_FEED}"] dd[data-status]`);
    expect(await unreachable.getAttribute('data-status')).toBe('not-built');
    expect(await unreachable.textContent()).toMatch(/^not built yet \(.+\)$/);
  });

  it('exposes RSS, Atom and JSON Feed autodiscovery links that resolve to each feed', async () => {
    const links = await page
      .locator('head link[rel="alternate"]')
      .evaluateAll((elements: LinkElement[]) =>
        elements.map((element) => ({ type: element.getAttribute('type'), href: element.href })),
      );
    const expected = [...FEED_IDS, UNREACHABLE_FEED].flatMap((id) =>
      FEED_FORMATS.map((format) => ({
        type: FEED_CONTENT_TYPES[format].split(';')[0],
        href: `${run!.lede.url}${feedPath(id, format)}`,
      })),
    );
    const byHref = (a: { href: string }, b: { href: string }) => a.href.localeCompare(b.href);
    expect(links.toSorted(byHref)).toEqual(expected.toSorted(byHref));
  });

  it('shows each feed URL absolute, and its copy button copies it', async () => {
    for (const format of FEED_FORMATS) {
      const url = `${run!.lede.url}${feedPath('monitor', format)}`;
      const section = page.locator('section[data-feed="monitor"]');
      expect(await section.locator(`code[data-url="${feedPath('monitor', format)}"]`).textContent()).toBe(url);
      const button = section.locator(`button[data-copy="${feedPath('monitor', format)}"]`);
      await button.click();
      await expect.poll(() => button.textContent()).toBe('Copied');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    }
  });

  it('lets a reader click every feed link: it opens the feed’s preview, with its URL to paste', async () => {
    const anchors = page.locator('a.feed-link');
    expect(await anchors.count()).toBe((FEED_IDS.length + 1) * FEED_FORMATS.length);
    for (const id of FEED_IDS) {
      for (const format of FEED_FORMATS) {
        const url = `${run!.lede.url}${feedPath(id, format)}`;
        const [response] = await Promise.all([
          page.waitForResponse(url),
          page.locator(`a.feed-link[href="${feedPath(id, format)}"]`).click(),
        ]);
        expect(response.status(), url).toBe(200);
        expect(response.headers()['content-type'], url).toBe('text/html; charset=UTF-8');
        // The page's script writes the absolute URL after load: wait for it rather than read once.
        await expect.poll(() => page.locator('.subscribe code').textContent(), { message: url }).toBe(url);
        await page.goBack();
      }
    }
  });
});
