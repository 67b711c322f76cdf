import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeKeyStoreContract } from '../contract/key-store.contract';
import { MongoKeyStore } from './mongo-key-store';

const mongoUrl = process.env.MONGODB_URL;

if (mongoUrl === undefined || mongoUrl === '') {
  describe.skip('MongoDB key store (skipped: MONGODB_URL is not set; run docker compose up -d and set MONGODB_URL=mongodb://localhost:27017/?replicaSet=rs0)', () => {
    it('runs the key store contract against MongoDB', () => undefined);
  });
} else {
  describe('MongoDB key store', () => {
    const runId = `crm_keys_test_${Date.now()}_${randomUUID().slice(0, 8)}`;
    let databases = 0;
    afterAll(async () => {
      const client = await new MongoClient(mongoUrl).connect();
      const { databases: all } = await client.db().admin().listDatabases({ nameOnly: true });
      await Promise.all(all.filter((db) => db.name.startsWith(runId)).map((db) => client.db(db.name).dropDatabase()));
      await client.close();
    });

    describeKeyStoreContract('MongoDB', () => MongoKeyStore.connect(mongoUrl, `${runId}_${databases++}`));
  });
}
