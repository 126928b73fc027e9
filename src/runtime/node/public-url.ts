/**
 * @module runtime/node/public-url
 * The public URL feeds are rendered with (their self links, JSON Feed `feed_url`) must not depend on which
 * process rendered them: the server records the URL it serves under in `DATA_DIR/public-url.json`, and the
 * CLI, run beside it with the same `DATA_DIR`, renders with that URL — unless `PUBLIC_URL` says otherwise.
 * The CLI always says on stderr which URL it took and why: never a silent default.
 *
 * A file, not a store row: it is the server process's fact, not the feeds' data, and the Worker (whose URL
 * is its own `PUBLIC_URL`) has no use for it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type { RuntimeConfig } from '../../core/config/runtime-config.ts';

/** Under `DATA_DIR`: `{ "publicUrl": "http://…", "recordedAt": "…" }`. */
export const PUBLIC_URL_FILE = 'public-url.json';

interface RecordedUrl {
  readonly publicUrl: string;
  readonly recordedAt: string;
}

/**
 * Record the URL the server serves under; written whole to a temporary file, then renamed over the old one,
 * so a CLI reading it never sees half of it.
 * @example await recordPublicUrl(config.dataDir, config.publicUrl, new Date())
 */
export async function recordPublicUrl(dataDir: string, publicUrl: string, now: Date): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, PUBLIC_URL_FILE);
  const recorded: RecordedUrl = { publicUrl, recordedAt: now.toISOString() };
  await writeFile(`${file}.${String(process.pid)}.tmp`, `${JSON.stringify(recorded, null, 2)}\n`);
  await rename(`${file}.${String(process.pid)}.tmp`, file);
}

async function readRecordedUrl(dataDir: string): Promise<RecordedUrl | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(dataDir, PUBLIC_URL_FILE), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('publicUrl' in parsed)) return undefined;
    const { publicUrl } = parsed;
    const recordedAt = 'recordedAt' in parsed && typeof parsed.recordedAt === 'string' ? parsed.recordedAt : '?';
    return typeof publicUrl === 'string' && URL.canParse(publicUrl) ? { publicUrl, recordedAt } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The config the CLI renders with, and the sentence saying which public URL it is and why: `PUBLIC_URL`
 * when set; else the URL the server recorded in `DATA_DIR`; else the `http://HOST:PORT` default, said so.
 * @example const { config, why } = await resolveCliPublicUrl(parseRuntimeConfig(process.env), process.env)
 */
export async function resolveCliPublicUrl(
  config: RuntimeConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ config: RuntimeConfig; why: string }> {
  if (env.PUBLIC_URL?.trim()) return { config, why: `public URL ${config.publicUrl} (from PUBLIC_URL)` };
  const file = path.join(config.dataDir, PUBLIC_URL_FILE);
  const recorded = await readRecordedUrl(config.dataDir);
  if (recorded) {
    return {
      config: Object.freeze({ ...config, publicUrl: recorded.publicUrl }),
      why: `public URL ${recorded.publicUrl} (the server's, recorded in ${file} at ${recorded.recordedAt}; PUBLIC_URL overrides it)`,
    };
  }
  return {
    config,
    why: `public URL ${config.publicUrl} (no PUBLIC_URL, and no server has recorded one in ${file}: the HOST/PORT default)`,
  };
}

/**
 * `PORT=0` asks for any free port; the public URL must name the real one. The port is found here, before
 * anything renders, by letting the system pick one and giving it back (a race with another process taking
 * it in between is possible, and then reported as a busy port).
 * @example config = await resolveAnyPort(config)
 */
export async function resolveAnyPort(config: RuntimeConfig): Promise<RuntimeConfig> {
  if (config.port !== 0) return config;
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, config.host, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const url = new URL(config.publicUrl);
  const publicUrl = url.port === '0' ? config.publicUrl.replace(/:0(?=\/|$)/, `:${String(port)}`) : config.publicUrl;
  return Object.freeze({ ...config, port, publicUrl });
}
