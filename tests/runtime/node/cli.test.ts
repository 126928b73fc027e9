/** The CLI contract: `npm run refresh -- [id…]`, `npm run audit -- [id…]` and `npm run extract -- <file-or-url>… [--base URL] [--share 0.3] [--json]`. */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace, runNode, runToEnd } from '../../helpers/spawn-lede.ts';

let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
const ARTICLE_PATH = '/politics/1101/senate-backs-water-code-overhaul';
let ARTICLE_FILE: string;

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor', 'legacy']);
  // A page saved to disk, as an operator would try a site's page before writing its definition.
  ARTICLE_FILE = path.join(workspace.dir, 'saved-article.html');
  await writeFile(ARTICLE_FILE, await (await fetch(site.url(ARTICLE_PATH))).text());
});
afterAll(async () => {
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

const env = () => ({ FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir });

/** The CLI's stdout, one JSON value per line, parsed by `schema`: the fields these tests read, others kept. */
function parseLines<T>(stdout: string, schema: v.GenericSchema<unknown, T>): T[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => v.parse(schema, JSON.parse(line)));
}

const REFRESH_REPORT = v.looseObject({ feedId: v.string(), ok: v.boolean(), fetched: v.number() });
const AUDIT_REPORT = v.looseObject({
  feedId: v.string(),
  ok: v.boolean(),
  checked: v.number(),
  failing: v.number(),
  findings: v.array(v.looseObject({ problems: v.array(v.looseObject({ code: v.string() })) })),
});
/** An extract line: a page's fields in the CLI's order (a loose object with no entries keeps that order). */
const EXTRACT_LINE = v.looseObject({});
const EXTRACTED_PAGE = v.looseObject({
  url: v.string(),
  title: v.nullable(v.string()),
  image: v.nullable(v.string()),
  language: v.nullable(v.string()),
  words: v.number(),
  text: v.string(),
  excerpt: v.looseObject({ words: v.number(), share: v.number(), html: v.string() }),
});
const EXTRACT_ERROR = v.looseObject({ error: v.looseObject({ code: v.unknown(), message: v.string() }) });

describe('npm run refresh', () => {
  it('refreshes the named feeds once, prints a JSON report each and exits 0', async () => {
    const result = await runToEnd(runNode('src/runtime/node/cli.ts', ['refresh', 'monitor'], env()));
    expect(result.code).toBe(0);
    const reports = parseLines(result.stdout, REFRESH_REPORT);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ feedId: 'monitor', ok: true });
    expect(reports[0]!.fetched).toBeGreaterThan(0);
  });

  it('refreshes every feed without ids, and exits 2 for an unknown id', async () => {
    const all = await runToEnd(runNode('src/runtime/node/cli.ts', ['refresh'], env()));
    expect(all.stdout.trim().split('\n')).toHaveLength(2);
    const unknown = await runToEnd(runNode('src/runtime/node/cli.ts', ['refresh', 'nope'], env()));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no such feed: nope');
  });
});

describe('npm run refresh failures', () => {
  it('exits 1 naming a feed whose source failed, and an invalid definition, with the reason', async () => {
    const broken = await makeWorkspace(site.origin, ['monitor']);
    try {
      await writeFile(path.join(broken.feedsDir, 'bad.json'), JSON.stringify({ id: 'bad', title: 'Bad' }));
      const brokenEnv = { FEEDS_DIR: broken.feedsDir, DATA_DIR: broken.dataDir };
      const invalid = await runToEnd(runNode('src/runtime/node/cli.ts', ['refresh'], brokenEnv));
      expect(invalid.code).toBe(1);
      expect(parseLines(invalid.stdout, REFRESH_REPORT)[0]).toMatchObject({ feedId: 'monitor', ok: true });
      expect(invalid.stderr).toMatch(/lede: invalid definition \S*bad\.json: \S+: ./);
      await rm(path.join(broken.feedsDir, 'bad.json'));
      site.fail('/rss', 500);
      const failed = await runToEnd(runNode('src/runtime/node/cli.ts', ['refresh', 'monitor'], brokenEnv));
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/lede: feed monitor failed: http-status: .*\/rss/);
    } finally {
      site.restore('/rss');
      await rm(broken.dir, { recursive: true, force: true });
    }
  });
});

