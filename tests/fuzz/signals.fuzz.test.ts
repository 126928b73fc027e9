/**
 * @module tests/fuzz/signals.fuzz
 * Fuzzing the parsers of publishers' signals with hostile site files and headers (tests/fuzz/arbitraries/):
 * robots.txt, tdmrep.json, RSL licences, and the X-Robots-Tag / Content-Usage / Link / TDMRep header values of
 * an article page; then a site's signals as a whole (`readSiteFiles`, `addSiteRsl`), asked about hostile paths.
 * Nothing throws but the typed `malformed-source` of an RSL document that is not XML.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSiteRsl, isFetchAllowed, readSiteFiles, signalsForPath } from '../../src/core/signals/site-signals.ts';
import { hostileHeaderValue, hostileRobotsTxt, hostileTdmrepJson } from './arbitraries/site-files.ts';
import { hostileRsl } from './arbitraries/xml-documents.ts';
import { checkRobots, checkRsl, checkSignalHeaders, checkTdmrep, PROBE_PATHS } from './checks.ts';
import { fuzz, PROPERTY_TIMEOUT_MS } from './fuzz-settings.ts';

const ORIGIN = 'https://news.example';

/** A site's files read as a whole, then asked about every probe path. */
function checkSite([robots, tdmrep, rsl]: [string, string, string]): void {
  const files = {
    origin: ORIGIN,
    robots: { outcome: 'read' as const, url: `${ORIGIN}/robots.txt`, body: robots },
    tdmrep: { outcome: 'read' as const, url: `${ORIGIN}/.well-known/tdmrep.json`, body: tdmrep },
  };
  const site = addSiteRsl(readSiteFiles(files), { outcome: 'read', url: `${ORIGIN}/license.xml`, body: rsl });
  // Stored as JSON and cached by the runtimes: it must survive a round trip.
  expect(JSON.parse(JSON.stringify(site))).toEqual(site);
  for (const path of PROBE_PATHS) {
    expect(typeof isFetchAllowed(site, `${ORIGIN}${path}`)).toBe('boolean');
    signalsForPath(site, path);
  }
}

describe('fuzz: signals', () => {
  it('robots.txt', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(hostileRobotsTxt, checkRobots, 300));
  it('tdmrep.json', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(hostileTdmrepJson, checkTdmrep, 300));
  it('RSL licences', { timeout: PROPERTY_TIMEOUT_MS }, () => fuzz(hostileRsl, checkRsl, 200));
  it('signal headers (X-Robots-Tag, Content-Usage, Link, TDMRep)', { timeout: PROPERTY_TIMEOUT_MS }, () =>
    fuzz(hostileHeaderValue, checkSignalHeaders, 300),
  );
  it('a site’s files together', { timeout: PROPERTY_TIMEOUT_MS }, () =>
    fuzz(fc.tuple(hostileRobotsTxt, hostileTdmrepJson, hostileRsl), checkSite, 100),
  );
});
