/**
 * @module core/signals/content-usage
 * What an AI-Preferences statement means for Lede. The IETF AI-Preferences vocabulary
 * (draft-ietf-aipref-vocab, §6 format) is a Structured Fields dictionary (RFC 9651 §3.2) of usage
 * categories to `y`/`n`: `train-ai`, `ai-use` and `search`. It reaches us as the `Content-Usage`
 * response header and `Content-Usage:` robots.txt rules (draft-ietf-aipref-attach §2, §3).
 *
 * Lede's use is an excerpt with a mandatory link back, shown to readers to help them decide whether to
 * open the article — the vocabulary's "Search" category (§4.3: output links to the asset's location,
 * excerpts help judge relevance). Lede trains no model and feeds no AI, so `train-ai=n` and `ai-use=n`
 * do not concern it. We therefore read as forbidding Lede's use only a clear denial of it:
 *  - `search=n`;
 *  - without an explicit `search=y` (a more specific "yes" wins, as in draft-thomson-aipref-sup §3.5),
 *    a denial of all automated use under the labels earlier drafts used for it: `all=n`, `bots=n`,
 *    `tdm=n`;
 *  - a bare `n` on its own (no category at all): a publisher saying "no" to everything.
 * Cloudflare's `Content-Signal` (`search=yes, ai-train=no`, in managed robots.txt files) is read the
 * same way with `yes`/`no`. Anything unparseable is "unknown" (vocab §6.6), which forbids nothing; the
 * raw text is always kept for the audit.
 */

export interface UsageVerdict {
  /** The statement denies the use Lede makes. */
  readonly forbidden: boolean;
  /** The member that decided it, e.g. `search=n`. */
  readonly reason?: string;
}

/** An RFC 9651 §3.2 dictionary key. */
const KEY = /^[a-z*][a-z0-9_\-.*]*$/;
/** Labels that, in earlier drafts, covered every kind of automated processing. */
const CATCH_ALL = ['all', 'bots', 'tdm'];

/** Split on commas outside quoted strings. */
function splitMembers(text: string): string[] {
  const members: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      members.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  members.push(current);
  return members.map((member) => member.trim());
}

/**
 * Dictionary members as key → value (parameters dropped; a bare key is `true`, the last duplicate wins,
 * RFC 9651 §4.2.2); undefined when the text is not a dictionary at all.
 */
function parseDictionary(text: string): Map<string, string | true> | undefined {
  const entries = new Map<string, string | true>();
  for (const member of splitMembers(text)) {
    if (member === '') return undefined;
    const [pair = ''] = member.split(';');
    const equals = pair.indexOf('=');
    const key = (equals < 0 ? pair : pair.slice(0, equals)).trim();
    if (!KEY.test(key)) return undefined;
    entries.delete(key);
    entries.set(key, equals < 0 ? true : pair.slice(equals + 1).trim());
  }
  return entries;
}

/**
 * Read one preference statement for Lede's use.
 *
 * @param field `Content-Usage` (values `y`/`n`) or `Content-Signal` (values `yes`/`no`)
 * @example
 * readUsagePreference('train-ai=n, search=y'); // { forbidden: false }
 * readUsagePreference('search=n');             // { forbidden: true, reason: 'search=n' }
 * readUsagePreference('search=no', 'Content-Signal'); // { forbidden: true, reason: 'search=no' }
 */
export function readUsagePreference(
  text: string,
  field: 'Content-Usage' | 'Content-Signal' = 'Content-Usage',
): UsageVerdict {
  const entries = parseDictionary(text.trim());
  if (!entries) return { forbidden: false };
  const [yes, no] = field === 'Content-Signal' ? ['yes', 'no'] : ['y', 'n'];
  const search = entries.get('search');
  if (search === no) return { forbidden: true, reason: `search=${no}` };
  if (search === yes) return { forbidden: false };
  const denied = CATCH_ALL.find((label) => entries.get(label) === no);
  if (denied) return { forbidden: true, reason: `${denied}=${no}` };
  if (entries.size === 1 && entries.get(no) === true) return { forbidden: true, reason: no };
  return { forbidden: false };
}
