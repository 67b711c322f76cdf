export type {
  KeyStore, WrappedDataKey, Suppression, SuppressionKind, ErasureRequest, ErasureRecord, ErasureCompletion, DestroyedKeys,
} from './key-store.port';
export { MasterKeyError, InvalidKeyStoreRequestError } from './key-store.errors';
export { MasterKey, parseMasterKey, loadOrCreateMasterKey, MASTER_KEY_FILE } from './master-key';
export { KeyRing, type DataKey, type KeyRingOptions } from './key-ring';
export { SqliteKeyStore } from './sqlite/sqlite-key-store';
export { MongoKeyStore } from './mongo/mongo-key-store';
