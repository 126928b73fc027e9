/**
 * @module core/refresh/input-key
 * The input key of a feed's renditions: a hash of everything they are rendered from, so that a publish whose
 * inputs did not change (the common refresh, which finds nothing new) renders nothing. Computed on every
 * publish, so its cost is most of a refresh that finds nothing new.
 *
 * Each item is hashed on its own, once per item object, and the key hashes those hashes with the rest. The
 * excerpts' paragraphs, most of the inputs' text, are hashed as they are rather than written as JSON: quoting them
 * (their typographic quotes and dashes make them two-byte strings) was half the key's cost. The JSON states each
 * paragraph's length, so the concatenated paragraphs still say where each one ends.
 *
 * A key starts with a short hash of the items' ids in order (`<items>:<all inputs>`): every format writes each
 * item's id, so two keys that name different lists of items render different bytes, and publishing need not render
 * to find that out (`namesOtherItems`). The exception, an item the renderers drop (a second item with an id already
 * listed, a link that is not http(s): src/core/render/feed-parts.ts), costs a build that says the same under a new
 * date, fetched once by readers; it never keeps a change from being published.
 */
import { sha256Hex, type Sha256Hex } from '../hash.ts';
import { RENDER_VERSION } from '../render/render-feed.ts';
import type { FeedDefinition, FeedItem } from '../types.ts';
import type { ArticleRecord } from '../store.ts';

/** ES2024's `String.prototype.isWellFormed` (Node 20+, workerd), which the ES2023 library this project targets does not type. */
type MaybeWellFormed = string & { isWellFormed(): boolean };

/**
 * An item as hashed: the item written as JSON with its paragraphs replaced by their lengths, a space, then the
 * paragraphs as they are (the JSON ends where its brackets close, and the lengths say where each paragraph ends);
 * written whole as JSON when a paragraph holds a lone surrogate — the hash port encodes UTF-8, where every lone
 * surrogate becomes U+FFFD, and JSON writes each as its own escape.
 */
function describeItem(item: FeedItem): string {
  const paragraphs = item.excerpt.paragraphs.map((paragraph) => paragraph.length);
  const text = `${JSON.stringify({ ...item, excerpt: { ...item.excerpt, paragraphs } })} ${item.excerpt.paragraphs.join('')}`;
  return (text as MaybeWellFormed).isWellFormed() ? text : JSON.stringify(text);
}

/**
 * Each item's hash, kept per item object: the store hands a feed's unchanged items back as the same objects
 * (src/store/listed-items.ts), so a publish hashes only its new items' text — most of the inputs — and a refresh
 * that finds nothing new hashes none.
 */
const itemHashes = new WeakMap<FeedItem, Promise<string>>();

function hashItem(item: FeedItem, hash?: Sha256Hex): Promise<string> {
  let hashed = itemHashes.get(item);
  if (hashed === undefined) {
    hashed = sha256Hex(describeItem(item), hash);
    itemHashes.set(item, hashed);
    // A failed digest is not kept: the next publish tries again.
    hashed.catch(() => itemHashes.delete(item));
  }
  return hashed;
}

/** A record's inputs, its item as its hash: all that enforcement and rendering read. */
async function describeInputs({ sourceUrl, item, audit, excerptHash }: ArticleRecord, hash?: Sha256Hex) {
  return [sourceUrl, item && (await hashItem(item, hash)), audit, excerptHash];
}

/** Hex digits of the items part: a list of ids told apart from the one before, not a content address. */
const ITEMS_PART_LENGTH = 16;

/**
 * Whether two input keys name different lists of items, so that what one renders cannot be what the other does.
 * False when either key has no items part (a key from before it had one).
 * @example namesOtherItems(current.inputKey, inputKey) // true: a new article is among the items
 */
export function namesOtherItems(key: string | undefined, other: string): boolean {
  const part = (value: string | undefined) =>
    value?.charAt(ITEMS_PART_LENGTH) === ':' ? value.slice(0, ITEMS_PART_LENGTH) : undefined;
  const [items, otherItems] = [part(key), part(other)];
  return items !== undefined && otherItems !== undefined && items !== otherItems;
}

/**
 * Everything the renditions are rendered from, hashed: renderer version, definition, public URL, hub and the
 * visible records (their items, audits and excerpt hashes — all that enforcement and rendering read). Two
 * inputs that differ in any of these give different keys (but for a SHA-256 collision).
 *
 * @example const inputKey = await computeInputKey(feed, publicUrl, deps.websub?.url, records, deps.sha256)
 */
export async function computeInputKey(
  feed: FeedDefinition,
  publicUrl: string,
  hub: string | undefined,
  records: readonly ArticleRecord[],
  hash?: Sha256Hex,
): Promise<string> {
  const inputs = await Promise.all(records.map((record) => describeInputs(record, hash)));
  const described = JSON.stringify([RENDER_VERSION, feed, publicUrl, hub ?? null, inputs]);
  const ids = JSON.stringify(records.map((record) => record.item?.id ?? null));
  const [all, items] = await Promise.all([sha256Hex(described, hash), sha256Hex(ids, hash)]);
  return `${items.slice(0, ITEMS_PART_LENGTH)}:${all}`;
}
