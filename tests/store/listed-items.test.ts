/**
 * The store's memory of listed items: the same object for the same URL and stored JSON at the next listing of a feed,
 * nothing kept that the feed's last listing did not hold, and only the feeds listed last.
 */
import { describe, expect, it } from 'vitest';
import { createListedItems } from '../../src/store/listed-items.ts';

const json = (id: string) => JSON.stringify({ id, title: `Title ${id}` });
const url = 'https://example.com/a';

describe('createListedItems', () => {
  it('gives the object of the last listing for the same URL and JSON, and a new object for other JSON', () => {
    const listed = createListedItems();
    const first = listed.listing('news', 1);
    const a = first(url, json('a'));
    const second = listed.listing('news', 1);
    expect(second(url, json('a'))).toBe(a);
    expect(second(url, json('b'))).toStrictEqual({ id: 'b', title: 'Title b' });
  });

  it('keeps only what the last listing held: an item left out once is decoded anew', () => {
    const listed = createListedItems();
    const a = listed.listing('news', 1)(url, json('a'));
    listed.listing('news', 1)(url, json('b'));
    const again = listed.listing('news', 1)(url, json('a'));
    expect(again).not.toBe(a);
    expect(again).toStrictEqual(a);
  });

  it('keeps each feed apart, and forgets the feed listed longest ago past its limit', () => {
    const listed = createListedItems(2);
    const one = listed.listing('one', 1)(url, json('a'));
    const two = listed.listing('two', 1)(url, json('a'));
    expect(two).not.toBe(one);
    listed.listing('three', 1)(url, json('a')); // three feeds listed, two kept: 'one' is forgotten
    expect(listed.listing('two', 1)(url, json('a'))).toBe(two);
    expect(listed.listing('one', 1)(url, json('a'))).not.toBe(one);
  });

  it('keeps nothing of a listing longer than its limit, but reuses what it kept', () => {
    const listed = createListedItems(4, 2);
    const a = listed.listing('news', 2)(url, json('a'));
    const whole = listed.listing('news', 3);
    expect(whole(url, json('a'))).toBe(a);
    expect(listed.listing('news', 2)(url, json('a'))).toBe(a); // the long listing did not replace the kept one
  });
});
