/**
 * A comment thread left under a story's text (src/core/extract/comment-thread.ts): the text ends at a heading that
 * counts the thread, never at the bare word and never in the story's first paragraphs.
 */
import { describe, expect, it } from 'vitest';
import { withoutCommentThread } from '../../../src/core/extract/comment-thread.ts';

const STORY = ['The school opened on Monday.', 'It has room for 640 pupils.', 'Teachers are still missing.'];

describe('withoutCommentThread', () => {
  it.each([
    'Всего комментариев: 2',
    'Comments (12)',
    '3 Comments',
    '3 thoughts on “The school that waited sixty years”',
    '1 Response to "The school"',
    'Пікірлер (4)',
    'Comentários: 7',
  ])('ends the text at %j', (heading) => {
    expect(withoutCommentThread([...STORY, heading, '1 Rustam_77', 'Great news for the village!'])).toEqual(STORY);
  });

  it('keeps a section the story calls so, and a heading among its first paragraphs', () => {
    const section = [...STORY, 'Comments', 'The ministry did not reply to our questions.'];
    expect(withoutCommentThread(section)).toBe(section);
    const early = ['Comments (2)', ...STORY];
    expect(withoutCommentThread(early)).toBe(early);
    const response = [...STORY, 'Response', 'A Response has a body and headers.'];
    expect(withoutCommentThread(response)).toBe(response);
  });
});
