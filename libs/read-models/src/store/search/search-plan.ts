import { createHash } from 'node:crypto';
import { InvalidQueryError } from '../read-store.errors';
import { MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, askedWords } from './search-words';

/** A validated `$search`: the words every document found must have a word starting with. */
export interface SearchPlan {
  words: string[];
}

export function planSearch(text: unknown): SearchPlan {
  if (typeof text !== 'string' || text.length > MAX_SEARCH_LENGTH) {
    throw new InvalidQueryError(`$search must be a string of at most ${MAX_SEARCH_LENGTH} characters`, 'filter.$search');
  }
  const words = askedWords(text);
  if (words.length > MAX_SEARCH_WORDS) throw new InvalidQueryError(`$search may hold at most ${MAX_SEARCH_WORDS} words`, 'filter.$search');
  return { words };
}

/**
 * Names the search in a relevance cursor, so a cursor is refused by a search with other words (its
 * scores would mean something else) without carrying the words, which may be a person's name.
 */
export const searchKey = (search: SearchPlan | null): string =>
  createHash('sha256').update(JSON.stringify(search?.words ?? null)).digest('base64url').slice(0, 12);
