/**
 * The steps the session-18 speed-up replaced, each against its previous form (tests/helpers/render-reference,
 * verbatim): the sanitizer (one filter, its text escape), the item HTML sanitized by reading its markup alone
 * (and escaped piece by piece), the second escape of escaped text, and the remembered RFC 3339 (and, since session 21, RFC 822) dates. Hostile
 * markup and text; the two inputs that need the fallback are written out as examples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRfc3339, formatRfc822, pickItemDates } from '../../../src/core/render/dates.ts';
import {
  escapeHtmlParts,
  HtmlBuilder,
  joinHtml,
  sanitizeBuiltHtml,
  sanitizeHtml,
} from '../../../src/core/render/sanitize-html.ts';
import { escapeEscapedXml } from '../../../src/core/render/xml.ts';
import {
  formatRfc3339 as formatRfc3339Before,
  formatRfc822 as formatRfc822Before,
  pickItemDates as pickItemDatesBefore,
} from '../../helpers/render-reference/dates.ts';
import {
  sanitizeBuiltHtml as sanitizeBuiltHtmlBefore,
  sanitizeHtml as sanitizeHtmlBefore,
} from '../../helpers/render-reference/sanitize-html.ts';
import {
  escapeXml as escapeXmlBefore,
  stripControlChars as stripControlCharsBefore,
} from '../../helpers/render-reference/xml.ts';
import { buildHtml, text, url } from '../../helpers/render-arbitraries.ts';
import { hostileDate } from '../../fuzz/arbitraries/hostile-text.ts';

/** Markup as a caller might write it, to see the sanitizer's reading of markup alone hold or fall back. */
const markupFragment = fc.oneof(
  fc.constantFrom(
    '<p>',
    '</p>',
    '<br>',
    '<em>',
    '</em>',
    '</a>',
    '<a href="/rel?a=1&amp;b">',
    '<a href=https://ex.com/x>',
    '<img src="https://ex.com/a.jpg" alt="">',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">',
    '<a href="&#106avascript:x">',
    '<script>',
    '</script>',
    '<SCRIPT>',
    '<style>',
    '</title>',
    '<svg>',
    '<!--',
    '-->',
    '<!',
    '--',
    '<',
    '>',
    '"',
    "'",
    '=',
    ' ',
    '\t',
    '<p title="',
    '<a href=',
    '<x>',
    '<p =',
    'text',
    '\u0000',
    '/',
  ),
  fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '=', ' ', '!', '-', '/', 'p', 'a', 'x'), maxLength: 6 }),
);

describe('sanitizeHtml against the previous one', () => {
  it('gives the same HTML for any markup, text and base', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(markupFragment, text), { maxLength: 12 }), url, (parts, base) => {
        const html = parts.join('');
        expect(sanitizeHtml(html, base)).toBe(sanitizeHtmlBefore(html, base));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('escapeEscapedXml against escaping escaped text again', () => {
  it('gives the same string for any text', () => {
    fc.assert(
      fc.property(text, (value) => {
        const escaped = escapeXmlBefore(value);
        expect(escapeEscapedXml(escaped)).toBe(escapeXmlBefore(escaped));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sanitizeBuiltHtml (the markup read alone) against sanitizing the whole built HTML', () => {
  it('gives the same HTML, and escaped HTML, for any markup and text, falling back where reading the markup alone would differ', () => {
    const step = fc.oneof(
      fc.array(markupFragment, { minLength: 1, maxLength: 4 }).map((parts) => ({ markup: parts.join('') })),
      fc.oneof(text, fc.constantFrom('', ' ', '!--', '--', 'script', '=')).map((value) => ({ text: value })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 10 }), url, (steps, base) => {
        const html = buildHtml(steps);
        const parts = sanitizeBuiltHtml(html, base);
        const before = sanitizeBuiltHtmlBefore(html.toString(), base);
        expect(joinHtml(parts)).toBe(before);
        expect(escapeHtmlParts(parts)).toBe(escapeXmlBefore(before));
      }),
      {
        numRuns: 3000,
        // What the fallback is for, each found wrong without its check: a text that completes a comment's
        // start (`<` + `!--`), and an empty text before a dropped body (the sanitizer counts from position 0).
        examples: [
          [[{ markup: '<' }, { text: '!--' }, { markup: '<p>x-->' }], 'https://ex.com/'],
          [[{ markup: '<x>' }, { text: '' }, { markup: '<script><script>y</script>' }], 'https://ex.com/'],
        ],
      },
    );
  });

  it('builds what the previous code built: texts escaped in place (and markup stripped of what XML forbids)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(markupFragment, text), { maxLength: 6 }), (pairs) => {
        const html = new HtmlBuilder();
        for (const [markup, value] of pairs) html.addMarkup(markup).addText(value);
        expect(html.toString()).toBe(
          pairs.map(([markup, value]) => `${stripControlCharsBefore(markup)}${escapeXmlBefore(value)}`).join(''),
        );
      }),
    );
  });
});

describe('dates against the previous ones', () => {
  it('formats and picks the same instants, asked any number of times and past the memo bound', () => {
    const instant = fc.date({
      min: new Date(Date.UTC(0, 0, 1)),
      max: new Date(Date.UTC(9999, 11, 31)),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 5000 }), (dates) => {
        for (const date of [...dates, ...dates.slice(0, 50)]) {
          expect(formatRfc3339(new Date(date.getTime()))).toBe(formatRfc3339Before(date));
          // Remembered too since session 21.
          expect(formatRfc822(new Date(date.getTime()))).toBe(formatRfc822Before(date));
        }
      }),
      { numRuns: 5 },
    );
    fc.assert(
      fc.property(hostileDate, hostileDate, hostileDate, fc.boolean(), (published, updated, fallback, same) => {
        const item = { published, updated: same ? published : updated };
        const now = pickItemDates(item, fallback);
        const before = pickItemDatesBefore(item, fallback);
        expect([now.published.getTime(), now.updated.getTime()]).toEqual([
          before.published.getTime(),
          before.updated.getTime(),
        ]);
      }),
      { numRuns: 2000 },
    );
  });
});
