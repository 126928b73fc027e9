/**
 * @module tests/core/extract/output-unchanged
 * The extract stage's output on real pages, pinned: what `extractPage` returns (the article and the page
 * facts) for each page of ../shared/corpus and of the fixture site, read four ways (no options, two feeds'
 * content selectors, `remove` selectors with an invalid one), as a SHA-256 of the result. Changes made for
 * speed must leave every hash as it is; a change meant to alter extraction regenerates the file on purpose:
 * `UPDATE_GOLDEN=1 npx vitest run tests/core/extract/output-unchanged.test.ts` (with the corpus present).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractPage, type ExtractOptions } from '../../../src/core/extract/extract-article.ts';
import { CORPUS_PAGE_URL, corpusDir, hasCorpus, loadCorpus } from '../../helpers/corpus.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const GOLDEN = path.join(here, 'golden/output-hashes.json');
const FIXTURES = path.resolve(here, '../../fixtures/site/public');
const ORIGIN = 'http://127.0.0.1:8080';

/** The ways each page is read: the fixture feeds' selectors, and `remove` selectors one of which is invalid. */
const READINGS: readonly ExtractOptions[] = [
  {},
  { selectors: { content: '.article__body', remove: ['.related', '.share'] }, timezone: '+05:00' },
  { selectors: { content: '.entry-content', remove: ['.sharedaddy', '.jp-relatedposts'] }, timezone: '+05:00' },
  { selectors: { remove: ['.ad', 'aside', '.nope['] }, timezone: '+05:00' },
];

interface Page {
  readonly name: string;
  readonly html: string;
  readonly url: string;
}

function readFixturePages(): Page[] {
  return readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html') && !file.startsWith('_templates'))
    .sort()
    .map((file) => ({
      name: `fixture/${file}`,
      html: readFileSync(path.join(FIXTURES, file), 'utf8').replaceAll('{{origin}}', ORIGIN),
      url: `${ORIGIN}/${file.replace(/(index)?\.html$/, '')}`,
    }));
}

async function hashOutputs(pages: readonly Page[]): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const page of pages) {
    for (const [index, options] of READINGS.entries()) {
      const { article, facts } = await extractPage(page.html, page.url, options);
      const output = JSON.stringify({ article, facts: { ...facts, metaByName: [...facts.metaByName] } });
      hashes[`${page.name}#${String(index)}`] = createHash('sha256').update(output).digest('hex');
    }
  }
  return hashes;
}

const withCorpus = hasCorpus();
const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, string>;

describe('extract output on real pages', () => {
  it('is unchanged on the fixture site’s pages', async () => {
    const hashes = await hashOutputs(readFixturePages());
    if (process.env.UPDATE_GOLDEN === '1' && withCorpus) {
      const corpus = loadCorpus().map((page) => ({
        name: `corpus/${page.name}`,
        html: page.sourceHtml,
        url: CORPUS_PAGE_URL,
      }));
      writeFileSync(GOLDEN, `${JSON.stringify({ ...hashes, ...(await hashOutputs(corpus)) }, null, 2)}\n`);
    }
    const expected = Object.fromEntries(Object.entries(golden).filter(([name]) => name.startsWith('fixture/')));
    expect(hashes).toEqual(expected);
  });

  it.skipIf(!withCorpus)(`is unchanged on the corpus pages (${corpusDir})`, async () => {
    const pages = loadCorpus().map((page) => ({
      name: `corpus/${page.name}`,
      html: page.sourceHtml,
      url: CORPUS_PAGE_URL,
    }));
    const expected = Object.fromEntries(Object.entries(golden).filter(([name]) => name.startsWith('corpus/')));
    expect(await hashOutputs(pages)).toEqual(expected);
  });
  if (!withCorpus) it.skip(`no corpus at ${corpusDir}: corpus pages not compared`, () => {});
});
