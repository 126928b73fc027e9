/**
 * @module tests/helpers/content-text-before
 * src/core/extract/content-text.ts `readLinkDensities` (with the private helpers it used) as it was before
 * session 22 measured text without building the normalised string and gave blank text nodes shared pieces,
 * kept verbatim (imports re-pointed, the entry renamed `readLinkDensitiesBefore`) as the reference
 * tests/core/extract/text-measures.test.ts and tests/helpers/content-score-before.ts use.
 * Remove this file, and those comparisons, once the change has shipped through a release with the output hashes
 * unchanged (tests/core/extract/golden/output-hashes.json), or when the code it mirrors changes on purpose.
 */
import { isText, type AnyNode, type Element } from 'domhandler';
import { getAttribute, isElement } from '../../src/core/html-dom.ts';
import { readInnerText } from '../../src/core/extract/content-text.ts';

/** Weighted length of a link's text: in-page `#` links weigh 0.3. */
function readLinkLength(link: Element): number {
  const href = getAttribute(link, 'href');
  return readInnerText(link).length * (href && /^#.+/.test(href) ? 0.3 : 1);
}

/**
 * What a text node adds to the inner text (`normalizeInnerText`) of any element it is in: its own normalised
 * length, and whether white space starts or ends it (runs across node boundaries collapse to one space).
 */
interface TextPiece {
  readonly length: number;
  readonly blank: boolean;
  readonly leadingSpace: boolean;
  readonly trailingSpace: boolean;
}

function readTextPiece(data: string): TextPiece {
  const trimmed = data.trim();
  // `trim` takes off exactly the white space `\s` matches: a text it leaves whole neither starts nor ends with any.
  const padded = trimmed.length !== data.length;
  return {
    length: trimmed.replace(/\s{2,}/g, ' ').length,
    blank: trimmed === '',
    leadingSpace: padded && /^\s/.test(data),
    trailingSpace: padded && /\s$/.test(data),
  };
}

/** A candidate open in `readLinkDensities`' walk: its inner text's length and its links' so far. */
interface OpenCandidate {
  readonly element: Element;
  textLength: number;
  hasText: boolean;
  pendingSpace: boolean;
  linkLength: number;
}

/** Append a text node to a candidate's inner text: only the length is kept, `normalizeInnerText`'s. */
function addText(open: OpenCandidate, piece: TextPiece): void {
  if (piece.blank) {
    if (open.hasText && piece.leadingSpace) open.pendingSpace = true;
    return;
  }
  if (open.hasText && (open.pendingSpace || piece.leadingSpace)) open.textLength += 1;
  open.textLength += piece.length;
  open.hasText = true;
  open.pendingSpace = piece.trailingSpace;
}

function hasCandidateAncestor(element: Element, candidates: ReadonlySet<Element>): boolean {
  for (let node = element.parent; node; node = node.parent) if (candidates.has(node as Element)) return true;
  return false;
}

/**
 * `readLinkDensity` of every candidate, to the last bit, in one walk of the outermost ones' subtrees instead
 * of one per candidate: nested candidates (a paragraph's five ancestors) would each read the same text
 * again. Each text node is measured once and added to every open candidate; each link's length is added to
 * them in document order, the order `readLinkDensity` sums in. The tree must not change meanwhile.
 */
export function readLinkDensitiesBefore(candidates: Iterable<Element>): Map<Element, number> {
  const set = new Set(candidates);
  const densities = new Map<Element, number>();
  const open: OpenCandidate[] = [];
  const close = (): void => {
    const done = open.pop();
    if (done) densities.set(done.element, done.textLength === 0 ? 0 : done.linkLength / done.textLength);
  };
  for (const root of set) {
    if (hasCandidateAncestor(root, set)) continue;
    // A null entry closes the innermost open candidate.
    const stack: (AnyNode | null)[] = [root];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      if (node === null) close();
      else if (isText(node)) {
        const piece = readTextPiece(node.data);
        for (const candidate of open) addText(candidate, piece);
      } else if (isElement(node)) {
        if (node.name === 'a' && open.length > 0) {
          const length = readLinkLength(node);
          for (const candidate of open) candidate.linkLength += length;
        }
        if (set.has(node)) {
          open.push({ element: node, textLength: 0, hasText: false, pendingSpace: false, linkLength: 0 });
          stack.push(null);
        }
        for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as AnyNode);
      }
    }
  }
  return densities;
}
