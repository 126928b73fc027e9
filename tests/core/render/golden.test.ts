/**
 * Golden files: the three formats of the `monitor` fixture feed, built end to end from the fixture
 * site's HTML. Regenerate only on purpose: `UPDATE_GOLDEN=1 npx vitest run tests/core/render/golden.test.ts`.
 * The fixture site's random port is replaced by a fixed origin so the files are stable.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/core/hash.ts';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import { RENDER_VERSION } from '../../../src/core/render/render-feed.ts';
import type { FeedFormat } from '../../../src/core/types.ts';
import { assertValidAtom, assertValidJsonFeed, assertValidRss } from '../../helpers/feed-validity.ts';
import { openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';

const STABLE_ORIGIN = 'http://fixture.test';
const VALIDATE: Record<FeedFormat, (body: string) => unknown> = {
  rss: assertValidRss,
  atom: assertValidAtom,
  json: assertValidJsonFeed,
};

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  const report = await refreshFeed(h.deps, h.feeds.get('monitor')!, { publicUrl: PUBLIC_URL });
  expect(report.errors).toEqual([]);
});
afterAll(async () => {
  await h.close();
});

describe('golden feeds', () => {
  it.each(['rss', 'atom', 'json'] as const)('monitor.%s matches tests/core/render/golden', async (format) => {
    const rendition = await h.store.getRendition('monitor', format);
    const body = rendition!.body.replaceAll(h.site.origin, STABLE_ORIGIN);
    VALIDATE[format](body);
    const file = new URL(`./golden/monitor.${format}`, import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(file, body);
    const golden = await readFile(file, 'utf8');
    VALIDATE[format](golden);
    expect(body).toBe(golden);
  });

  // Publishing skips rendering while its inputs and RENDER_VERSION are unchanged, so new renderer output
  // must come with a new version. The manifest pins the version to the golden bytes; regenerating golden
  // files that differ under the same version fails here. (A fixture or extraction change moves the golden
  // bytes too: bumping the version then costs one extra render per feed, nothing more.)
  it('pins RENDER_VERSION to the golden output', async () => {
    const manifestFile = new URL('./golden/render-version.json', import.meta.url);
    const hashes: Record<string, string> = {};
    for (const format of ['rss', 'atom', 'json']) {
      hashes[format] = await sha256Hex(await readFile(new URL(`./golden/monitor.${format}`, import.meta.url), 'utf8'));
    }
    if (process.env.UPDATE_GOLDEN === '1') {
      const recorded = JSON.parse(await readFile(manifestFile, 'utf8').catch(() => '{}')) as {
        version?: number;
        hashes?: unknown;
      };
      if (recorded.version === RENDER_VERSION && JSON.stringify(recorded.hashes) !== JSON.stringify(hashes)) {
        throw new Error(
          'the golden output changed: bump RENDER_VERSION in src/core/render/render-feed.ts, then regenerate',
        );
      }
      await writeFile(manifestFile, `${JSON.stringify({ version: RENDER_VERSION, hashes }, null, 2)}\n`);
    }
    expect(JSON.parse(await readFile(manifestFile, 'utf8'))).toEqual({ version: RENDER_VERSION, hashes });
  });
});
