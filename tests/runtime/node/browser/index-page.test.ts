/**
 * `GET /` in a real browser: Debian's Chromium (/usr/bin/chromium) driven by playwright-core, against
 * Lede started in-process on a free port with the fixture news site and a real start-up refresh.
 * Checks what a reader's browser sees: the title, the `<link rel="alternate">` autodiscovery tags
 * (type and the absolute URL the browser resolves), no console errors while the page loads, and that
 * every feed link on the page can be clicked and brings the feed back with status 200 and its content type.
 * A machine without /usr/bin/chromium skips the suite, saying why (`apt-get install chromium`).
 * The screenshot goes to a temp folder removed afterwards; set LEDE_SCREENSHOT=/path/x.png to keep one.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../../../src/core/config/runtime-config.ts';
import { silentLog } from '../../../helpers/silent-log.ts';
import { FEED_CONTENT_TYPES, FEED_FORMATS, feedPath } from '../../../../src/core/feed-formats.ts';
import { startLede, type LedeNode } from '../../../../src/runtime/node/server.ts';
import { startFixtureSite, type FixtureSite } from '../../../fixtures/site/server.ts';
import { makeWorkspace } from '../../../helpers/spawn-lede.ts';

const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium dials out (updates, sync, QUIC probes) at start,
// and a closed network refuses those connections.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const FEED_IDS = ['blog', 'legacy', 'monitor'] as const;

/** The slice of a `<link>` element the page function reads, typed here: the project has no `dom` lib. */
interface LinkElement {
  getAttribute(name: string): string | null;
  /** The absolute URL the browser resolved (HTMLLinkElement.href). */
  readonly href: string;
}

const available = existsSync(CHROMIUM);
if (!available) console.warn(`index-page.test.ts: skipped, no browser at ${CHROMIUM} (apt-get install chromium).`);

// Undefined until beforeAll gets that far: afterAll closes only what was started.
let site: FixtureSite | undefined;
let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
let lede: LedeNode | undefined;
let browser: Browser | undefined;
let page: Page;
/** Console errors and uncaught exceptions while `/` loaded, up to network idle (the favicon request included). */
const loadErrors: string[] = [];

describe.skipIf(!available)(`GET / in Chromium (${CHROMIUM})`, () => {
  beforeAll(async () => {
    site = await startFixtureSite();
    workspace = await makeWorkspace(site.origin, FEED_IDS);
    const config = parseRuntimeConfig({ PORT: '0', FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir });
    lede = await startLede(config, silentLog);
    await lede.initialRefresh;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    // The first load in this browser: Chromium asks for a missing favicon once per session.
    const response = await page.goto(`${lede.url}/`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    loadErrors.push(...errors);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await lede?.close();
    await site?.close();
    if (workspace) await rm(workspace.dir, { recursive: true, force: true });
  });

  it('has the title and one section per feed', async () => {
    expect(await page.title()).toBe('Lede feeds');
    const headings = await page.locator('section h2').allTextContents();
    expect(headings.toSorted()).toEqual(FEED_IDS.map((id) => lede!.feeds.get(id)!.title).toSorted());
  });

  it('exposes RSS, Atom and JSON Feed autodiscovery links that resolve to each feed', async () => {
    const links = await page
      .locator('head link[rel="alternate"]')
      .evaluateAll((elements: LinkElement[]) =>
        elements.map((element) => ({ type: element.getAttribute('type'), href: element.href })),
      );
    const expected = FEED_IDS.flatMap((id) =>
      FEED_FORMATS.map((format) => ({
        type: FEED_CONTENT_TYPES[format].split(';')[0],
        href: `${lede!.url}${feedPath(id, format)}`,
      })),
    );
    const byHref = (a: { href: string }, b: { href: string }) => a.href.localeCompare(b.href);
    expect(links.toSorted(byHref)).toEqual(expected.toSorted(byHref));
  });

  it('lets a reader click every feed link and receive the feed', async () => {
    const anchors = page.locator('a[href^="/feeds/"]');
    expect(await anchors.count()).toBe(FEED_IDS.length * FEED_FORMATS.length);
    for (const id of FEED_IDS) {
      for (const format of FEED_FORMATS) {
        const url = `${lede!.url}${feedPath(id, format)}`;
        // A feed is a download for Chromium, not a page: wait for the response the click brings.
        const [response] = await Promise.all([
          page.waitForResponse(url),
          page.locator(`a[href="${feedPath(id, format)}"]`).click(),
        ]);
        expect(response.status(), url).toBe(200);
        expect(response.headers()['content-type'], url).toBe(FEED_CONTENT_TYPES[format]);
        expect((await response.body()).length, url).toBeGreaterThan(0);
        if (page.url() !== `${lede!.url}/`) await page.goto(`${lede!.url}/`);
      }
    }
  });

  it('loads without console errors and renders a screenshot', async () => {
    expect(loadErrors).toEqual([]);
    const shot = process.env.LEDE_SCREENSHOT ?? path.join(workspace!.dir, 'index.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect((await readFile(shot)).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
