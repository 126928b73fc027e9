/**
 * @module core/html-tokenizer
 * htmlparser2's tokenizer, skipping ahead with `indexOf` wherever it waits for one of a few characters (a
 * base module: parse-html.ts hands it to htmlparser2's `Parser`). The stock tokenizer reads a page one
 * character per turn of its state loop, calling a state handler for each: most turns, in text, in quoted
 * attribute values and through `<script>` and `<style>` bodies, do nothing but wait for `<`, `&` or a
 * quote. Here those states jump to the character they wait for and leave the tokenizer exactly where the
 * stock loop would have reached it — so the tree is the same node for node (tests/core/parse-html.test.ts
 * compares both, on generated pages and on the corpus) and a page is parsed in about half the time.
 *
 * The overridden handlers are private in htmlparser2's types, so they are set on the prototype and read
 * the tokenizer's state through `TokenizerState`, written against htmlparser2 10's Tokenizer.ts.
 */
import { Tokenizer } from 'htmlparser2';

/** The tokenizer's private state that the skips read and move. */
interface TokenizerState {
  readonly buffer: string;
  /** The position in the whole input (`offset` + the position in `buffer`) of the character being read. */
  index: number;
  readonly offset: number;
  readonly decodeEntities: boolean;
}

type StateHandler = (this: Tokenizer, char: number) => void;

const LESS_THAN = 0x3c;
const AMPERSAND = 0x26;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

function readState(tokenizer: Tokenizer): TokenizerState {
  return tokenizer as unknown as TokenizerState;
}

function readStockHandler(name: string): StateHandler {
  return (Tokenizer.prototype as unknown as Record<string, StateHandler>)[name] as StateHandler;
}

/**
 * Where the next `char` is in a buffer, at or after a position (the buffer's length when there is none).
 * The answer is kept while later questions fall between the position asked and the answer, so looking
 * for the nearer of two characters does not scan again for the farther one at every stop.
 */
class CharFinder {
  private readonly char: string;
  private buffer = '';
  private from = 0;
  private found = 0;

  constructor(char: string) {
    this.char = char;
  }

  findFrom(buffer: string, from: number): number {
    if (buffer !== this.buffer || from < this.from || from > this.found) {
      const index = buffer.indexOf(this.char, from);
      this.buffer = buffer;
      this.from = from;
      this.found = index === -1 ? buffer.length : index;
    }
    return this.found;
  }
}

/** Move to just before position `stop` of the buffer: the state loop steps onto it next. */
function skipToBefore(state: TokenizerState, stop: number): void {
  state.index = state.offset + stop - 1;
}

/**
 * htmlparser2's `Tokenizer` with the skips, once `pageTokenizer` has installed them: take it from there.
 * @example new Parser(new DomHandler(), { Tokenizer: pageTokenizer() }).end(html)
 */
export class SkippingTokenizer extends Tokenizer {
  readonly lessThan = new CharFinder('<');
  readonly ampersand = new CharFinder('&');
  readonly doubleQuote = new CharFinder('"');
  readonly singleQuote = new CharFinder("'");
}

const stockText = readStockHandler('stateText');
const stockDoubleQuoted = readStockHandler('stateInAttributeValueDoubleQuotes');
const stockSingleQuoted = readStockHandler('stateInAttributeValueSingleQuotes');

/**
 * Text: the stock handler acts on `<` (a tag may start) and, when decoding entities, on `&`; any other
 * character it passes over. (Without entity decoding it skips to `<` itself.)
 */
function stateText(this: SkippingTokenizer, char: number): void {
  const state = readState(this);
  if (char === LESS_THAN || char === AMPERSAND || !state.decodeEntities) {
    stockText.call(this, char);
    return;
  }
  const from = state.index - state.offset + 1;
  skipToBefore(
    state,
    Math.min(this.lessThan.findFrom(state.buffer, from), this.ampersand.findFrom(state.buffer, from)),
  );
}

/** A quoted attribute value: the stock handler acts on the closing quote and, when decoding entities, on `&`. */
function skipInQuotedValue(tokenizer: SkippingTokenizer, char: number, quote: number, stock: StateHandler): void {
  const state = readState(tokenizer);
  if (char === quote || char === AMPERSAND || !state.decodeEntities) {
    stock.call(tokenizer, char);
    return;
  }
  const from = state.index - state.offset + 1;
  const quotes = quote === DOUBLE_QUOTE ? tokenizer.doubleQuote : tokenizer.singleQuote;
  skipToBefore(state, Math.min(quotes.findFrom(state.buffer, from), tokenizer.ampersand.findFrom(state.buffer, from)));
}

/**
 * Script and style bodies, comments, CDATA, declarations: the stock `fastForwardTo(char)` compares one
 * character per loop turn; the same jump by `indexOf`, leaving the index on the character found, or on the
 * buffer's last one when there is none (the state loop then steps past the end).
 */
function fastForwardTo(this: SkippingTokenizer, char: number): boolean {
  const state = readState(this);
  const found = state.buffer.indexOf(String.fromCharCode(char), state.index + 1 - state.offset);
  if (found !== -1) {
    state.index = found + state.offset;
    return true;
  }
  state.index = state.buffer.length + state.offset - 1;
  return false;
}

/** The stock handlers replaced here, and the private state they read, as in htmlparser2 10. */
const REPLACED = [
  'stateText',
  'stateInAttributeValueDoubleQuotes',
  'stateInAttributeValueSingleQuotes',
  'fastForwardTo',
];

/**
 * Whether this htmlparser2's tokenizer has the handlers and state the skips were written against. An upgrade
 * that renamed or dropped any of them leaves the stock tokenizer in use (slower, never wrong); one that kept
 * the names but changed what they do is caught by tests/core/parse-html.test.ts, which compares the trees.
 */
function fitsStockTokenizer(): boolean {
  const prototype = Tokenizer.prototype as unknown as Record<string, unknown>;
  if (!REPLACED.every((name) => typeof prototype[name] === 'function')) return false;
  const probe = readState(new Tokenizer({}, {} as ConstructorParameters<typeof Tokenizer>[1]));
  return (
    typeof probe.buffer === 'string' &&
    typeof probe.index === 'number' &&
    typeof probe.offset === 'number' &&
    typeof probe.decodeEntities === 'boolean'
  );
}

let chosen: typeof Tokenizer | undefined;

/**
 * The tokenizer to parse pages with: `SkippingTokenizer`, its skips installed on the first call, when this
 * htmlparser2 fits them (`fitsStockTokenizer`), else the stock one. Decided on first use, not at import: a
 * Worker's isolate does no work before its first request.
 * @example new Parser(handler, { Tokenizer: pageTokenizer() }).end(html)
 */
export function pageTokenizer(): typeof Tokenizer {
  chosen ??= fitsStockTokenizer() ? installSkips() : Tokenizer;
  return chosen;
}

function installSkips(): typeof Tokenizer {
  Object.defineProperties(SkippingTokenizer.prototype, {
    stateText: { value: stateText },
    stateInAttributeValueDoubleQuotes: {
      value: function (this: SkippingTokenizer, char: number): void {
        skipInQuotedValue(this, char, DOUBLE_QUOTE, stockDoubleQuoted);
      },
    },
    stateInAttributeValueSingleQuotes: {
      value: function (this: SkippingTokenizer, char: number): void {
        skipInQuotedValue(this, char, SINGLE_QUOTE, stockSingleQuoted);
      },
    },
    fastForwardTo: { value: fastForwardTo },
  });
  return SkippingTokenizer;
}
