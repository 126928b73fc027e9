/**
 * `npm run extract -- --feed <id> <file-or-url>`: a page through one definition's stages (its selectors,
 * licence and the site's signals), as a real process over the fixture site and its definitions
 * (tests/fixtures/site/definitions.ts); and the error codes an operator sees.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace, runNode, runToEnd } from '../../helpers/spawn-lede.ts';

let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
const ARTICLE = '/politics/1101/senate-backs-water-code-overhaul';

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor', 'signals']);
});
afterAll(async () => {
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

interface ExtractLine {
  text: string;
  words: number;
  excerpt: { html: string; words: number; share: number };
  feed?: string;
  policy?: { maxShare: number; titleOnly: boolean; titleOnlyReason?: string };
  error?: { code: string; message: string };
}

async function extract(...args: string[]) {
  const result = await runToEnd(
    runNode('src/runtime/node/cli.ts', ['extract', ...args], { FEEDS_DIR: workspace.feedsDir }),
  );
  const lines = result.stdout.trim()
    ? result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ExtractLine)
    : [];
  return { ...result, lines };
}

describe('npm run extract -- --feed <id>', () => {
  it("applies the feed's selectors and licence, for a URL and for a saved file with --base", async () => {
    const plain = await extract(site.url(ARTICLE));
    const byFeed = await extract('--feed', 'monitor', site.url(ARTICLE));
    expect(byFeed.code).toBe(0);
    const [page] = byFeed.lines;
    expect(page).toMatchObject({ feed: 'monitor', policy: { maxShare: 0.3, titleOnly: false } });
    // The definition's `.article__body` (minus `.related`, `.share`), not the generic extraction, which starts with
    // the standfirst above the body.
    const standfirst = 'Senators approved a rewritten Water Code';
    expect(plain.lines[0]!.text.startsWith(standfirst)).toBe(true);
    expect(page!.text.startsWith(standfirst)).toBe(false);
    expect(page!.excerpt.html).toContain('The Qazaqstan Monitor');
    expect(page!.excerpt.words).toBeLessThanOrEqual(Math.floor(0.3 * page!.words));

    const saved = path.join(workspace.dir, 'saved.html');
    await writeFile(saved, await (await fetch(site.url(ARTICLE))).text());
    const fromFile = await extract('--feed', 'monitor', saved, '--base', site.url(ARTICLE));
    expect(fromFile.lines[0]).toMatchObject({ feed: 'monitor', words: page!.words, text: page!.text });
  });

  it("reads the site's signals: tdmrep.json reserves the page, so the feed would carry its title only", async () => {
    const plain = await extract(site.url('/signals/tdm/reserved'));
    expect(plain.lines[0]!.excerpt.words).toBeGreaterThan(0);
    const byFeed = await extract('--feed', 'signals', site.url('/signals/tdm/reserved'));
    expect(byFeed.code).toBe(0);
    expect(byFeed.lines[0]).toMatchObject({
      feed: 'signals',
      policy: { titleOnly: true, titleOnlyReason: 'tdm-reserved' },
      excerpt: { words: 0 },
    });
  });

  it('an unknown id: exit 2 naming the defined ids, nothing fetched', async () => {
    site.reset();
    const result = await extract('--feed', 'nope', site.url(ARTICLE));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('lede: no such feed: nope (defined: monitor, signals)\n');
    expect(result.stdout).toBe('');
    expect(site.hits.get(ARTICLE)).toBeUndefined();
  });

  it('an invalid definition: exit 1 with its file, field and reason, nothing fetched', async () => {
    site.reset();
    const broken = path.join(workspace.feedsDir, 'broken.json');
    await writeFile(broken, JSON.stringify({ title: 'Broken' }));
    try {
      const result = await extract('--feed', 'broken', site.url(ARTICLE));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^lede: invalid definition .*broken\.json: /);
      expect(site.hits.get(ARTICLE)).toBeUndefined();
    } finally {
      await rm(broken);
    }
  });

  it('errors carry their code: bad-content-type, not-found, http-status', async () => {
    const missing = path.join(workspace.dir, 'missing.html');
    const result = await extract('--feed', 'monitor', site.url('/typed/pdf'), missing, site.url('/status/404'));
    expect(result.code).toBe(1);
    expect(result.lines.map((line) => line.error?.code)).toEqual(['bad-content-type', 'not-found', 'http-status']);
  });
});
