/**
 * @module core/share
 * A share of an article (0.125 = an eighth of its words) as people read it. The feeds' rights statements
 * and the index page both show a licence's `maxShare` through this one helper, so they never disagree.
 */

/**
 * The share as a percentage with at most one decimal, clamped to 0–100%.
 *
 * @example formatShare(0.3); // '30%'
 * @example formatShare(0.125); // '12.5%'
 */
export function formatShare(share: number): string {
  return `${Number((Math.min(Math.max(share, 0), 1) * 100).toFixed(1))}%`;
}
