import { ValidationError } from '@crm/domain';
import { askedWords, MAX_SEARCH_WORDS, RELEVANCE, type Filter, type SortKey } from '@crm/read-models';

/**
 * The read store's `$search` for a list's `search` argument, checked here so a refusal names the field
 * the client sent. The store folds and cuts the text into words itself.
 */
export function searchFilter(search: string | null | undefined): Pick<Filter, '$search'> {
  if (!search) return {};
  if (askedWords(search).length > MAX_SEARCH_WORDS) throw ValidationError.field('filter.search', `may hold at most ${MAX_SEARCH_WORDS} words`);
  return { $search: search };
}

/**
 * A list's order: the client's `orderBy`, else, when it searches, the best matches first (the list's
 * usual order breaking ties), else the usual order.
 */
export function listSort(orderBy: { field: string; direction: SortKey['direction'] } | undefined | null, search: string | null | undefined, usual: SortKey[]): SortKey[] {
  if (orderBy) return [{ field: orderBy.field, direction: orderBy.direction }];
  return search ? [{ field: RELEVANCE, direction: 'desc' }, ...usual] : usual;
}
