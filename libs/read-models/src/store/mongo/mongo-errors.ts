import type { MongoBulkWriteError } from 'mongodb';
import { DuplicateKeyError, InvalidQueryError } from '../read-store.errors';

const DUPLICATE_KEY = 11000;
const PATH_NOT_VIABLE = 28;

/** Checked by code, not instanceof: driver errors may come from another copy of the driver module. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

/** Maps the first write error of a failed bulk to the store's typed errors, like the SQLite adapter does. */
export function mapBulkWriteError(error: unknown, collection: string): unknown {
  const writeErrors = (error as Partial<MongoBulkWriteError> | null)?.writeErrors;
  if (writeErrors === undefined) return error;
  const first = Array.isArray(writeErrors) ? writeErrors[0] : writeErrors;
  const message = first?.errmsg ?? (error as Error).message;
  if (first?.code === DUPLICATE_KEY) return new DuplicateKeyError(collection, message);
  if (first?.code === PATH_NOT_VIABLE) return new InvalidQueryError(message, 'set');
  return error;
}
