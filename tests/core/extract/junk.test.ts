/**
 * @module tests/core/extract/junk
 * `removeJunk` finds junk by tag, ARIA role and hiding attributes with its own walk: on generated
 * containers — junk tags nested in junk and in content, roles in other cases, `hidden` with and without a
 * value, `aria-hidden` true and not, widget class names, `remove` selectors — it leaves the tree the
 * previous version (css-select on a selector list, kept verbatim in tests/helpers) left.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInCommentThread, removeJunk } from '../../../src/core/extract/junk.ts';
import { readBody, selectFirst } from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { describeTree } from '../../helpers/describe-tree.ts';
import { removeJunkBefore } from '../../helpers/junk-before.ts';
import { markupTree } from '../../helpers/markup-tree.ts';

/** `removeJunk` leaves the page's body as the previous version (tests/helpers/junk-before.ts) leaves it. */
function expectJunkRemovedAsBefore(html: string, remove: readonly string[] = []): void {
  const [now, before] = [readBody(parseDocument(html)), readBody(parseDocument(html))];
  if (!now || !before) throw new Error('a parsed page has a body');
  removeJunk(now, remove);
  removeJunkBefore(before, remove);
  expect(describeTree(now)).toEqual(describeTree(before));
}

const TAGS = ['div', 'p', 'span', 'nav', 'aside', 'script', 'svg', 'form', 'button', 'iframe', 'footer', 'section'];
const ATTRIBUTES = [
  '',
  ' role="navigation"',
  ' role="Navigation"',
  ' role="main"',
  ' role="dialog"',
  ' role=" banner"',
  ' hidden',
  ' hidden="false"',
  ' aria-hidden="true"',
  ' aria-hidden="TRUE"',
  ' aria-hidden="false"',
  ' class="share-bar"',
  ' class="article-content"',
  ' class="post-comments"',
  ' style="display: none"',
  ' class="ad"',
];
const WORDS = ['A sentence of the story.', 'Share', 'x'.repeat(60), ' ', ''];

const markup = markupTree({
  leaf: fc.constantFrom(...WORDS),
  tags: TAGS,
  attributes: fc.constantFrom(...ATTRIBUTES),
  maxChildren: 4,
});

const REMOVE = [[], ['.ad'], ['span', '.nope[']];

