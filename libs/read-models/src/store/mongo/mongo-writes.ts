import type { AnyBulkWriteOperation, ClientSession, Collection } from 'mongodb';
import type { Doc } from '../read-store.port';
import type { NetWrite } from '../coalesce-ops';
import type { SearchSpec } from '../search/search-fields';
import { applySet } from '../doc-path';
import { fromStored, STORED_ONLY, toStored, type StoredDoc } from './mongo-query';
import { touchesSearch } from './mongo-search';

/**
 * One bulk op per net write of a batch. A searchable collection's documents are stored with their words;
 * a patch of a searchable field is applied here to the stored document (read in the transaction) and
 * written whole, its words made again.
 */
export async function bulkOps(
  collection: Collection<StoredDoc>,
  writes: readonly NetWrite[],
  search: SearchSpec | null,
  session: ClientSession,
): Promise<AnyBulkWriteOperation<StoredDoc>[]> {
  const ops: AnyBulkWriteOperation<StoredDoc>[] = [];
  for (const write of writes) {
    // MongoDB before 5.0 refuses an empty `$set`; on SQLite an empty patch changes nothing, so here too.
    if (write.kind === 'patch' && Object.keys(write.set).length === 0) continue;
    if (search === null || write.kind !== 'patch' || !touchesSearch(Object.keys(write.set), search)) {
      ops.push(toBulkOp(write, search));
      continue;
    }
    // One at a time: a session runs one operation at a time.
    const stored = await collection.findOne({ _id: write.id }, { session, projection: STORED_ONLY });
    if (stored === null) continue;
    const doc = fromStored<Doc>(stored);
    applySet(doc, write.set);
    ops.push(toBulkOp({ kind: 'replace', doc }, search));
  }
  return ops;
}

/** After coalescing there is one op per document, so the unordered bulk cannot reorder two ops on it. */
function toBulkOp(write: NetWrite, search: SearchSpec | null): AnyBulkWriteOperation<StoredDoc> {
  if (write.kind === 'replace') {
    const { _id, ...replacement } = toStored(write.doc, search);
    return { replaceOne: { filter: { _id }, replacement, upsert: true } };
  }
  if (write.kind === 'patch') return { updateOne: { filter: { _id: write.id }, update: { $set: write.set } } };
  return { deleteOne: { filter: { _id: write.id } } };
}
