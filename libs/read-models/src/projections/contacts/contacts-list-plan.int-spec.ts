import { SqliteReadStore } from '../../store/sqlite/sqlite-read-store';
import type { FindOptions } from '../../store/read-store.port';
import { CONTACTS, contactsProjection } from './contacts.projection';

/** The contact list's queries as the API sends them, on the projection's own indexes. */
describe('contact lists on SQLite', () => {
  let store: SqliteReadStore;
  beforeEach(async () => {
    store = new SqliteReadStore({ filename: ':memory:' });
    await store.ensureCollection(CONTACTS, [...contactsProjection.collections[CONTACTS]]);
  });
  afterEach(async () => store.close());

  it.each<[string, FindOptions]>([
    ['every contact by last name', { sort: [{ field: 'lastName', direction: 'asc' }] }],
    ['active contacts by last name', { filter: { status: { $in: ['ACTIVE'] } }, sort: [{ field: 'lastName', direction: 'asc' }] }],
    ['left contacts by last name, backwards', { filter: { status: 'LEFT' }, sort: [{ field: 'lastName', direction: 'desc' }] }],
  ])('reads %s in index order, without sorting every contact', (_, query) => {
    const plan = store.explainFind(CONTACTS, query);
    expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX/);
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
  });
});
