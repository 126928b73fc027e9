/**
 * @module core/config/runtime-config
 * Environment variables → one frozen, typed config, parsed once at the entry point (never at import
 * time). Both runtimes read the same names, so the same requests work against `npm start` and the Worker.
 */
import * as v from 'valibot';
import { LedeError } from '../errors.ts';

/** RETENTION_DAYS' default: a quarter of a year of archive behind each feed's newest items (README, "Configuration"). */
const DEFAULT_RETENTION_DAYS = 90;

const portSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,5}$/, 'must be a port number'),
  v.transform(Number),
  v.check((port) => port >= 0 && port <= 65535, 'must be 0-65535'),
);
const positiveInt = v.pipe(v.string(), v.regex(/^[1-9]\d*$/, 'must be a positive whole number'), v.transform(Number));
const optionalText = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.transform((s) => (s === '' ? undefined : s)),
  ),
);

const envSchema = v.object({
  PORT: v.optional(portSchema, '8787'),
  HOST: v.optional(v.pipe(v.string(), v.nonEmpty()), '127.0.0.1'),
  FEEDS_DIR: v.optional(v.pipe(v.string(), v.nonEmpty()), 'feeds'),
  DATA_DIR: v.optional(v.pipe(v.string(), v.nonEmpty()), '.data'),
  ADMIN_TOKEN: optionalText,
  PUBLIC_URL: v.optional(v.pipe(v.string(), v.url('must be an absolute URL'))),
  MAX_PAGES_PER_RUN: v.optional(positiveInt),
  RETENTION_DAYS: v.optional(positiveInt),
  // A blank value is "no hub", as for ADMIN_TOKEN; anything else must be an http(s) URL.
  WEBSUB_HUB: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.check((s) => s === '' || /^https?:\/\/[^/]/i.test(s), 'must be an http(s) URL'),
      v.transform((s) => (s === '' ? undefined : s)),
    ),
  ),
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error']), 'info'),
  LOG_FORMAT: v.optional(v.picklist(['json', 'pretty']), 'json'),
  METRICS_TOKEN: optionalText,
});

/** `json`: one JSON object per line (both runtimes); `pretty`: a readable line for a terminal (Node only). */
export type LogFormat = 'json' | 'pretty';

export interface RuntimeConfig {
  readonly port: number;
  readonly host: string;
  readonly feedsDir: string;
  readonly dataDir: string;
  /** Unset: every admin request is refused. */
  readonly adminToken?: string | undefined;
  /** Base URL feeds are served from (self links in feeds); default `http://{HOST}:{PORT}`. */
  readonly publicUrl: string;
  /** Most article pages one refresh may fetch (undefined: no limit on Node). */
  readonly maxPagesPerRun?: number | undefined;
  /** Days a record stays servable (by paging) after leaving the plain feed, then it is pruned (core/refresh/retention.ts). */
  readonly retentionDays: number;
  /** WebSub hub (W3C WebSub): advertised as `rel="hub"` in every feed and told of every change. Unset: none. */
  readonly websubHub?: string | undefined;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly logFormat: LogFormat;
  /** A second token that opens only `GET /metrics` (Node), for a scraper that must not reach the admin API. */
  readonly metricsToken?: string | undefined;
}

/**
 * Parse the environment; throws `LedeError('invalid-config')` naming every bad variable.
 * @example const config = parseRuntimeConfig(process.env)
 */
export function parseRuntimeConfig(env: Readonly<Record<string, string | undefined>>): RuntimeConfig {
  const result = v.safeParse(envSchema, env);
  if (!result.success) {
    const reasons = result.issues.map((issue) => `${v.getDotPath(issue) ?? 'environment'}: ${issue.message}`);
    throw new LedeError('invalid-config', `invalid environment: ${reasons.join('; ')}`);
  }
  const e = result.output;
  const host = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    feedsDir: e.FEEDS_DIR,
    dataDir: e.DATA_DIR,
    adminToken: e.ADMIN_TOKEN,
    publicUrl: (e.PUBLIC_URL ?? `http://${host}:${e.PORT}`).replace(/\/+$/, ''),
    maxPagesPerRun: e.MAX_PAGES_PER_RUN,
    retentionDays: e.RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS,
    websubHub: e.WEBSUB_HUB,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    metricsToken: e.METRICS_TOKEN,
  });
}
