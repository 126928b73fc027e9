/**
 * @module tests/core/extract/story-lists
 * `removeStoryLists` takes out the lists of other stories a container holds ("You may also like…" and its
 * headlines, a list of the site's links) and nothing of the story: not its prose, not a line of links to other
 * sites (sources), not a lone link, not links inside a sentence, not a list that is most of the text. Examples
 * from the shapes real news pages use, then properties over generated containers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeStoryLists } from '../../../src/core/extract/story-lists.ts';
import { selectFirst, type DomElement } from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { readInnerText } from '../../../src/core/extract/content-text.ts';

const PAGE_URL = 'https://www.example-news.com/2026/12/tram-depot';
const PROSE = (n: number) =>
  `<p>The council approved the new tram depot on Tuesday after a debate that lasted ${String(n)} hours. ` +
  'Residents of the district had asked for the noise limits to be written into the contract.</p>';
const STORY = PROSE(1) + PROSE(2) + PROSE(3) + PROSE(4);

/** The page's `<main>`, parsed from the container's inner HTML. */
function parseMain(html: string): DomElement {
  const main = selectFirst(parseDocument(`<main>${html}</main>`), 'main');
  if (!main) throw new Error('a parsed page has its main');
  return main;
}

/** Each block's text (empty ones left out). */
function readTexts(main: DomElement): string[] {
  return main.children.map((child) => readInnerText(child)).filter((text) => text !== '');
}

/** The container's blocks as text, after `removeStoryLists` with the page at `pageUrl` (null: unknown). */
function readBlocks(html: string, pageUrl: string | null = PAGE_URL): string[] {
  const main = parseMain(html);
  removeStoryLists(main, pageUrl ?? undefined);
  return readTexts(main);
}

/** The container's blocks as text, nothing removed. */
function readBlocksUntouched(html: string): string[] {
  return readTexts(parseMain(html));
}

const storyText = readBlocks(STORY);

describe('removeStoryLists removes', () => {
  it.each([
    [
      'a lead-in and the headlines after it, one link a paragraph, an empty ad slot among them',
      '<p>You may also like...</p><p><a href="/a">Who will make the Hall in 2020?</a></p><div class="ad"></div><p><a href="https://www.example-news.com/b">Fans want the band in</a></p>',
    ],
    [
      'a heading and lists of one headline each (subdomains are the same site)',
      '<h4>More:</h4><ul><li><h4><a href="https://en.example-news.com/c">The new space race</a></h4></li></ul><ul><li><h4><a href="/d">Spacewalking</a></h4></li></ul>',
    ],
    [
      'a line in capitals and one paragraph of headlines with their labels',
      '<p><strong>DON\'T MISS</strong></p><p></p><p><a href="/e">China furious at Macron for Hong Kong protest jibe</a> [<strong>INSIGHT]|<br></strong><a href="/f">NBA make final decision on game amid turmoil</a> [VIDEO]</p>',
    ],
    [
      "a list of the site's links",
      '<ul><li><a href="/g">Tram fares rise</a></li><li><a href="/h">Depot opens</a></li></ul>',
    ],
    ['a table of contents', '<ol><li><a href="#one">1 History</a></li><li><a href="#two">2 Values</a></li></ol>'],
  ])('%s', (_name, list) => {
    expect(readBlocks(STORY + list)).toEqual(storyText);
    expect(readBlocks(PROSE(1) + list + PROSE(2) + PROSE(3) + PROSE(4))).toEqual(storyText);
  });
});

describe('removeStoryLists keeps', () => {
  it.each([
    [
      'links to other sites (sources)',
      '<ul><li><a href="https://court.example.org/ruling.pdf">The ruling</a></li><li><a href="https://stats.example.org/">The census</a></li></ul>',
    ],
    ['one link alone, with no lead-in', '<p><a href="/a">Read the council\'s decision</a></p>'],
    ['links inside a sentence', '<p>See <a href="/a">the decision</a> and <a href="/b">the vote</a>.</p>'],
    [
      'a lead-in followed by prose',
      '<p>What residents said:</p><p>They asked for quieter trams and a later start.</p>',
    ],
    ['links in a line of text, not blocks', '<pre><a href="#p2">2</a>\n<a href="#s2">2</a>. Terminology</pre>'],
  ])('%s', (_name, part) => {
    expect(readBlocks(STORY + part)).toEqual(readBlocksUntouched(STORY + part));
  });

  it("absolute links when it does not know the page (only relative links are the site's own then)", () => {
    const list =
      '<ul><li><a href="https://www.example-news.com/g">Tram fares rise</a></li><li><a href="https://www.example-news.com/h">Depot opens</a></li></ul>';
    expect(readBlocks(STORY + list, null)).toEqual(readBlocksUntouched(STORY + list));
    expect(readBlocks(STORY + list)).toEqual(storyText);
  });

  it('a list that is most of the text: a round-up of links is its own content', () => {
    const items = Array.from(
      { length: 12 },
      (_, index) =>
        `<li><a href="/r/${String(index)}">Our pick number ${String(index)} of the week, and why it matters</a></li>`,
    );
    const page = `${PROSE(1)}<ul>${items.join('')}</ul>`;
    expect(readBlocks(page)).toEqual(readBlocksUntouched(page));
  });
});

/** A block of a generated container, and whether the story owns it (prose, or links elsewhere). */
interface Block {
  readonly html: string;
  readonly own: boolean;
}

const prose = fc.integer({ min: 1, max: 99 }).map((n): Block => ({ html: PROSE(n), own: true }));
const external = fc
  .constantFrom('https://court.example.org/a', 'http://other.example/b', '//cdn.example.org/c')
  .map((href): Block => ({ html: `<p><a href="${href}">A source that the story cites here</a></p>`, own: true }));
const internal = fc
  .constantFrom('/a', '#top', 'https://www.example-news.com/b', 'https://m.example-news.com/c')
  .map((href): Block => ({ html: `<p><a href="${href}">Another story of the site</a></p>`, own: false }));
const leadIn = fc
  .constantFrom('<p>More:</p>', '<h3>Related</h3>', "<p>DON'T MISS</p>", '<p>You may also like…</p>')
  .map((html): Block => ({ html, own: false }));
const empty = fc.constant<Block>({ html: '<div class="ad"></div>', own: false });

describe('removeStoryLists on generated containers', () => {
  it('keeps every paragraph of prose and every link to another site, and takes at most half the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(prose, external, internal, leadIn, empty), { maxLength: 14 }), (blocks) => {
        const html = blocks.map((block) => block.html).join('');
        const after = readBlocks(html);
        const owned = blocks.filter((block) => block.own).map((block) => readInnerText(parseDocument(block.html)));
        for (const text of owned) expect(after).toContain(text);
        const length = (texts: string[]) => texts.join('').replace(/\s/g, '').length;
        const all = readBlocksUntouched(html);
        expect(length(all) - length(after)).toBeLessThanOrEqual(length(all) / 2);
      }),
    );
  });
});
