/**
 * @module core/extract/comment-thread
 * Readers' comments left under a story's text: when the container the extractor chose also holds the thread (a
 * table layout, a CMS that prints comments inside the entry), the thread's heading — "Comments (2)", "Всего
 * комментариев: 2", "3 thoughts on “Title”" — is followed by nothing of the story. The licence would count the
 * thread as the article's words, so the text ends at its heading. Never before the story's third paragraph: a
 * heading that early is not a thread's.
 */

/** The story paragraphs a thread's heading comes after, at least. */
const MIN_STORY_PARAGRAPHS = 3;
const MAX_HEADING_LENGTH = 80;

/** A thread's size as its heading gives it: "(2)" or ": 2" after the word. */
const COUNT = String.raw`(\s*\(\d+\)|\s*[:：]\s*\d+)`;
const WORD_EN = String.raw`(reader\s+)?(comments?|responses|replies)`;
const WORD_WORLD = String.raw`(всего\s+комментариев|комментарии|комментариев|отзывы|пікірлер|коментарі|коментарів|comentários|comentarios|commentaires|kommentare|commenti|komentarze|yorumlar)`;
/**
 * A heading that counts the thread — "2 Comments", "Comments (2)", WordPress's "3 thoughts on “Title”", "Всего
 * комментариев: 2", "Пікірлер (4)" — never the bare word, which a story may use for a section of its own.
 */
const THREAD_HEADING = new RegExp(
  [
    String.raw`^\d+\s+${WORD_EN}$`,
    String.raw`^${WORD_EN}${COUNT}$`,
    String.raw`^\d+\s+(thoughts?|responses?|comments?|replies)\s+(on|to)\s+\S.*$`,
    String.raw`^${WORD_WORLD}${COUNT}$`,
    String.raw`^\d+\s+(комментари\p{L}*|отзыв\p{L}*|пікір|comentários|comentarios|commentaires|kommentare|commenti|komentarze|yorum)$`,
  ].join('|'),
  'iu',
);

/**
 * `paragraphs` up to a comment thread's heading (the same array when there is none).
 * @example withoutCommentThread(['One.', 'Two.', 'Three.', 'Comments (2)', 'Great story!']) // ['One.', 'Two.', 'Three.']
 */
export function withoutCommentThread(paragraphs: string[]): string[] {
  for (let index = MIN_STORY_PARAGRAPHS; index < paragraphs.length; index += 1) {
    const paragraph = paragraphs[index] ?? '';
    if (paragraph.length <= MAX_HEADING_LENGTH && THREAD_HEADING.test(paragraph)) return paragraphs.slice(0, index);
  }
  return paragraphs;
}
