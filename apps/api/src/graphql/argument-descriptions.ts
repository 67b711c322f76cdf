/**
 * What the arguments every list, lookup and mutation shares mean, written once so that each
 * operation tells client developers the same thing in the schema.
 */

/** `first` of a read-model connection (the store's page size rules). */
export const FIRST =
  'Page forwards: how many items to return from the start of the list, or right after `after`: an integer from 0 to 500, 50 when neither `first` nor `last` is given. ' +
  'Anything else is BAD_USER_INPUT (field `first`); so is `first` together with `last` (fields `first` and `last`).';

/** `after` of a read-model connection (keyset cursors). */
export const AFTER =
  'Continue strictly after this cursor: an `endCursor` (or edge `cursor`) from an earlier page of the same query and order. ' +
  'Items added or removed before it do not shift the pages; with `before` too, the page lies between the two cursors. ' +
  'A malformed cursor, or one made for another order (or, in a list ordered by best match, for another search), is BAD_USER_INPUT (field `after`).';

/** `last` of a read-model connection: Relay's backward paging. */
export const LAST =
  'Page backwards: how many items to return from the end of the list, or right before `before`, handed back in the list\'s order: an integer from 0 to 500. ' +
  'Anything else is BAD_USER_INPUT (field `last`); so is `last` together with `first` (fields `first` and `last`).';

/** `before` of a read-model connection (keyset cursors). */
export const BEFORE =
  'Continue strictly before this cursor: a `startCursor` (or edge `cursor`) from an earlier page of the same query and order; with `last`, the items right before it. ' +
  'Items added or removed after it do not shift the pages; a malformed cursor, or one made for another order (or, in a list ordered by best match, for another search), ' +
  'is BAD_USER_INPUT (field `before`).';

/** `filter` of a list or report. */
export const FILTER = 'Only items matching every criterion given; a list criterion matches any of its values. Omit a criterion, or the whole filter, not to restrict by it.';

/** `orderBy` of a list. */
export const ORDER_BY =
  'Sort order of the list. Items without a value for the field sort lowest; ties are broken by id in the same direction, so pages never overlap or skip. ' +
  'Without it, a list searched with `filter.search` comes best match first, its usual order breaking ties, paged either way like any other order.';

/** `asOf` of a single-entity lookup (time travel, auditors only). */
export const AS_OF =
  'Answer as of this instant, by business time (auditor or admin only, else FORBIDDEN): every field as the lists would have shown it then, ' +
  'replayed from the entity\'s own event stream up to the instant; its links and nested lists are read as of the same instant. ' +
  'Null if it did not exist yet. Omit it for the current state from the read model.';

/** `id` of a single-entity lookup. */
export const ENTITY_ID = 'The entity\'s id: the lowercase UUID its creating mutation answered with. An unknown id answers null.';

/** `input` of every mutation. */
export const MUTATION_INPUT =
  'The command\'s fields. Malformed ones are BAD_USER_INPUT, each listed in extensions.fields; a stale `expectedRevision` is CONFLICT; ' +
  'a `commandId` sent again does nothing twice. Nothing is stored unless the whole command succeeds.';

/** Who may run an operation, from the roles its resolver is marked with (admin may run every one). */
export const rolesNote = (roles: readonly string[]): string => `Roles: ${[...new Set([...roles, 'admin'])].join(', ')}.`;
