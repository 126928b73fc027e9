/**
 * @module scripts/build-node
 * The first step of `npm start`: bundles `src/runtime/node/main.ts` and the packages it imports into plain
 * ES modules in `dist/node/` (esbuild), which Node then runs. A process started from one built file holds
 * ≈ 20–35 MB less than one that loads the `.ts` sources through Node's type stripper and every package's files
 * one by one (docs/performance-history.md, "A built start, and the young generation given back").
 *
 * - Code splitting keeps what `import()` loads lazily (the Readability + linkedom fallback) in a chunk of
 *   its own, read only on first need.
 * - The build runs at every start (≈ 0.3 s), so the server always runs the checkout's sources; only files
 *   whose bytes changed are written (each atomically, by rename), so a checkout built in advance can be
 *   started from a read-only file system, and two builds at once never expose a half-written file.
 * - Output files sit directly in `dist/node/`, two levels below the checkout, like the sources in
 *   `src/store/`: `new URL('../../migrations/', import.meta.url)` (src/store/sqlite-migrations.ts) names the
 *   checkout's `migrations/` from either place.
 * - No minification: stack traces keep the sources' function names, and the line is found in the readable
 *   bundle or, with `--enable-source-maps`, in `dist/node/*.js.map`.
 *
 * @example
 * // node scripts/build-node.ts          (writes dist/node/main.js and its chunks; silent unless it fails)
 * const entry = await buildNode();       // the absolute path of dist/node/main.js
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type OutputFile } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Where `npm start`'s code is written (gitignored with the rest of `dist/`). */
export const NODE_OUT_DIR = path.join(ROOT, 'dist/node');

// Bundled CommonJS packages (prom-client, tldts, …) call `require` for Node's built-ins; an ES module has
// none, so every output file makes its own from its URL.
const REQUIRE_BANNER =
  "import { createRequire as __ledeCreateRequire } from 'node:module'; const require = __ledeCreateRequire(import.meta.url);";

/** Write `file` unless it already holds these bytes; a temporary name and a rename make the write atomic. */
async function writeIfChanged(file: OutputFile): Promise<void> {
  const current = await readFile(file.path).catch(() => undefined);
  if (current?.equals(file.contents)) return;
  const temporary = `${file.path}.${randomUUID()}.tmp`;
  await writeFile(temporary, file.contents);
  await rename(temporary, file.path);
}

/** Remove earlier builds' chunks (their names carry a content hash), leaving other processes' temporaries. */
async function removeStale(outDir: string, kept: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(outDir)) {
    if (!/\.js(\.map)?$/.test(name) || kept.has(path.join(outDir, name))) continue;
    await rm(path.join(outDir, name), { force: true });
  }
}

/**
 * Bundle `npm start`'s entry into `outDir` and return the path of the entry module to run.
 * @example const entry = await buildNode(); spawn(process.execPath, ['--max-semi-space-size=16', entry])
 */
export async function buildNode(outDir: string = NODE_OUT_DIR): Promise<string> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/runtime/node/main.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    splitting: true,
    chunkNames: '[name]-[hash]',
    outdir: outDir,
    sourcemap: 'linked',
    banner: { js: REQUIRE_BANNER },
    legalComments: 'none',
    logLevel: 'silent',
    write: false,
  });
  await mkdir(outDir, { recursive: true });
  for (const file of result.outputFiles) await writeIfChanged(file);
  await removeStale(outDir, new Set(result.outputFiles.map((file) => file.path)));
  return path.join(outDir, 'main.js');
}

/**
 * The Node arguments `npm start` runs Lede with after its build step (package.json's `start`: its flags,
 * then the entry), for the tests and the bench, which start Lede as it runs and would drift from a copy.
 * @example spawn(process.execPath, readStartArgs()) // ['--max-semi-space-size=16', …, '/…/dist/node/main.js']
 */
export function readStartArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = (scripts.start.split('&&').at(-1) ?? '').trim().split(/\s+/);
  const args = words.slice(words.indexOf('node') + 1);
  const entry = args.at(-1) ?? '';
  return [...args.slice(0, -1), path.resolve(ROOT, entry)];
}

if (import.meta.main) {
  buildNode().catch((error: unknown) => {
    process.stderr.write(
      `lede: building dist/node failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
