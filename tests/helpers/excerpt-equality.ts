/**
 * @module tests/helpers/excerpt-equality
 * What the excerpt equivalence properties share: generated licence policies, and the check that `buildExcerpt`
 * cuts a text, then re-cuts its own stored excerpt, exactly as the reference (tests/helpers/excerpt-reference.ts).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { buildExcerpt } from '../../src/core/license/build-excerpt.ts';
import { resolvePolicy } from '../../src/core/license/resolve-policy.ts';
import { NO_SIGNALS } from '../../src/core/signals/merge-signals.ts';
import type { EffectivePolicy } from '../../src/core/types.ts';
import { maxShare } from './article-arbitraries.ts';
import { buildExcerptReference } from './excerpt-reference.ts';

/**
 * Policies of any share, with or without a word limit (up to `maxWords`) and a robots `max-snippet`.
 * @example fc.property(policies({ maxWords: 40, maxSnippet: fc.integer({ min: 0, max: 300 }) }), …)
 */
export function policies(bounds: {
  readonly maxWords: number;
  readonly maxSnippet: fc.Arbitrary<number>;
}): fc.Arbitrary<EffectivePolicy> {
  return fc
    .record({
      maxShare,
      maxWords: fc.option(fc.integer({ min: 0, max: bounds.maxWords }), { nil: undefined }),
      maxSnippet: fc.option(bounds.maxSnippet, { nil: undefined }),
    })
    .map(({ maxShare: share, maxWords, maxSnippet }) =>
      resolvePolicy(
        { maxShare: share, attribution: 'A', ...(maxWords === undefined ? {} : { maxWords }) },
        { ...NO_SIGNALS, ...(maxSnippet === undefined ? {} : { maxSnippet }) },
      ),
    );
}

/**
 * `text` cut under `first`, then its stored excerpt re-cut under `second` (as a refresh re-cuts when a policy
 * tightens), each equal to the reference's cut.
 * @example expectCutAsReference('One. Two.', policy, tighter, 'en')
 */
export function expectCutAsReference(
  text: string,
  first: EffectivePolicy,
  second: EffectivePolicy,
  lang: string | undefined,
): void {
  const excerpt = buildExcerpt(text, first, lang);
  expect(excerpt).toEqual(buildExcerptReference(text, first, lang));
  const stored = excerpt.paragraphs.join('\n\n');
  const recut = buildExcerpt(stored, second, lang, excerpt.articleWords);
  expect(recut).toEqual(buildExcerptReference(stored, second, lang, excerpt.articleWords));
}
