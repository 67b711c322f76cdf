import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { SqliteReadStore } from '../store/sqlite/sqlite-read-store';
import { MongoReadStore } from '../store/mongo/mongo-read-store';
import { describeProjectorContract } from './projector.contract';

describeProjectorContract('SQLite', async (dir) => new SqliteReadStore({ filename: join(dir, 'read-models.sqlite') }));

const mongoUrl = process.env.MONGODB_URL;

if (mongoUrl === undefined || mongoUrl === '') {
  describe.skip('projector contract (MongoDB) (skipped: MONGODB_URL is not set; run docker compose up -d and set MONGODB_URL=mongodb://localhost:27017/?replicaSet=rs0)', () => {
    it('runs every projection through the projector against MongoDB', () => undefined);
  });
} else {
  const runId = `crm_projector_test_${Date.now()}_${randomUUID().slice(0, 8)}`;
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
  describeProjectorContract('MongoDB', async () => new MongoReadStore(client.db(`${runId}_${databases++}`)));
}
