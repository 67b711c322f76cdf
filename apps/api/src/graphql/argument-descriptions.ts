/**
 * What the arguments every list, lookup and mutation shares mean, written once so that each
 * operation tells client developers the same thing in the schema.
 */

/** `first` of a read-model connection (the store's page size rules). */
export const FIRST = 'How many items to return: an integer from 0 to 500, 50 when omitted. Anything else is BAD_USER_INPUT (field `first`).';

/** `after` of a read-model connection (keyset cursors). */
export const AFTER =
  'Continue strictly after this cursor: an `endCursor` (or edge `cursor`) from an earlier page of the same query and order. ' +
  'Items added or removed before it do not shift the pages; a malformed cursor, or one made for another order, is BAD_USER_INPUT (field `after`).';

/** `filter` of a list or report. */
export const FILTER = 'Only items matching every criterion given; a list criterion matches any of its values. Omit a criterion, or the whole filter, not to restrict by it.';

/** `orderBy` of a list. */
export const ORDER_BY = 'Sort order of the list. Ties, and items without the field (sorted lowest), are ordered by id in the same direction, so pages never overlap.';

/** `asOf` of a single-entity lookup (time travel, auditors only). */
export const AS_OF =
  'Answer as of this instant: the entity replayed from its own event stream up to it, by business time (auditor or admin only, else FORBIDDEN). ' +
  'Null if it did not exist yet. Omit it for the current state from the read model.';

/** `id` of a single-entity lookup. */
export const ENTITY_ID = 'The entity\'s id: the lowercase UUID its creating mutation answered with. An unknown id answers null.';

/** `input` of every mutation. */
export const MUTATION_INPUT =
  'What to do. Malformed fields are BAD_USER_INPUT listing each offending field; a stale `expectedRevision` is CONFLICT. Nothing is stored unless the whole command succeeds.';
