/**
 * @module core/license/unique-paragraphs
 * The article a licence's share is taken of: its body without repeated paragraphs. Pages repeat themselves —
 * a live blog's pinned post shown again as its first entry, a pull quote repeating the standfirst, a lede shown
 * again under a gallery, an image credit given as alt text and as caption — and a repeat is not more of the
 * article: counted twice, it would raise the words a share allows. Extraction keeps the body as the page has it
 * (as Readability does); the licence counts and cuts this text instead, so no excerpt is longer for a repeat
 * and none shows such a copy.
 */
import { joinParagraphs, PARAGRAPH_SEPARATOR } from '../paragraphs.ts';

/**
 * Paragraphs this long are prose, so a second copy of one anywhere is the page repeating itself, never the
 * article saying it twice. Shorter lines ("Photo: Reuters", a subheading) may recur, though not back to back.
 */
const MIN_REPEATED_PROSE = 80;

/**
 * `text` without the paragraphs that repeat one before them: one the same as the paragraph just before it, or a
 * later copy of a prose paragraph (80 characters or more). The very same string when nothing repeats; else the
 * paragraphs kept, trimmed, joined by a blank line.
 * @example withoutRepeatedParagraphs('A.\n\nA.\n\nB.') // 'A.\n\nB.'
 */
export function withoutRepeatedParagraphs(text: string): string {
  const paragraphs = text.split(PARAGRAPH_SEPARATOR).map((paragraph) => paragraph.trim());
  const kept: string[] = [];
  const prose = new Set<string>();
  let repeated = false;
  for (const paragraph of paragraphs) {
    if (paragraph === '') continue;
    if (paragraph === kept.at(-1) || prose.has(paragraph)) {
      repeated = true;
      continue;
    }
    if (paragraph.length >= MIN_REPEATED_PROSE) prose.add(paragraph);
    kept.push(paragraph);
  }
  return repeated ? joinParagraphs(kept) : text;
}
