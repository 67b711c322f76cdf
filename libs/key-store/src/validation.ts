import { InvalidKeyStoreRequestError } from './key-store.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const assertSubjectId = (subjectId: unknown): string => {
  if (typeof subjectId !== 'string' || !UUID.test(subjectId)) {
    throw new InvalidKeyStoreRequestError(`subject id must be a lowercase uuid, got ${JSON.stringify(subjectId)}`);
  }
  return subjectId;
};

export const assertWrapped = (wrapped: unknown): Buffer => {
  if (!Buffer.isBuffer(wrapped) || wrapped.length === 0) throw new InvalidKeyStoreRequestError('a wrapped key must be non-empty bytes');
  return wrapped;
};
