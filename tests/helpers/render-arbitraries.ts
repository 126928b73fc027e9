/**
 * @module tests/helpers/render-arbitraries
 * fast-check generators of what Lede's renderers meet: hostile text (markup fragments, entity references, control
 * characters, lone surrogates, bidi controls, scripts Lede meets, HTML someone left in), URLs hostile and plain,
 * language tags as pages and definitions write them. Shared by the properties that hold the renderers and their
 * steps to their previous forms (tests/helpers/render-reference).
 */
import fc from 'fast-check';
import { HtmlBuilder } from '../../src/core/render/sanitize-html.ts';
import { hostileText, hostileUrl, publisherText } from '../fuzz/arbitraries/hostile-text.ts';

/** Language tags as pages and definitions write them: canonical, odd case, `_`, aliases, extensions, not tags. */
export const language = fc.oneof(
  fc.constantFrom(
    undefined,
    'en',
    'EN_us',
    'kk-KZ',
    'kk',
    'ru-RU',
    'ru',
    'zh-hant-tw',
    'iw',
    'in',
    'art-lojban',
    'sgn-BE-FR',
    'de-DE-u-co-phonebk',
    'en-US-x-twain',
    'und',
    'x',
    'English',
    '',
    ' en ',
    'en-',
    'en--us',
    'abcd',
    'en-abcdefghi',
    '\u0000',
    'en"><x',
  ),
  fc.stringMatching(/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{1,8}){0,3}$/),
  hostileText(3),
);

/** Text a renderer may meet anywhere: hostile fragments, a publisher's text, HTML someone left in. */
export const text = fc.oneof(
  { weight: 4, arbitrary: hostileText() },
  { weight: 1, arbitrary: publisherText },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<p onclick="x()">Hi <a href="/a">a</a><script>x()</script></p>',
      '<a href="&#106avascript:alert(1)">x</a>',
      '<!-- c --><img src=x onerror=y>',
      '<scr<script>ipt>alert(1)</script>',
      '<p>\u0000</p>',
      '&#0;&#x1;',
    ),
  },
);
export const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
export const url = fc.oneof(hostileUrl, fc.webUrl({ withQueryParameters: true, withFragments: true }));

/** A step of building an item's HTML, as the renderers take them: markup as written, or text to escape. */
export type HtmlStep = { readonly markup: string } | { readonly text: string };

/** The `HtmlBuilder` that `steps` make, in order (what the properties over generated steps sanitize). */
export function buildHtml(steps: readonly HtmlStep[]): HtmlBuilder {
  const html = new HtmlBuilder();
  for (const step of steps) {
    if ('markup' in step) html.addMarkup(step.markup);
    else html.addText(step.text);
  }
  return html;
}
