/**
 * @module runtime/node/cli-extract
 * One page through extract → license, for `npm run extract`: what Lede would publish from it (under the
 * page's own signals), and the full text it counted (printed to the operator's terminal only, never stored).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readArticle } from '../../core/refresh/read-article.ts';
import { buildExcerpt } from '../../core/license/build-excerpt.ts';
import { buildFeedItem } from '../../core/license/build-item.ts';
import { countWords } from '../../core/license/count-words.ts';
import { resolvePolicy } from '../../core/license/resolve-policy.ts';
import { mergeSignals } from '../../core/signals/merge-signals.ts';
import { decodeBody } from '../../core/pull/decode-body.ts';
import { LedeError } from '../../core/errors.ts';
import type { FetchPage } from '../../core/ports.ts';
import { renderItemHtml } from '../../core/render/item-html.ts';

export interface ExtractOptions {
  /** Base URL for a local file (where it was saved from); default: the file's own file: URL. */
  readonly base?: string;
  readonly maxShare: number;
}

/** A local file's bytes; a missing one is `not-found` with its path (not a `network` error: nothing was fetched). */
async function readLocalFile(input: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(input));
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new LedeError('not-found', `no such file: ${path.resolve(input)}`, { cause: error });
    }
    throw error;
  }
}

async function loadPage(fetchPage: FetchPage, input: string, base: string | undefined) {
  if (/^https?:\/\//i.test(input)) {
    const page = await fetchPage({ url: input, allowedHost: new URL(input).hostname });
    if (page.status !== 'ok') throw new Error(`unexpected ${page.status} for ${input}`);
    return { html: page.body, url: page.url };
  }
  const bytes = await readLocalFile(input);
  return { html: decodeBody(bytes, undefined), url: base ?? pathToFileURL(path.resolve(input)).href };
}

/**
 * @example await extractPage(fetchPage, 'saved/page.html', { base: 'https://example.com/a', maxShare: 0.3 })
 */
export async function extractPage(fetchPage: FetchPage, input: string, options: ExtractOptions) {
  const { html, url } = await loadPage(fetchPage, input, options.base);
  const article = readArticle(html, url);
  const attribution = new URL(article.url).hostname || 'the original';
  const license = { maxShare: options.maxShare, attribution };
  // The page's own signals apply (nosnippet, max-snippet…); robots.txt and tdmrep.json are not read here.
  const policy = resolvePolicy(license, mergeSignals(article.signals));
  const excerpt = buildExcerpt(article.text, policy, article.language);
  // The item Lede would publish, image and credit included as the policy allows.
  const entry = { url: article.url };
  const item = buildFeedItem({ article, entry, fallbackDate: new Date().toISOString() }, excerpt, policy);
  return {
    url: article.url,
    title: article.title ?? null,
    published: article.published ?? null,
    author: article.author ?? null,
    image: article.image ?? null,
    language: article.language ?? null,
    words: countWords(article.text, article.language),
    text: article.text,
    excerpt: { html: renderItemHtml(item, license), words: excerpt.words, share: excerpt.share },
  };
}
