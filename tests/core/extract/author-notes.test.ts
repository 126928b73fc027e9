/**
 * The author's notes a story ends with (src/core/extract/author-notes.ts): a bio and the ways to reach the writer
 * go; the same sentences anywhere else, and prose at the end, stay.
 */
import { describe, expect, it } from 'vitest';
import { withoutClosingAuthorNotes } from '../../../src/core/extract/author-notes.ts';

const STORY = ['The council voted to close the market on Saturday.', 'Traders will move to the new hall in February.'];

describe('withoutClosingAuthorNotes', () => {
  it.each([
    'Lucas Nolan is a reporter for Breitbart Tech covering issues of free speech and online censorship.',
    'Regan is a Southeastern Connecticut native now living in Central Massachusetts with her husband and two sons.',
    'Sarah Archer is the author of The Midcentury Kitchen.',
    'Mike Wall\'s book about the search for alien life, "Out There", is out now.',
    'Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik.',
    'Have a tip? Amy Kuperinsky may be reached at akuperinsky@njadvancemedia.com.',
    'Reach the reporters on Twitter at http://twitter.com/MegKinnardAP and http://twitter.com/emarvelous',
    'paul.takahashi@chron.com',
    'twitter.com/paultakahashi',
  ])('drops %j at the end', (note) => {
    expect(withoutClosingAuthorNotes([...STORY, note])).toEqual(STORY);
  });

  it('drops a run of notes, and only the run at the end', () => {
    const bio = 'Jo Ann Smith is a national correspondent for The Times, based in Minneapolis.';
    const notes = [bio, 'jo.smith@example.com', 'twitter.com/joannsmith'];
    expect(withoutClosingAuthorNotes([...STORY, ...notes])).toEqual(STORY);
    expect(withoutClosingAuthorNotes([bio, ...STORY])).toEqual([bio, ...STORY]);
  });

  it('keeps prose that ends a story, and gives the same array back when nothing goes', () => {
    const ending = [
      ...STORY,
      'Smith, who is a reporter at heart, said the move was overdue and that he would keep writing about it for years.',
    ];
    expect(withoutClosingAuthorNotes(ending)).toBe(ending);
    const profile = [...STORY, 'The mayor is a former teacher who grew up two streets from the hall.'];
    expect(withoutClosingAuthorNotes(profile)).toBe(profile);
  });
});
