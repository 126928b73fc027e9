/** Feed definitions and the environment: validated once, with file, field and reason for every problem. */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadFeedDefinitions, parseFeedDefinition, formatProblem } from '../../../src/core/config/feed-definition.ts';
import { parseRuntimeConfig } from '../../../src/core/config/runtime-config.ts';
import { LedeError } from '../../../src/core/errors.ts';

const valid = {
  title: 'The Qazaqstan Monitor',
  site: 'https://en.qazmonitor.com/',
  source: { type: 'feed', url: 'https://en.qazmonitor.com/rss' },
  license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
};

function problemsOf(input: unknown, id = 'x') {
  const result = parseFeedDefinition(id, input, `feeds/${id}.json`);
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('feed definitions', () => {
  it('applies the documented defaults and freezes the result', () => {
    const result = parseFeedDefinition('qaz', valid, 'feeds/qaz.json');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition).toMatchObject({ id: 'qaz', schedule: '*/30 * * * *', maxItems: 50 });
    expect(Object.isFrozen(result.definition.license)).toBe(true);
  });

  it('defaults an html source to one page and an article selector list to empty', () => {
    const html = {
      ...valid,
      source: { type: 'html', url: 'https://e.kz/news', links: 'a.card' },
      article: { content: '.body' },
    };
    const result = parseFeedDefinition('h', html, 'h.json');
    expect(result.ok && result.definition.source).toMatchObject({ type: 'html', pages: 1 });
    expect(result.ok && result.definition.article?.remove).toEqual([]);
  });

  it.each([
    [
      { ...valid, license: { ...valid.license, maxShare: 0 } },
      'feeds/x.json: license.maxShare: must be greater than 0 and at most 1',
    ],
    [{ ...valid, license: { ...valid.license, maxShare: 1.5 } }, 'license.maxShare'],
    [{ ...valid, license: { maxShare: 0.3 } }, 'license.attribution'],
    [{ ...valid, source: { type: 'rss', url: 'https://e.kz' } }, 'source.type'],
    [{ ...valid, source: { type: 'feed', url: 'ftp://e.kz/rss' } }, 'source.url: must be an http(s) URL'],
    [{ ...valid, source: { type: 'html', url: 'https://e.kz/' } }, 'source.links'],
    [{ ...valid, schedule: 'every hour' }, 'schedule: must be a five-field cron expression'],
    [{ ...valid, maxItems: 0 }, 'maxItems'],
    [{ ...valid, unknownField: true }, 'unknownField'],
  ])('reports %j with its field', (input, expected) => {
    expect(problemsOf(input).join('\n')).toContain(expected);
  });

  it('refuses ids that cannot be a URL path segment', () => {
    expect(problemsOf(valid, 'Bad Id')[0]).toContain('(file name)');
  });

  it('refuses the id "all", which names the combined feed /feeds/all.*', () => {
    const [problem] = problemsOf(valid, 'all');
    expect(problem).toContain('(file name)');
    expect(problem).toContain('reserved for the combined feed /feeds/all.{rss,atom,json}');
    expect(problemsOf(valid, 'allnews')).toEqual([]);
  });

  it('loads the good definitions and reports the bad ones, including broken JSON', () => {
    const { definitions, problems } = loadFeedDefinitions([
      { id: 'good', file: 'feeds/good.json', text: JSON.stringify(valid) },
      { id: 'broken', file: 'feeds/broken.json', text: '{ "title": ' },
      { id: 'bad', file: 'feeds/bad.json', text: JSON.stringify({ ...valid, license: {} }) },
    ]);
    expect([...definitions.keys()]).toEqual(['good']);
    expect(problems.map(formatProblem).join('\n')).toMatch(/feeds\/broken\.json: \(root\): not valid JSON/);
    expect(problems.some((p) => p.file === 'feeds/bad.json' && p.field.startsWith('license'))).toBe(true);
  });

  it('accepts every definition shipped in feeds/', async () => {
    const names = (await readdir('feeds')).filter((name) => name.endsWith('.json'));
    const files = await Promise.all(
      names.map(async (name) => ({
        id: name.replace(/\.json$/, ''),
        file: `feeds/${name}`,
        text: await readFile(`feeds/${name}`, 'utf8'),
      })),
    );
    const { definitions, problems } = loadFeedDefinitions(files);
    expect(problems).toEqual([]);
    expect(definitions.get('qazmonitor')?.source).toEqual({ type: 'feed', url: 'https://en.qazmonitor.com/rss' });
  });
});

describe('runtime configuration', () => {
  it('has the documented defaults', () => {
    expect(parseRuntimeConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      feedsDir: 'feeds',
      dataDir: '.data',
      publicUrl: 'http://127.0.0.1:8787',
      logLevel: 'info',
      logFormat: 'json',
      retentionDays: 90,
    });
  });

  it('reads RETENTION_DAYS as a whole number of days, at least 1', () => {
    expect(parseRuntimeConfig({ RETENTION_DAYS: '30' }).retentionDays).toBe(30);
    expect(() => parseRuntimeConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
    expect(() => parseRuntimeConfig({ RETENTION_DAYS: '1.5' })).toThrow(/RETENTION_DAYS/);
  });

  it('reads every variable, treating an empty ADMIN_TOKEN as unset', () => {
    const config = parseRuntimeConfig({
      PORT: '9000',
      FEEDS_DIR: 'f',
      DATA_DIR: 'd',
      ADMIN_TOKEN: '',
      PUBLIC_URL: 'https://feeds.example.com/',
    });
    expect(config).toMatchObject({ port: 9000, feedsDir: 'f', dataDir: 'd', publicUrl: 'https://feeds.example.com' });
    expect(config.adminToken).toBeUndefined();
  });

  it('fails fast naming the bad variable', () => {
    expect(() => parseRuntimeConfig({ PORT: 'eighty' })).toThrow(LedeError);
    expect(() => parseRuntimeConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseRuntimeConfig({ MAX_PAGES_PER_RUN: '0' })).toThrow(/MAX_PAGES_PER_RUN/);
  });

  it('reads WEBSUB_HUB as an http(s) URL, blank as unset, anything else as an error naming it', () => {
    expect(parseRuntimeConfig({ WEBSUB_HUB: ' https://pubsubhubbub.appspot.com/ ' }).websubHub).toBe(
      'https://pubsubhubbub.appspot.com/',
    );
    expect(parseRuntimeConfig({ WEBSUB_HUB: '' }).websubHub).toBeUndefined();
    expect(parseRuntimeConfig({}).websubHub).toBeUndefined();
    expect(() => parseRuntimeConfig({ WEBSUB_HUB: 'ftp://hub.example/' })).toThrow(/WEBSUB_HUB/);
    expect(() => parseRuntimeConfig({ WEBSUB_HUB: 'hub.example' })).toThrow(/WEBSUB_HUB: must be an http\(s\) URL/);
  });

  it('reads LOG_FORMAT (json or pretty) and METRICS_TOKEN (blank as unset), naming a bad format', () => {
    expect(parseRuntimeConfig({ LOG_FORMAT: 'pretty', METRICS_TOKEN: ' scrape ' })).toMatchObject({
      logFormat: 'pretty',
      metricsToken: 'scrape',
    });
    expect(parseRuntimeConfig({ METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(() => parseRuntimeConfig({ LOG_FORMAT: 'logfmt' })).toThrow(/LOG_FORMAT/);
  });
});
