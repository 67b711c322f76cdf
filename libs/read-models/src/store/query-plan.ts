import type { JsonScalar } from './json';
import { InvalidQueryError } from './read-store.errors';
import { MAX_IN_VALUES, RELEVANCE, type Filter, type FindOptions, type GroupedFindOptions, type RangeOperand, type SortKey } from './read-store.port';
import { assertFieldPath, resolveFirst } from './validation';
import { decodeCursor } from './cursor';
import { keysetAfter, reverseSort, type Keyset } from './keyset';
import { planSearch, type SearchPlan } from './search/search-plan';

/** One validated condition of a filter; adapters translate these, never the raw filter. */
export type Condition =
  | { field: string; op: 'eq' | 'ne'; value: JsonScalar }
  | { field: string; op: 'in'; values: JsonScalar[] }
  | { field: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: RangeOperand }
  | { field: string; op: 'prefix'; value: string }
  | { field: string; op: 'exists'; value: boolean };

export interface FilterPlan {
  conditions: Condition[];
  /** The filter's `$search`, null without one. */
  search: SearchPlan | null;
}

/**
 * How to read one page. Cursors are made for and bound by `sort`; rows are read in `order`, which is
 * `sort` reversed when the page is taken from the end (`last`), so both directions are one forward
 * keyset read, and the rows are turned back into `sort` order afterwards. A relevance order reverses
 * like any other key: its score is a number the cursor holds.
 */
export interface QueryPlan extends FilterPlan {
  /** The requested sort followed by the `id` tie-breaker. */
  sort: SortKey[];
  order: SortKey[];
  backward: boolean;
  /** Page size: `first`, or `last` when paging backwards. */
  size: number;
  /** The set between the cursors: strictly after `after`, strictly before `before`. */
  bounds: Keyset[];
  /** Items at or beyond the cursor the page starts from (`after` forwards, `before` backwards): the other flag. */
  beyond: Keyset | null;
}

const RANGE_OPS = { $gt: 'gt', $gte: 'gte', $lt: 'lt', $lte: 'lte' } as const;

export function planFind(options: FindOptions = {}): QueryPlan {
  const filter = planFilter(options.filter);
  const sort = planSort(options.sort);
  if (filter.search === null && sort.some((key) => key.field === RELEVANCE)) {
    throw new InvalidQueryError(`sorting by ${RELEVANCE} needs a $search in the filter`, 'sort.field');
  }
  const backward = options.last !== undefined && options.last !== null;
  if (backward && options.first !== undefined && options.first !== null) {
    throw new InvalidQueryError('first and last cannot be used together: page forwards with first/after or backwards with last/before', 'last');
  }
  const after = cursorValues(options.after, sort, filter.search, 'after');
  const before = cursorValues(options.before, sort, filter.search, 'before');
  const reversed = reverseSort(sort);
  const bounds = [after === null ? null : keysetAfter(sort, after), before === null ? null : keysetAfter(reversed, before)];
  const start = backward ? before : after;
  return {
    ...filter,
    sort,
    order: backward ? reversed : sort,
    backward,
    size: backward ? resolveFirst(options.last, 'last') : resolveFirst(options.first),
    bounds: bounds.filter((bound): bound is Keyset => bound !== null),
    beyond: start === null ? null : keysetAfter(backward ? sort : reversed, start, { inclusive: true }),
  };
}

/**
 * A page per group: the plan of `find`, plus the groups. Each group's query adds `{ groupBy: group }`
 * to the conditions; the groups are validated like a `$in` list. Groups are not searched: a `$search`
 * (and so a relevance order) is refused rather than left out of the groups' pages.
 */
export function planGroups(options: GroupedFindOptions): QueryPlan & { groupBy: string; groups: string[] } {
  assertFieldPath(options.groupBy, 'groupBy');
  const groups = options.groups;
  if (!Array.isArray(groups) || groups.length > MAX_IN_VALUES || groups.some((group) => typeof group !== 'string')) {
    throw new InvalidQueryError(`groups must be an array of at most ${MAX_IN_VALUES} strings`, 'groups');
  }
  const plan = planFind(options);
  if (plan.search !== null) throw new InvalidQueryError('a page per group cannot be searched: $search is only for find', 'filter.$search');
  return { ...plan, groupBy: options.groupBy, groups: [...new Set(groups)] };
}

