/**
 * @module core/pull/check-article-type
 * Only HTML article pages go on to the extract stage, as Miniflux's scraper refuses other types: a
 * `Content-Type` of `text/html` or `application/xhtml+xml` is accepted; a response without one is
 * accepted when its body sniffs as HTML (WHATWG MIME Sniffing §7.1, the HTML patterns: `<!DOCTYPE HTML`,
 * `<html`, `<head`, `<body`, `<p`, `<!--`, …). Anything else — `application/pdf`, `image/*`,
 * `application/json`, `text/plain` — is refused with `bad-content-type`; the refresh records it on the
 * article like any other fetch failure and goes on with the rest.
 */
import { LedeError } from '../errors.ts';

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** WHATWG MIME Sniffing §7.1: tags that mark a resource of unknown type as HTML, each followed by a space or `>`. */
const HTML_SIGNATURE =
  /^<(!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[\s>]|^<!--/i;

/** The media type alone: lower-case, parameters (`; charset=…`) dropped. */
function readMediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Whether a body without a declared type starts (after white space and a BOM) like HTML. */
function sniffsAsHtml(body: string): boolean {
  return HTML_SIGNATURE.test(body.replace(/^[\ufeff\s]+/, '').slice(0, 512));
}

/**
 * Throw `bad-content-type` unless the fetched page is HTML.
 *
 * @param contentType the response's Content-Type ('' when it sent none)
 * @example
 * checkArticleType('https://ex.com/report.pdf', 'application/pdf', body);
 * // throws LedeError { code: 'bad-content-type', message: 'https://ex.com/report.pdf is application/pdf, not an HTML page: not extracted' }
 */
export function checkArticleType(url: string, contentType: string, body: string): void {
  const type = readMediaType(contentType);
  if (HTML_TYPES.has(type) || (type === '' && sniffsAsHtml(body))) return;
  const what = type === '' ? 'of no declared type and does not look like HTML' : `is ${type}`;
  throw new LedeError('bad-content-type', `${url} ${what}, not an HTML page: not extracted`, {
    cause: { url, contentType },
  });
}