describe('removeJunk', () => {
  it('leaves the tree the selector-list version left', () => {
    fc.assert(
      fc.property(fc.array(markup, { minLength: 1, maxLength: 4 }), fc.constantFrom(...REMOVE), (parts, remove) => {
        const html = `<main class="story">${parts.join('')}</main>`;
        expectJunkRemovedAsBefore(html, remove);
      }),
      { numRuns: 800 },
    );
  });

  // Session 22 measures a widget's and the container's text without building the white-space-free string
  // (content-text.ts `countNonSpace`) and skips the name patterns on elements with neither class nor id.
  it('weighs widgets against texts of every kind of white space as the selector-list version did', () => {
    const spaces = [' ', '   ', '\n\t', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u200b', '\u0085'];
    const leaf = fc
      .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...spaces)), { maxLength: 12 })
      .map((parts) => parts.join(''));
    const names = [...ATTRIBUTES, ' id="share"', ' id="related-posts"', ' itemprop="articleBody" class="share"'];
    const spaced = markupTree({ leaf, tags: TAGS, attributes: fc.constantFrom(...names), maxChildren: 4 });
    fc.assert(
      fc.property(fc.array(spaced, { minLength: 1, maxLength: 4 }), (parts) => {
        const html = `<main class="story">${parts.join('')}</main>`;
        expectJunkRemovedAsBefore(html);
      }),
      { numRuns: 800 },
    );
    // A widget near half the container's text, where a miscount would flip the decision.
    const piece = fc.array(leaf, { minLength: 1, maxLength: 3 }).map((texts) => texts.join('<span> </span>'));
    fc.assert(
      fc.property(piece, piece, piece, (widget, inside, after) => {
        const html = `<main class="story"><div class="share-bar">${widget}</div><p>${inside}</p>${after}</main>`;
        expectJunkRemovedAsBefore(html);
      }),
      { numRuns: 1500 },
    );
  });

  // Session 22 tests the whole class-and-id string for a junk word before splitting it into tokens: names built
  // of junk, comment, taxonomy and content words, joined by hyphens, underscores, nothing and every kind of
  // white space (a token boundary), in any case, must be classified as the token by token version did.
  it('removes by class and id name as the selector-list version did, whatever separates the words', () => {
    const word = fc.constantFrom(
      ...['share', 'Share', 'SOCIAL', 'related', 'relatedposts', 'ad', 'ads', 'header', 'shadow', 'read-more'],
      ...['readmore', 'comments', 'comment-list', 'disqus', 'respond', 'respondent', 'meta', 'metadata', 'date'],
      ...['category', 'tag', 'tags', 'topic', 'content', 'main', 'post', 'entry', 'article', 'story', 'text'],
      ...['x', 'é', 'ſhare', 'K', '1', ''],
    );
    const separator = fc.constantFrom(
      '-',
      '_',
      '',
      ' ',
      '  ',
      '\t',
      '\n',
      '\u00a0',
      '\u3000',
      '\u2028',
      '\ufeff',
      '\u200b',
    );
    const name = fc
      .array(fc.tuple(word, separator), { maxLength: 5 })
      .map((parts) => parts.map(([text, joint]) => text + joint).join(''));
    const attributes = fc
      .tuple(fc.option(name), fc.option(name), fc.constantFrom('', ' itemprop="articleBody"', ' itemprop="x"'))
      .map(([className, id, more]) =>
        [className === null ? '' : ` class="${className}"`, id === null ? '' : ` id="${id}"`, more].join(''),
      );
    const named = markupTree({
      leaf: fc.constantFrom(...WORDS),
      tags: ['div', 'p', 'span'],
      attributes,
      maxChildren: 3,
    });
    fc.assert(
      fc.property(fc.array(named, { minLength: 1, maxLength: 4 }), (parts) => {
        const html = `<main class="story">${parts.join('')}</main>`;
        expectJunkRemovedAsBefore(html);
      }),
      { numRuns: 2000 },
    );
  });

  // Session 22 measures the container only as far as a widget needs (most are far shorter than half of it),
  // counting what is removed below a part not measured yet: widgets, comments and hidden elements nested at
  // every depth, before and after one another, with texts that put widgets near half the container.
  it('weighs widgets against the whole container however removals before them are nested', () => {
    const leaf = fc.integer({ min: 0, max: 40 }).map((length) => 'x'.repeat(length));
    const attributes = fc.constantFrom('', ' class="share-bar"', ' class="comments"', ' style="display:none"');
    const nested = markupTree({ leaf, tags: ['div', 'p', 'section'], attributes, maxChildren: 3 });
    fc.assert(
      fc.property(fc.array(nested, { minLength: 1, maxLength: 5 }), (parts) => {
        const html = `<main class="story">${parts.join('')}</main>`;
        expectJunkRemovedAsBefore(html);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('removeJunk by name', () => {
  const STORY = `<p>${'The council approved the new tram depot on Tuesday after a long debate. '.repeat(6)}</p>`;
  const kept = (widget: string): string => {
    const body = readBody(parseDocument(`<main class="story">${STORY}${widget}</main>`));
    if (!body) throw new Error('a parsed page has a body');
    removeJunk(body);
    return JSON.stringify(describeTree(body));
  };

  it.each([
    // Hashed class names: the component's own name says what it is.
    '<div class="sc-1c2e2a4d-0" data-component="tags"><ul><li><a href="/t/1">Landslides</a></li></ul></div>',
    '<div class="dcr-1bw1p0v" data-testid="contributions-epic"><p>Our journalism is paid for by readers.</p></div>',
    '<div data-component="most-popular"><ol><li><a href="/a">Another story</a></li></ol></div>',
    // Recirculation and appeals named in class or id.
    '<section class="ranking"><h2>Most read</h2><ol><li><a href="/b">Another story</a></li></ol></section>',
    '<div class="most-read"><ol><li><a href="/c">Another story</a></li></ol></div>',
    '<div id="donate-box"><p>Every rouble goes on paint and boards.</p></div>',
    // A portal's reader comments, named as replies.
    '<div class="reply_area"><h4>Readers (2)</h4><ul class="reply_list"><li>Good idea.</li><li>Test the salt.</li></ul></div>',
    '<ul class="playlist"><li class="playlist__item"><a href="/v/1">Dengue: how to fight mosquitos 02:47</a></li></ul>',
    '<div class="elementor-widget elementor-widget-call-to-action"><h3>Support the library</h3><a href="/d">Donate</a></div>',
    // A Ghost bookmark card: another article's title, description and byline, all one link.
    '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="/fleet/"><div>Fleet delayed</div></a></figure>',
    // Slideshows: their captions, counters and buttons are the gallery's, not the story's.
    '<div class="asset_gallery"><ul class="hst-resgallery"><li><div class="caption-full">The minister in Hanoi. less</div></li></ul><div class="nav-stats">Image 1 of / 8</div><p class="open">Caption</p><p class="close">Close</p></div>',
    '<div class="inlinegallery"><span class="slidecount">Image 1 of 5</span><figure><img src="/1.jpg"><figcaption>A lander on the moon.</figcaption></figure></div>',
    '<div class="slideshow-carousel"><h1 class="slideshow-headline">The rocket on its pad.</h1></div>',
    '<div class="yvp-slider">Loaded: 0%</div>',
  ])('removes %s', (widget) => {
    expect(kept(widget)).toBe(kept(''));
  });

  it.each([
    '<div data-testid="article-body"><p>A second part of the story, as long as it is.</p></div>',
    '<div class="sc-9d830f2a-0" data-component="text-block"><p>A second part of the story.</p></div>',
    '<div class="popularity-survey"><p>Residents rated the tram service 7 out of 10.</p></div>',
    // A photo story whose gallery holds most of the text: the gallery is the story.
    `<div class="gallery">${'<figure><img src="/d.jpg"><figcaption>The depot at dawn, its first tram leaving for the city centre.</figcaption></figure>'.repeat(8)}</div>`,
  ])('keeps %s', (part) => {
    expect(kept(part)).not.toBe(kept(''));
  });
});

describe('isInCommentThread', () => {
  it.each([
    ['<div class="post-comment"><span id="x">d</span></div>', true],
    ['<div id="comment-box"><p><span id="x">d</span></p></div>', true],
    ['<section class="main\tcomments"><span id="x">d</span></section>', true],
    ['<div class="commentary"><span id="x">d</span></div>', false],
    ['<div class="correspondent"><span id="x">d</span></div>', false],
  ])('%s → %s', (html, expected) => {
    const element = selectFirst(parseDocument(html), '#x');
    expect(element && isInCommentThread(element)).toBe(expected);
  });
});
