import { KeyRing, loadOrCreateMasterKey, MongoKeyStore, SqliteKeyStore, type KeyStore, type MasterKey } from '@crm/key-store';
import type { CrmConfig } from '../config/crm-config';
import { newId } from '../core/event-ids';
import { PersonalDataCodec } from './personal-data-codec';

export interface PersonalDataStores {
  keyStore: KeyStore;
  masterKey: MasterKey;
  personalData: PersonalDataCodec;
}

/** The master key, the key store and the codec over them; `create` false for commands that only read. */
export const openPersonalData = async (config: CrmConfig, env: NodeJS.ProcessEnv, create: boolean): Promise<PersonalDataStores> => {
  const masterKey = loadOrCreateMasterKey(config.dataDir, env, create);
  const keyStore =
    config.keyStore.kind === 'mongo'
      ? await MongoKeyStore.connect(config.keyStore.url, config.keyStore.database)
      : new SqliteKeyStore({ path: config.keyStore.path });
  // On SQLite asking which keys were destroyed is one indexed read; over the network it is kept to once a second.
  // Time-ordered subject ids: a batch of new keys is appended to the key file's index, not scattered over it.
  const keys = new KeyRing(keyStore, masterKey, { refreshIntervalMs: config.keyStore.kind === 'mongo' ? 1000 : 0, newSubjectId: newId });
  const plain = env.CRM_BENCH_PLAIN_PERSONAL_DATA === '1';
  if (plain) console.warn('CRM_BENCH_PLAIN_PERSONAL_DATA=1: personal data is written in the clear and cannot be erased. For benchmarks only.');
  return { keyStore, masterKey, personalData: new PersonalDataCodec(keys, plain) };
};
