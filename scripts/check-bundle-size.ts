/**
 * @module scripts/check-bundle-size
 * The last step of `npm run build:worker`: prints the size of the Worker that
 * `wrangler deploy --dry-run --outdir dist/worker` wrote, raw and gzipped, and fails when the gzipped
 * modules exceed 512 KiB. Cloudflare's own limit is on the compressed upload (Workers Free 3 MB, Paid
 * 10 MB, Workers docs "Limits"); 512 KiB is Lede's budget, well inside it, because a bigger Worker starts
 * slower in every fresh isolate (the 1 s startup limit) and a feed service has no reason to be big.
 *
 * Gzip is measured on the modules together (source maps and README excluded), which is what wrangler's
 * "Total Upload … / gzip …" line reports.
 *
 * @example
 * // node scripts/check-bundle-size.ts dist/worker
 * // worker.js  1262.3 KiB  gzip 302.1 KiB
 * // total      1262.3 KiB  gzip 302.1 KiB  (limit 512 KiB)
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const GZIP_LIMIT_BYTES = 512 * 1024;

const MODULE_FILE = /\.(m?js|cjs|wasm)$/;

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Sizes of the Worker's modules in `outDir`: each file raw and gzipped, and all of them together.
 * @example const { gzip } = await measureBundle('dist/worker')
 */
export async function measureBundle(outDir: string) {
  const names = (await readdir(outDir)).filter((name) => MODULE_FILE.test(name)).sort();
  if (names.length === 0)
    throw new Error(`no Worker modules in ${outDir}: run wrangler deploy --dry-run --outdir ${outDir} first`);
  const files = await Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(outDir, name));
      return { name, raw: bytes.length, gzip: gzipSync(bytes).length, bytes };
    }),
  );
  const all = Buffer.concat(files.map((file) => file.bytes));
  return { files, raw: all.length, gzip: gzipSync(all).length };
}

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? 'dist/worker';
  const { files, raw, gzip } = await measureBundle(outDir);
  for (const file of files)
    process.stdout.write(`${file.name.padEnd(12)} ${kib(file.raw).padStart(12)}  gzip ${kib(file.gzip)}\n`);
  process.stdout.write(
    `${'total'.padEnd(12)} ${kib(raw).padStart(12)}  gzip ${kib(gzip)}  (limit ${kib(GZIP_LIMIT_BYTES)})\n`,
  );
  if (gzip > GZIP_LIMIT_BYTES) {
    process.stderr.write(
      `check-bundle-size: the gzipped Worker is ${kib(gzip)}, over the ${kib(GZIP_LIMIT_BYTES)} budget\n`,
    );
    process.exit(1);
  }
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    process.stderr.write(`check-bundle-size: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
