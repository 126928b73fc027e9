/**
 * `npm run check -- [id…]` as a real process against the fixture site (src/runtime/node/cli-check.ts): the
 * table's rows, exit 0/1/2, nothing stored; and an id whose file exists but is invalid, named to `refresh`,
 * `audit` or `check`: the reason (file, field, reason) and exit 1, never "no such feed".
 */
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureFeedDefinitions } from '../../fixtures/site/definitions.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace, runNode, runToEnd } from '../../helpers/spawn-lede.ts';

let site: FixtureSite;
let good: Awaited<ReturnType<typeof makeWorkspace>>;
let bad: Awaited<ReturnType<typeof makeWorkspace>>;

/** A feed whose only article is a PDF: the source reads, the article cannot be extracted. */
const PDF_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>PDFs</title><link>{{origin}}/</link><description>d</description>
<item><title>A report</title><link>{{origin}}/typed/pdf</link></item>
</channel></rss>`;

beforeAll(async () => {
  site = await startFixtureSite();
  site.setFile('/pdf-feed.xml', PDF_FEED, { contentType: 'application/rss+xml' });
  good = await makeWorkspace(site.origin, ['monitor', 'blog']);
  bad = await makeWorkspace(site.origin, ['monitor']);
  const { monitor } = fixtureFeedDefinitions(site.origin);
  const write = (id: string, definition: unknown) =>
    writeFile(path.join(bad.feedsDir, `${id}.json`), JSON.stringify(definition));
  await write('gone', { ...monitor, source: { type: 'feed', url: site.url('/no-such-feed') } });
  await write('pdf', { ...monitor, source: { type: 'feed', url: site.url('/pdf-feed.xml') } });
  await write('badfile', { ...monitor, license: { maxShare: 2, attribution: 'x' } });
});

afterAll(async () => {
  await site.close();
  for (const workspace of [good, bad]) await rm(workspace.dir, { recursive: true, force: true });
});

function run(workspace: typeof good, args: readonly string[]) {
  const env = { FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir, LOG_LEVEL: 'error' };
  return runToEnd(runNode('src/runtime/node/cli.ts', args, env));
}

/** The table's rows by feed: the cells of each line, split on the column gaps. */
function readTable(stdout: string): Map<string, string[]> {
  const [header, ...lines] = stdout.split('\n\n')[0]!.trim().split('\n');
  expect(header!.split(/\s{2,}/)).toEqual(['feed', 'source', 'entries', 'words', 'excerpt', 'signals']);
  return new Map(lines.map((line) => [line.split(/\s{2,}/)[0]!, line.split(/\s{2,}/)]));
}

describe('npm run check', () => {
  it('prints a row per feed and exits 0 when every source and sample article reads; stores nothing', async () => {
    const { code, stdout } = await run(good, ['check']);
    expect(code).toBe(0);
    const rows = readTable(stdout);
    expect([...rows.keys()]).toEqual(['blog', 'monitor']);
    const [, source, entries, words, share, signals] = rows.get('monitor')!;
    expect(source).toBe('ok');
    expect(Number(entries)).toBe(6);
    expect(Number(words)).toBeGreaterThan(100);
    // The monitor licence allows 30%: the sample's excerpt stays under it.
    expect(Number(share!.replace('%', ''))).toBeGreaterThan(0);
    expect(Number(share!.replace('%', ''))).toBeLessThanOrEqual(30);
    expect(signals).toMatch(/^(none|[a-z:0-9,-]+)$/);
    expect(existsSync(good.dataDir)).toBe(false);
  });

  it('exits 1 and says why for an invalid definition, a failed source and an unreadable article', async () => {
    const { code, stdout } = await run(bad, ['check']);
    expect(code).toBe(1);
    const rows = readTable(stdout);
    expect([...rows.keys()]).toEqual(['badfile', 'gone', 'monitor', 'pdf']);
    expect(rows.get('badfile')?.[1]).toBe('invalid definition');
    expect(rows.get('gone')?.slice(1, 3)).toEqual(['http-status 404', '-']);
    expect(rows.get('pdf')?.slice(1, 3)).toEqual(['ok', '1']);
    expect(rows.get('monitor')?.[1]).toBe('ok');
    expect(stdout).toContain(
      `badfile: invalid-definition: license.maxShare: must be greater than 0 and at most 1 (${path.join(bad.feedsDir, 'badfile.json')})`,
    );
    expect(stdout).toMatch(/^gone: http-status: .*no-such-feed/m);
    expect(stdout).toMatch(/^pdf: bad-content-type: .*\/typed\/pdf/m);
  });

  it('checks only the named feeds', async () => {
    const { code, stdout } = await run(bad, ['check', 'monitor']);
    expect(code).toBe(0);
    expect([...readTable(stdout).keys()]).toEqual(['monitor']);
  });

  it('exits 2 for an unknown id or option', async () => {
    const [unknown, option] = await Promise.all([run(good, ['check', 'nope']), run(good, ['check', '--nope'])]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no such feed: nope');
    expect(option.code).toBe(2);
  });

  it('prints its usage for --help and exits 0', async () => {
    const help = await run(good, ['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run check');
  });
});

describe('an id whose definition file is invalid', () => {
  it.each(['refresh', 'audit', 'check'])('%s -- badfile: the reason, exit 1, not "no such feed"', async (command) => {
    const { code, stdout, stderr } = await run(bad, [command, 'badfile']);
    expect(code).toBe(1);
    const said = `${stdout}${stderr}`;
    expect(said).toContain(path.join(bad.feedsDir, 'badfile.json'));
    expect(said).toContain('license.maxShare: must be greater than 0 and at most 1');
    expect(said).not.toContain('no such feed');
  });

  it('still reports an unknown id beside it as a usage error (exit 2)', async () => {
    const { code, stderr } = await run(bad, ['refresh', 'badfile', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('invalid definition');
    expect(stderr).toContain('no such feed: nope');
  });
});