const cursorValues = (cursor: string | null | undefined, sort: SortKey[], search: SearchPlan | null, field: 'after' | 'before'): JsonScalar[] | null =>
  cursor === undefined || cursor === null ? null : decodeCursor(cursor, sort, search, field);

export function planSort(sort: SortKey[] | undefined): SortKey[] {
  if (sort !== undefined && !Array.isArray(sort)) throw new InvalidQueryError('sort must be an array', 'sort');
  const keys: SortKey[] = [];
  for (const key of sort ?? []) {
    if (key?.field !== RELEVANCE) assertFieldPath(key?.field, 'sort.field');
    if (key.direction !== 'asc' && key.direction !== 'desc') throw new InvalidQueryError('sort direction must be asc or desc', 'sort.direction');
    if (keys.some((k) => k.field === key.field)) throw new InvalidQueryError(`sort field ${key.field} is repeated`, 'sort.field');
    keys.push({ field: key.field, direction: key.direction });
    if (key.field === 'id') return keys;
  }
  if (keys.length > 8) throw new InvalidQueryError('at most 8 sort keys are allowed', 'sort');
  return [...keys, { field: 'id', direction: keys.at(-1)?.direction ?? 'asc' }];
}

export function planFilter(filter: Filter | undefined): FilterPlan {
  if (filter === undefined || filter === null) return { conditions: [], search: null };
  if (typeof filter !== 'object' || Array.isArray(filter)) throw new InvalidQueryError('filter must be an object', 'filter');
  const { $search, ...fields } = filter;
  const conditions = Object.entries(fields).flatMap(([field, spec]) => {
    assertFieldPath(field, `filter.${field}`);
    return isScalar(spec) ? [{ field, op: 'eq' as const, value: scalar(spec, field) }] : planOperators(field, spec);
  });
  return { conditions, search: $search === undefined ? null : planSearch($search) };
}

function planOperators(field: string, spec: unknown): Condition[] {
  const where = `filter.${field}`;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec) || Object.keys(spec).length === 0) {
    throw new InvalidQueryError(`filter on ${field} must be a scalar or a non-empty operator object`, where);
  }
  return Object.entries(spec).map(([op, operand]): Condition => {
    if (op === '$eq' || op === '$ne') return { field, op: op === '$eq' ? 'eq' : 'ne', value: scalar(operand, field) };
    if (op === '$in') return { field, op: 'in', values: inValues(operand, field) };
    if (op in RANGE_OPS) return { field, op: RANGE_OPS[op as keyof typeof RANGE_OPS], value: rangeOperand(operand, field, op) };
    if (op === '$prefix' && typeof operand === 'string') return { field, op: 'prefix', value: operand };
    if (op === '$exists' && typeof operand === 'boolean') return { field, op: 'exists', value: operand };
    throw new InvalidQueryError(`unknown operator or bad operand ${op} on ${field}`, where);
  });
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function scalar(value: unknown, field: string): JsonScalar {
  if (!isScalar(value) || (typeof value === 'number' && !Number.isFinite(value))) {
    throw new InvalidQueryError(`filter on ${field} needs a JSON scalar (string, finite number, boolean, null)`, `filter.${field}`);
  }
  return value as JsonScalar;
}

function inValues(operand: unknown, field: string): JsonScalar[] {
  if (!Array.isArray(operand) || operand.length > MAX_IN_VALUES) {
    throw new InvalidQueryError(`$in on ${field} needs an array of at most ${MAX_IN_VALUES} scalars`, `filter.${field}`);
  }
  return operand.map((v) => scalar(v, field));
}

function rangeOperand(operand: unknown, field: string, op: string): RangeOperand {
  if (typeof operand === 'string' || (typeof operand === 'number' && Number.isFinite(operand))) return operand;
  throw new InvalidQueryError(`${op} on ${field} needs a string or finite number`, `filter.${field}`);
}
