import { encodeCursor } from './cursor';
import { planSort } from './query-plan';
import type { Doc, SortKey } from './read-store.port';

/** The cursor of one item of a page (Relay edges need one each), equal to what `after` accepts. */
export const cursorOf = (doc: Doc, sort: SortKey[] | undefined): string => encodeCursor(doc, planSort(sort));

/** `cursorOf` for many items of one sort: the sort is checked and completed once. */
export const cursorsFor = (sort: SortKey[] | undefined): ((doc: Doc) => string) => {
  const planned = planSort(sort);
  return (doc) => encodeCursor(doc, planned);
};
