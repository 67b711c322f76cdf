import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeReadStoreContract } from './read-store.contract';
import { SqliteReadStore } from './sqlite/sqlite-read-store';
import { MongoReadStore } from './mongo/mongo-read-store';

describe('SQLite read store (temp file)', () => {
  let dir: string;
  let files = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-read-store-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describeReadStoreContract('SQLite', async (clock) => new SqliteReadStore({ filename: join(dir, `store-${files++}.sqlite`), clock }));
});

const mongoUrl = process.env.MONGODB_URL;

if (mongoUrl === undefined || mongoUrl === '') {
  describe.skip('MongoDB read store (skipped: MONGODB_URL is not set; run docker compose up -d and set MONGODB_URL=mongodb://localhost:27017/?replicaSet=rs0)', () => {
    it('runs the read store contract against MongoDB', () => undefined);
  });
} else {
  describe('MongoDB read store', () => {
    const runId = `crm_rs_test_${Date.now()}_${randomUUID().slice(0, 8)}`;
    let client: MongoClient;
    let databases = 0;
    beforeAll(async () => {
      client = await new MongoClient(mongoUrl).connect();
    });
    afterAll(async () => {
      const { databases: all } = await client.db().admin().listDatabases({ nameOnly: true });
      await Promise.all(all.filter((db) => db.name.startsWith(runId)).map((db) => client.db(db.name).dropDatabase()));
      await client.close();
    });

    describeReadStoreContract('MongoDB', async (clock) =>
      new MongoReadStore(client.db(`${runId}_${databases++}`), { clock, leaseClockOffsetMs: () => clock() - Date.now() }));
  });
}
