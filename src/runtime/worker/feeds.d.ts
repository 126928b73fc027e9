/**
 * @module runtime/worker/feeds
 * The module scripts/bundle-feeds.ts generates before wrangler bundles the Worker: the definition files of
 * `FEEDS_DIR`, as raw text for the core loader (`DefinitionFile[]`). wrangler.toml's `[alias]` (and
 * vitest.workers.config.ts for the tests) resolve `lede:feeds` to it.
 */
declare module 'lede:feeds' {
  const files: readonly { readonly id: string; readonly file: string; readonly text: string }[];
  export default files;
}
