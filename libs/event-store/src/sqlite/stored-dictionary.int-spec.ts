import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CATEGORY, DICTIONARY_DDL, EVENT_TYPE, StoredDictionary } from './stored-dictionary';

const dir = mkdtempSync(join(tmpdir(), 'crm-dictionary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Every live subscription turns its filter into ids at every poll, and a filter of all of a
 * category's types names some nobody wrote yet: those must cost one read of the table per poll, not
 * one per unknown name, and still be found once another process writes them.
 */
describe('the SQLite event names dictionary', () => {
  it('maps a filter to ids in one read however many names are unknown, and finds names written since by another connection', () => {
    const path = join(dir, 'names.sqlite');
    const reads: string[] = [];
    const db = new Database(path, { verbose: (sql) => void (String(sql).includes('FROM event_names WHERE id >') && reads.push(String(sql))) });
    db.exec(DICTIONARY_DDL);
    const other = new Database(path);
    try {
      const dictionary = new StoredDictionary(db);
      const opportunity = dictionary.idOf(CATEGORY, 'opportunity');
      const opened = dictionary.idOf(EVENT_TYPE, 'OpportunityOpened');
      const filter = { categories: ['opportunity'], eventTypes: ['OpportunityOpened', 'OpportunityWon', 'OpportunityLost', 'OpportunityReopened'] };
      reads.length = 0;
      expect(dictionary.rowFilter(filter)).toEqual({ categories: [opportunity], types: [opened, -1, -1, -1] });
      expect(reads).toHaveLength(1);

      const won = Number(other.prepare('INSERT INTO event_names (kind, name) VALUES (?, ?)').run(EVENT_TYPE, 'OpportunityWon').lastInsertRowid);
      reads.length = 0;
      expect(dictionary.rowFilter(filter)).toEqual({ categories: [opportunity], types: [opened, won, -1, -1] });
      expect(reads).toHaveLength(1);

      reads.length = 0;
      expect(dictionary.rowFilter({ categories: ['opportunity'], eventTypes: ['OpportunityOpened', 'OpportunityWon'] })).toEqual({ categories: [opportunity], types: [opened, won] });
      expect(dictionary.rowFilter(undefined)).toEqual({ categories: [], types: [] });
      expect(reads).toHaveLength(0);
    } finally {
      other.close();
      db.close();
    }
  });
});
