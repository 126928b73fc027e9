/** The reload rule (src/core/config/feed-registry.ts): added, changed, removed, invalid with the old version kept. */
import { describe, expect, it } from 'vitest';
import {
  createFeedRegistry,
  feedIdOfFile,
  problemsOfFeed,
  reconcileDefinitions,
  type FeedSet,
} from '../../../src/core/config/feed-registry.ts';
import { loadFeedDefinitions } from '../../../src/core/config/feed-definition.ts';

const valid = {
  title: 'The Qazaqstan Monitor',
  site: 'https://en.qazmonitor.com/',
  source: { type: 'feed', url: 'https://en.qazmonitor.com/rss' },
  license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
};

function file(id: string, value: unknown) {
  return { id, file: `feeds/${id}.json`, text: typeof value === 'string' ? value : JSON.stringify(value) };
}

const fileOf = (id: string) => `feeds/${id}.json`;

function setOf(files: ReturnType<typeof file>[]): FeedSet {
  const { definitions, problems } = loadFeedDefinitions(files);
  return { feeds: definitions, problems };
}

describe('reconcileDefinitions', () => {
  it('reports nothing when the files read as before, whatever their key order or spacing', () => {
    const previous = setOf([file('a', valid)]);
    const reordered = file('a', `{"license": ${JSON.stringify(valid.license)}, ${JSON.stringify(valid).slice(1)}`);
    const { next, report } = reconcileDefinitions(previous, [reordered], fileOf);
    expect(report).toEqual({ added: [], changed: [], removed: [], invalid: [], problems: [] });
    expect([...next.feeds.keys()]).toEqual(['a']);
  });

  it('adds, changes and removes definitions with their files', () => {
    const previous = setOf([file('a', valid), file('b', valid)]);
    const { next, report } = reconcileDefinitions(
      previous,
      [file('a', { ...valid, title: 'Renamed' }), file('c', valid)],
      fileOf,
    );
    expect(report.added).toEqual([{ feed: 'c', file: 'feeds/c.json' }]);
    expect(report.changed).toEqual([{ feed: 'a', file: 'feeds/a.json' }]);
    expect(report.removed).toEqual([{ feed: 'b', file: 'feeds/b.json' }]);
    expect(next.feeds.get('a')?.title).toBe('Renamed');
    expect(next.feeds.has('b')).toBe(false);
  });

  it('keeps the previous valid version of a file that turned invalid, and lists the problem', () => {
    const previous = setOf([file('a', valid)]);
    const broken = { ...valid, license: { maxShare: 2, attribution: 'x' } };
    const { next, report } = reconcileDefinitions(previous, [file('a', broken)], fileOf);
    expect(next.feeds.get('a')).toBe(previous.feeds.get('a'));
    expect(report.invalid).toEqual([
      {
        feed: 'a',
        file: 'feeds/a.json',
        kept: true,
        problems: [expect.objectContaining({ field: 'license.maxShare' })],
      },
    ]);
    expect(next.problems).toEqual(report.invalid[0]?.problems);
    // The same invalid file at the next reload: still a problem, no longer news.
    const again = reconcileDefinitions(next, [file('a', broken)], fileOf);
    expect(again.report.invalid).toEqual([]);
    expect(again.next.problems).toHaveLength(1);
    expect(again.next.feeds.get('a')).toBe(previous.feeds.get('a'));
  });

  it('reports a new invalid file as not kept, and forgets its problem once it is fixed or removed', () => {
    const { next, report } = reconcileDefinitions(setOf([]), [file('x', '{ not json')], fileOf);
    expect(report.invalid).toMatchObject([{ feed: 'x', kept: false, problems: [{ field: '(root)' }] }]);
    expect(next.feeds.size).toBe(0);
    const fixed = reconcileDefinitions(next, [file('x', valid)], fileOf);
    expect(fixed.report.added).toEqual([{ feed: 'x', file: 'feeds/x.json' }]);
    expect(fixed.next.problems).toEqual([]);
    expect(reconcileDefinitions(next, [], fileOf).next.problems).toEqual([]);
  });

  it('removes a kept definition once its invalid file is removed', () => {
    const broken = reconcileDefinitions(setOf([file('a', valid)]), [file('a', '[]')], fileOf).next;
    const { next, report } = reconcileDefinitions(broken, [], fileOf);
    expect(report.removed).toEqual([{ feed: 'a', file: 'feeds/a.json' }]);
    expect(next).toEqual({ feeds: new Map(), problems: [] });
  });
});

describe('the registry and its helpers', () => {
  it('swaps the whole set at once', () => {
    const registry = createFeedRegistry(setOf([file('a', valid)]));
    const before = registry.current();
    registry.replace(setOf([file('b', valid)]));
    expect([...before.feeds.keys()]).toEqual(['a']);
    expect([...registry.current().feeds.keys()]).toEqual(['b']);
  });

  it('matches a problem to the feed its file names', () => {
    expect(feedIdOfFile('/srv/feeds/monitor.json')).toBe('monitor');
    expect(feedIdOfFile('C:\\feeds\\a.json')).toBe('a');
    const problems = setOf([file('bad', '{}'), file('other', '{}')]).problems;
    expect(problemsOfFeed(problems, 'bad').every((problem) => problem.file === 'feeds/bad.json')).toBe(true);
    expect(problemsOfFeed(problems, 'bad').length).toBeGreaterThan(0);
    expect(problemsOfFeed(problems, 'none')).toEqual([]);
  });
});
