/**
 * @module tests/helpers/boilerplate-before
 * src/core/extract/boilerplate.ts `isBoilerplateParagraph` (and the patterns it reads) as it was before session 20
 * tested the notices as one pattern, and as it was before session 22 let a scan for words every notice holds
 * skip that pattern, both kept verbatim (the entries renamed) as the references
 * tests/core/extract/fields.test.ts compares the new one with.
 * Remove this file, and that comparison, once the change has shipped through a release with the output hashes
 * unchanged (tests/core/extract/golden/output-hashes.json), or when the code it mirrors changes on purpose.
 */

/** Longer paragraphs are article prose even when they mention re-use terms: only short ones are judged. */
const MAX_NOTICE_LENGTH = 400;
/** A copyright mark also starts image credits glued to a first sentence: judge only short lines by it. */
const MAX_COPYRIGHT_LENGTH = 160;

/** Copyright lines: "© 2023 Example Ltd", "Copyright 2023 …", "(c) Example". */
const COPYRIGHT_PATTERNS: readonly RegExp[] = [/^\s*(©|\(c\)\s|copyright\b)/i, /©\s*\d{4}/];

/** Re-use / licence / copyright notices (English, Russian, Kazakh: the languages Lede's sources use). */
const NOTICE_PATTERNS: readonly RegExp[] = [
  /all rights reserved/i,
  /\b(only|up to|no more than|not more than|maximum of)\s+\d{1,3}\s*%\s+of\b/i,
  /\bmandatory\s+(hyper)?link/i,
  /\b(active|direct|clickable)\s+(hyper)?link\b.{0,60}\b(required|mandatory|obligatory)/i,
  /\b(re-?publish|reprint|reproduc\w*|copying|redistribut\w*)\b.{0,120}\b(prohibited|permission|forbidden|not allowed)/i,
  /\bwritten\s+permission\b/i,
  /все права (защищены|сохранены)/i,
  /при\s+(полном\s+или\s+частичном\s+)?(использовании|цитировании|копировании|перепечатке)/i,
  /ссылка\s+(на\s+[^.]{0,60})?\s*обязательна/i,
  /гиперссылка\s+(на\s+[^.]{0,60})?\s*обязательна/i,
  /барлық құқықтар қорғалған/i,
];

/** Whole paragraphs that are widget labels, not prose ("Share", "Related articles", "Advertisement"). */
const WIDGET_LABEL =
  /^(share( (this|on \w+))?( (article|story|post|page))?|tweet|pin it|e-?mail|print|like this|related( (posts|articles|stories|news|content))?|read (more|also|next)|see also|more from [\w ]+|advertisement|sponsored|comments?|leave a (comment|reply)|subscribe( to [\w ]+)?|follow us( on \w+)?)\s*[:.!…]?$/i;

/** Image credit lines: "Photo: Reuters", "Фото: Akorda", "Twitter/MFA_KZ" (a platform and an account). */
const CREDIT_LINE =
  /^((photo(graph)?s?|image|picture|illustration|credit|фото|сурет|иллюстрация)\s*(by\b|:)|(twitter|x|facebook|instagram|telegram|youtube|tiktok|vk)\s*\/\s*@?[\w.-]+$)/i;
const MAX_CREDIT_LENGTH = 80;

/**
 * Whether a paragraph is boilerplate (a licence or copyright notice, a widget label) rather than
 * article text.
 */
export function isBoilerplateParagraphBefore(paragraph: string): boolean {
  if (paragraph.length > MAX_NOTICE_LENGTH) return false;
  if (WIDGET_LABEL.test(paragraph) || NOTICE_PATTERNS.some((pattern) => pattern.test(paragraph))) return true;
  if (paragraph.length <= MAX_CREDIT_LENGTH && CREDIT_LINE.test(paragraph)) return true;
  return paragraph.length <= MAX_COPYRIGHT_LENGTH && COPYRIGHT_PATTERNS.some((pattern) => pattern.test(paragraph));
}

/**
 * The notices as one pattern (`(?:a)|(?:b)|…`, all case-insensitive like each of them): it matches a text
 * exactly when one of them does, in one scan of the paragraph instead of one per notice.
 */
const NOTICE = new RegExp(NOTICE_PATTERNS.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');

/**
 * Whether a paragraph is boilerplate (a licence or copyright notice, a widget label) rather than
 * article text.
 */
export function isBoilerplateParagraphOnePattern(paragraph: string): boolean {
  if (paragraph.length > MAX_NOTICE_LENGTH) return false;
  if (WIDGET_LABEL.test(paragraph) || NOTICE.test(paragraph)) return true;
  if (paragraph.length <= MAX_CREDIT_LENGTH && CREDIT_LINE.test(paragraph)) return true;
  return paragraph.length <= MAX_COPYRIGHT_LENGTH && COPYRIGHT_PATTERNS.some((pattern) => pattern.test(paragraph));
}