describe('npm run audit', () => {
  it('prints one JSON report per feed: exit 0 when every stored item passes, 1 when one was altered, 2 for an unknown id', async () => {
    await runToEnd(runNode('src/runtime/node/cli.ts', ['refresh'], env()));
    const clean = await runToEnd(runNode('src/runtime/node/cli.ts', ['audit', 'monitor'], env()));
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ feedId: 'monitor', ok: true, failing: 0 });
    const db = new DatabaseSync(path.join(workspace.dataDir, 'lede.sqlite'));
    db.prepare(
      "UPDATE articles SET item = json_set(item, '$.excerpt.paragraphs[0]', 'Altered in the store.') WHERE feed_id = 'monitor' AND item IS NOT NULL",
    ).run();
    db.close();
    const altered = await runToEnd(runNode('src/runtime/node/cli.ts', ['audit'], env()));
    expect(altered.code).toBe(1);
    const reports = parseLines(altered.stdout, AUDIT_REPORT);
    expect(reports.map((report) => [report.feedId, report.ok])).toEqual([
      ['legacy', true],
      ['monitor', false],
    ]);
    expect(reports[1]!.failing).toBe(reports[1]!.checked);
    expect(reports[1]!.findings[0]!.problems.map((problem) => problem.code)).toContain('excerpt-hash');
    expect((await runToEnd(runNode('src/runtime/node/cli.ts', ['audit', 'nope'], env()))).code).toBe(2);
  });
});

describe('npm run extract', () => {
  it('prints one JSON line per page, in the order given, for files and URLs', async () => {
    const url = site.url('/culture/1107/nauryz-auyldagy-koktem');
    const result = await runToEnd(
      runNode(
        'src/runtime/node/cli.ts',
        ['extract', ARTICLE_FILE, url, '--base', site.url(ARTICLE_PATH), '--share', '0.3', '--json'],
        {},
      ),
    );
    expect(result.code).toBe(0);
    const lines = parseLines(result.stdout, EXTRACT_LINE);
    expect(lines).toHaveLength(2);
    const [file, page] = v.parse(v.tuple([EXTRACTED_PAGE, EXTRACTED_PAGE]), lines);
    expect(Object.keys(lines[0]!)).toEqual([
      'url',
      'title',
      'published',
      'author',
      'image',
      'language',
      'words',
      'text',
      'excerpt',
    ]);
    expect(file.url).toBe(site.url(ARTICLE_PATH));
    expect(file.words).toBeGreaterThan(100);
    expect(file.excerpt.words).toBeLessThanOrEqual(Math.floor(0.3 * file.words));
    expect(file.excerpt.share).toBeLessThanOrEqual(0.3);
    expect(file.excerpt.html).toContain(`Read the full article at <a href="${file.url}">`);
    // The item as Lede would publish it: the lead image with its credit (the default licence wants one).
    expect(file.image).toBe(site.url('/img/senate-water.jpg'));
    const lead = `<p><img src="${file.image ?? ''}" alt=""><br><em>Twitter/@SenateKZ_Press</em></p>`;
    expect(file.excerpt.html.slice(0, lead.length)).toBe(lead);
    expect(page.language).toBe('kk');
    expect(page.text).toMatch(/[әғқңөұүһі]/);
  });

  it('reports a page that cannot be read and goes on with the rest', async () => {
    const result = await runToEnd(
      runNode('src/runtime/node/cli.ts', ['extract', '/no/such/file.html', ARTICLE_FILE, '--base', site.url('/x')], {}),
    );
    expect(result.code).toBe(1);
    const [failed, read] = v.parse(v.tuple([EXTRACT_ERROR, EXTRACTED_PAGE]), parseLines(result.stdout, EXTRACT_LINE));
    expect(failed.error.code).toBeDefined();
    expect(read.title).toBeTruthy();
  });

  it('reports a missing file as not-found, naming its path', async () => {
    const result = await runToEnd(runNode('src/runtime/node/cli.ts', ['extract', '/no/such/file.html'], {}));
    expect(result.code).toBe(1);
    const [failed] = v.parse(v.tuple([EXTRACT_ERROR]), parseLines(result.stdout, EXTRACT_LINE));
    expect(failed.error.code).toBe('not-found');
    expect(failed.error.message).toContain('/no/such/file.html');
  });

  it('prints its usage for --help (exit 0) and without a file (exit 2), checking --share only when given', async () => {
    const help = await runToEnd(runNode('src/runtime/node/cli.ts', ['extract', '--help'], {}));
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run extract -- <file-or-url>');
    const bare = await runToEnd(runNode('src/runtime/node/cli.ts', ['extract'], {}));
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('npm run extract -- <file-or-url>');
    expect(bare.stderr).not.toContain('--share must');
    const badShare = await runToEnd(runNode('src/runtime/node/cli.ts', ['extract', ARTICLE_FILE, '--share', '2'], {}));
    expect(badShare.code).toBe(2);
    expect(badShare.stderr).toContain('--share must be greater than 0 and at most 1');
    expect(badShare.stdout).toBe('');
  });
});
