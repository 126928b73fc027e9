/**
 * @module tests/runtime/worker/extract-cpu-bare
 * extract-cpu.test.ts's baseline, a bare htmlparser2 parse, as a module bundled on its own
 * (extract-cpu-bundle.ts): its copy of htmlparser2 then runs with type feedback of its own. Bundled with
 * Lede's work, the stock tokenizer shared its code with Lede's tokenizer subclass (src/core/html-tokenizer.ts)
 * and ran slower there, which flattered Lede's ratio.
 */
import { DomHandler } from 'domhandler';
import { Parser } from 'htmlparser2';

/**
 * Milliseconds per parse of `html`, the mean of `calls` parses.
 * @example const ms = timeBareParse(html, 5)
 */
export function timeBareParse(html: string, calls: number): number {
  const start = performance.now();
  for (let call = 0; call < calls; call++) new Parser(new DomHandler()).end(html);
  return (performance.now() - start) / calls;
}
