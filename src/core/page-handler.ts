/**
 * @module core/page-handler
 * domhandler's `DomHandler`, making a page's elements and text nodes with plain constructors (a base module:
 * parse-html.ts hands it to htmlparser2's `Parser`). domhandler 6 declares its nodes' properties as class
 * fields, three classes deep (`Node`, `NodeWithChildren`, `Element`), and V8 builds such a node markedly
 * slower than one whose constructor assigns the same properties: on the bench's fixture pages a parse with
 * the stock handler took ≈ 1.2× one with these constructors (thread CPU, paired per page). The nodes made here
 * are the stock ones in every way a program can see: the same prototype (so `instanceof`, the getters and
 * `cloneNode`), the same own properties in the same order with the same values (tests/core/page-handler.test.ts
 * compares both, on generated pages and on the corpus).
 *
 * Only the handler's two hot events, an open tag and text, are replaced; comments, CDATA and processing
 * instructions keep the stock code. The handler is constructed without options (no `xmlMode`, no indices),
 * which is what the replaced code assumes.
 */
import { DomHandler, Element, isText, Text } from 'domhandler';

type Attributes = Record<string, string>;

/** A node under construction: the properties the constructors below assign. */
type Fields = Record<string, unknown>;

// domelementtype's `ElementType` values, as domhandler sets them (`fitsDomhandler` checks that they still are).
const TAG = 'tag';
const SCRIPT = 'script';
const STYLE = 'style';
const TEXT = 'text';

/**
 * What `new Element(name, attribs)` sets, in its order: `Node`'s fields, `children`, then `Element`'s
 * (`name`, `attribs`, `type`, and the parse5-only `namespace` and `x-attribs*`, left undefined).
 */
function PageElement(this: Fields, name: string, attribs: Attributes): void {
  this.parent = null;
  this.prev = null;
  this.next = null;
  this.startIndex = null;
  this.endIndex = null;
  this.children = [];
  this.name = name;
  this.attribs = attribs;
  this.type = name === 'script' ? SCRIPT : name === 'style' ? STYLE : TAG;
  this.namespace = undefined;
  this['x-attribsNamespace'] = undefined;
  this['x-attribsPrefix'] = undefined;
}

/** What `new Text(data)` sets, in its order: `Node`'s fields, `data`, `type`. */
function PageText(this: Fields, data: string): void {
  this.parent = null;
  this.prev = null;
  this.next = null;
  this.startIndex = null;
  this.endIndex = null;
  this.data = data;
  this.type = TEXT;
}

PageElement.prototype = Element.prototype;
PageText.prototype = Text.prototype;
const makeElement = PageElement as unknown as new (name: string, attribs: Attributes) => Element;
const makeText = PageText as unknown as new (data: string) => Text;

/**
 * `DomHandler` with `onopentag` and `ontext` as domhandler 6 has them (without the options this handler is
 * never given), building their nodes with `makeElement` and `makeText`.
 * @example new Parser(new PageHandler(), { Tokenizer: pageTokenizer() }).end(html)
 */
export class PageHandler extends DomHandler {
  override onopentag(name: string, attribs: Attributes): void {
    const element = new makeElement(name, attribs);
    this.addNode(element);
    this.tagStack.push(element);
  }

  override ontext(data: string): void {
    const { lastNode } = this;
    if (lastNode && isText(lastNode)) {
      lastNode.data += data;
    } else {
      const node = new makeText(data);
      this.addNode(node);
      this.lastNode = node;
    }
  }
}

/**
 * Whether this domhandler's nodes are the ones the constructors above imitate: same own properties in the
 * same order, same prototype, same values. An upgrade that changed them leaves the stock handler in use.
 */
function fitsDomhandler(): boolean {
  const pairs: [object, object][] = [
    [new makeElement('p', { a: '1' }), new Element('p', { a: '1' })],
    [new makeElement('script', {}), new Element('script', {})],
    [new makeElement('style', {}), new Element('style', {})],
    [new makeText('x'), new Text('x')],
  ];
  return pairs.every(
    ([made, stock]) =>
      Object.getPrototypeOf(made) === Object.getPrototypeOf(stock) &&
      Object.keys(made).join() === Object.keys(stock).join() &&
      JSON.stringify(Object.entries(made)) === JSON.stringify(Object.entries(stock)),
  );
}

let chosen: typeof DomHandler | undefined;

/**
 * The handler to build pages with: `PageHandler` when this domhandler fits it (`fitsDomhandler`), else the
 * stock `DomHandler`. Decided on first use, not at import.
 * @example const handler = new (pageHandler())(); new Parser(handler).end(html)
 */
export function pageHandler(): typeof DomHandler {
  chosen ??= fitsDomhandler() ? PageHandler : DomHandler;
  return chosen;
}
