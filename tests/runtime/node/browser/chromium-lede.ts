/**
 * @module tests/runtime/node/browser/chromium-lede
 * What the browser suites share: Lede started in-process on a free port over the fixture news site (a real
 * start-up refresh), and Debian's Chromium (/usr/bin/chromium) driven by playwright-core. A machine
 * without /usr/bin/chromium skips the suites, saying why (`apt-get install chromium`).
 *
 * Screenshots go to LEDE_SCREENSHOT_DIR when it is set (kept), else to the run's temp folder (removed).
 */
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { parseRuntimeConfig } from '../../../../src/core/config/runtime-config.ts';
import { startLede, type LedeNode } from '../../../../src/runtime/node/server.ts';
import { fixtureFeedDefinitions } from '../../../fixtures/site/definitions.ts';
import { startFixtureSite, type FixtureSite } from '../../../fixtures/site/server.ts';
import { silentLog } from '../../../helpers/silent-log.ts';
import { makeWorkspace } from '../../../helpers/spawn-lede.ts';

export const CHROMIUM = '/usr/bin/chromium';
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

/** Whether the browser is installed; a suite that needs it is skipped (with a warning) when not. */
export function hasChromium(suite: string): boolean {
  const available = existsSync(CHROMIUM);
  if (!available) console.warn(`${suite}: skipped, no browser at ${CHROMIUM} (apt-get install chromium).`);
  return available;
}

/** The id of a defined feed whose source answers 404: never built, its status says why. */
export const UNREACHABLE_FEED = 'unreachable';

export interface ChromiumLede {
  readonly site: FixtureSite;
  readonly lede: LedeNode;
  readonly browser: Browser;
  /** Where a screenshot named `name` is written. */
  screenshotPath(name: string): string;
  close(): Promise<void>;
}

/**
 * Start the fixture site, Lede over the feeds `ids` (plus `UNREACHABLE_FEED` when asked) and Chromium.
 * @example const run = await startChromiumLede(['monitor'], { unreachable: true }); … await run.close();
 */
export async function startChromiumLede(
  ids: readonly string[],
  options: { readonly unreachable?: boolean } = {},
): Promise<ChromiumLede> {
  const site = await startFixtureSite();
  const workspace = await makeWorkspace(site.origin, ids);
  if (options.unreachable === true) {
    const { monitor } = fixtureFeedDefinitions(site.origin);
    const broken = {
      ...monitor,
      title: 'Unreachable Times',
      source: { type: 'feed', url: `${site.origin}/no-such-feed` },
    };
    await writeFile(path.join(workspace.feedsDir, `${UNREACHABLE_FEED}.json`), JSON.stringify(broken));
  }
  const config = parseRuntimeConfig({ PORT: '0', FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir });
  const lede = await startLede(config, silentLog);
  await lede.initialRefresh;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const shots = process.env.LEDE_SCREENSHOT_DIR ?? workspace.dir;
  return {
    site,
    lede,
    browser,
    screenshotPath: (name) => path.join(shots, name),
    async close() {
      await browser.close();
      await lede.close();
      await site.close();
      await rm(workspace.dir, { recursive: true, force: true });
    },
  };
}
