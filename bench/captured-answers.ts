/**
 * @module bench/captured-answers
 * What Lede answered for one feed URL — per content coding the 200's status line headers and body bytes,
 * and the 304's headers — saved to a file so the bare baseline servers send exactly the same bytes and
 * headers. Headers a server adds per connection or per request (Date, Connection, Keep-Alive,
 * Transfer-Encoding) are left for each server to add itself.
 */
import { readFileSync } from 'node:fs';

export type Coding = 'identity' | 'gzip' | 'br';
export const CODINGS: readonly Coding[] = ['identity', 'gzip', 'br'];

export interface CapturedAnswers {
  readonly etag: string;
  readonly ok: Readonly<
    Record<Coding, { readonly headers: Record<string, string>; readonly body: Uint8Array<ArrayBuffer> }>
  >;
  readonly notModified: Record<string, string>;
}

interface CapturedFile {
  readonly etag: string;
  readonly ok: Record<Coding, { headers: Record<string, string>; body: string }>;
  readonly notModified: Record<string, string>;
}

const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** The headers of an answer minus those each server adds itself. */
export function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!PER_CONNECTION.has(name)) kept[name] = value;
  });
  return kept;
}

/** The coding a bare server picks for an Accept-Encoding header, as a server preferring br then gzip would. */
export function pickCoding(acceptEncoding: string | undefined): Coding {
  if (acceptEncoding === undefined) return 'identity';
  if (/\bbr\b/.test(acceptEncoding)) return 'br';
  return /\bgzip\b/.test(acceptEncoding) ? 'gzip' : 'identity';
}

export function serializeAnswers(answers: CapturedAnswers): string {
  const ok = Object.fromEntries(
    CODINGS.map((coding) => [
      coding,
      { headers: answers.ok[coding].headers, body: Buffer.from(answers.ok[coding].body).toString('base64') },
    ]),
  );
  return JSON.stringify({ etag: answers.etag, ok, notModified: answers.notModified });
}

/** Read the file named by the `ANSWERS` variable (the bare servers' input). */
export function readAnswers(file: string): CapturedAnswers {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as CapturedFile;
  const ok = Object.fromEntries(
    CODINGS.map((coding) => [
      coding,
      { headers: parsed.ok[coding].headers, body: new Uint8Array(Buffer.from(parsed.ok[coding].body, 'base64')) },
    ]),
  ) as CapturedAnswers['ok'];
  return { etag: parsed.etag, ok, notModified: parsed.notModified };
}
