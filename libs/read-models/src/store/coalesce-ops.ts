import type { JsonValue } from './json';
import type { Doc, WriteOp } from './read-store.port';
import { applySet } from './doc-path';
import { InvalidQueryError } from './read-store.errors';

/** The net effect of a batch on one document. */
export type NetWrite =
  | { kind: 'replace'; doc: Doc }
  | { kind: 'patch'; id: string; set: Record<string, JsonValue> }
  | { kind: 'delete'; id: string };

/**
 * Folds a batch into one net write per document, grouped by collection. MongoDB's unordered
 * bulkWrite runs updates and deletes as separate batches in no promised order, so two ops on
 * one document must never travel together.
 */
export function coalesceOps(ops: readonly WriteOp[]): Map<string, Map<string, NetWrite>> {
  const byCollection = new Map<string, Map<string, NetWrite>>();
  for (const op of ops) {
    let docs = byCollection.get(op.collection);
    if (docs === undefined) byCollection.set(op.collection, (docs = new Map()));
    const id = op.kind === 'upsert' ? op.doc.id : op.id;
    docs.set(id, fold(docs.get(id), op));
  }
  return byCollection;
}

function fold(previous: NetWrite | undefined, op: WriteOp): NetWrite {
  if (op.kind === 'upsert') return { kind: 'replace', doc: op.doc };
  if (op.kind === 'delete') return { kind: 'delete', id: op.id };
  if (previous === undefined) return { kind: 'patch', id: op.id, set: { ...op.set } };
  if (previous.kind === 'delete') return previous;
  if (previous.kind === 'replace') {
    const doc = structuredClone(previous.doc);
    applySet(doc, op.set);
    return { kind: 'replace', doc };
  }
  return { kind: 'patch', id: op.id, set: mergeSets(previous.set, op.set) };
}

/** `$set` refuses overlapping paths (`a` and `a.b`) in one update, so later paths are merged into earlier ones. */
function mergeSets(first: Record<string, JsonValue>, second: Record<string, JsonValue>): Record<string, JsonValue> {
  const merged = { ...first };
  for (const [path, value] of Object.entries(second)) {
    for (const existing of Object.keys(merged)) {
      if (existing === path || existing.startsWith(`${path}.`)) delete merged[existing];
    }
    const ancestor = Object.keys(merged).find((existing) => path.startsWith(`${existing}.`));
    if (ancestor === undefined) {
      merged[path] = value;
      continue;
    }
    const holder = merged[ancestor];
    if (typeof holder !== 'object' || holder === null || Array.isArray(holder)) {
      throw new InvalidQueryError(`Cannot set ${path}: ${ancestor} is not an object`, `set.${path}`);
    }
    const copy = structuredClone(holder);
    applySet(copy, { [path.slice(ancestor.length + 1)]: value });
    merged[ancestor] = copy;
  }
  return merged;
}
