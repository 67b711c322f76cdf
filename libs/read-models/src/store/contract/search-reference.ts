import type { Doc, SearchFields } from '../read-store.port';
import { getPath } from '../doc-path';
import { askedWords, storedWords } from '../search/search-words';

/**
 * The search as the README states it, written apart from the adapters: words are made by the shared
 * storedWords/askedWords; which documents match and their scores are computed here, plainly.
 */
export function referenceRelevance(doc: Doc, fields: SearchFields, text: string): number | null {
  const asked = askedWords(text);
  let total = 0;
  for (const word of asked) {
    let best = 0;
    for (const [field, weight] of Object.entries(fields)) {
      const value = getPath(doc, field);
      if (typeof value !== 'string') continue;
      for (const stored of storedWords(value)) {
        if (stored === word) best = Math.max(best, weight * 2);
        else if (stored.startsWith(word)) best = Math.max(best, weight);
      }
    }
    if (best === 0) return null;
    total += best;
  }
  return total;
}

/** The documents a search finds, best first, ties by id descending (the store's tie-breaker follows the last key's direction). */
export function referenceSearch(docs: readonly Doc[], fields: SearchFields, text: string): string[] {
  return docs
    .map((doc) => ({ id: doc.id, score: referenceRelevance(doc, fields, text) }))
    .filter((found): found is { id: string; score: number } => found.score !== null)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((found) => found.id);
}
