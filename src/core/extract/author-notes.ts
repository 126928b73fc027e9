/**
 * @module core/extract/author-notes
 * The notes about the author that end a story: a bio ("Lucas Nolan is a reporter for Breitbart Tech covering …",
 * "Regan is a Southeastern Connecticut native now living in …", "Mike Wall's book about … is out now") and the ways
 * to reach them ("Email Tariq Malik at …", "Have a tip? … may be reached at …", an address or a profile link
 * alone). They are about the writer, not the story, and the licence would count them as the article's words.
 * Judged only at the end of the text, where pages put them: the same sentence inside a story is a report about
 * someone in it.
 */

/** Longer paragraphs are prose, whatever they start with. */
const MAX_NOTE_LENGTH = 300;
/** One to four capitalised words: a name as bios start with it. */
const NAME = String.raw`(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*`;
/** What a bio says its subject is. */
const TRADE = String.raw`(reporter|writer|journalist|correspondent|editor|columnist|contributor|producer|photographer|photojournalist|novelist|author|analyst|critic|blogger|freelancer|intern|fellow|native)`;

const BIO = new RegExp(
  String.raw`^${NAME}\s+(is|was|has been)\s+(a|an|the)\s+([^.!?]{0,80}?\s)?${TRADE}\b|^${NAME}['’]s\s+(new\s+|latest\s+)?book\b`,
  'u',
);
const CONTACT = new RegExp(
  [
    String.raw`^(have|got) a (news )?tip\b`,
    String.raw`\b(may|can) be reached (at|by|on|via)\b`,
    String.raw`^(email|e-mail|contact|reach|write to)\s+(him|her|them|me|us|the\s+(reporter|author|writer)s?|${NAME})\s+(at|on|via)\b`,
    String.raw`^\S+@\S+\.\p{L}+$`,
    String.raw`^(https?:\/\/)?(www\.)?(twitter|x|facebook|instagram|linkedin|threads\.net|bsky\.app)(\.com)?\/\S+$`,
  ].join('|'),
  'iu',
);

function isAuthorNote(paragraph: string): boolean {
  return paragraph.length <= MAX_NOTE_LENGTH && (BIO.test(paragraph) || CONTACT.test(paragraph));
}

/**
 * `paragraphs` without the author's notes they end with (the same array when there are none).
 * @example withoutClosingAuthorNotes(['The vote passed.', 'Jo Ann is a reporter for The Times.']) // ['The vote passed.']
 */
export function withoutClosingAuthorNotes(paragraphs: string[]): string[] {
  let end = paragraphs.length;
  while (end > 0 && isAuthorNote(paragraphs[end - 1] ?? '')) end -= 1;
  return end === paragraphs.length ? paragraphs : paragraphs.slice(0, end);
}
