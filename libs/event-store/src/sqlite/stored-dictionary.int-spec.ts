import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DICTIONARY_DDL, EVENT_TYPE, StoredDictionary } from './stored-dictionary';

const dir = mkdtempSync(join(tmpdir(), 'crm-dictionary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two connections to one file, as two processes sharing an events file have. */
const twoProcesses = (name: string): { reader: StoredDictionary; writer: StoredDictionary; close: () => void } => {
  const path = join(dir, `${name}.sqlite`);
  const first = new Database(path);
  first.exec(DICTIONARY_DDL);
  const second = new Database(path);
  return { reader: new StoredDictionary(first), writer: new StoredDictionary(second), close: () => [first, second].forEach((db) => db.close()) };
};

describe('StoredDictionary.rowFilter', () => {
  it('finds a name another process added once the head it is asked for moves past the one it read the names at', () => {
    const { reader, writer, close } = twoProcesses('head-moves');
    try {
      expect(reader.rowFilter({ eventTypes: ['LeadDisqualified'] }, 7).types).toEqual([-1]);
      // Added after the names were read for head 7: no row up to 7 can carry it.
      const id = writer.idOf(EVENT_TYPE, 'LeadDisqualified');
      expect(reader.rowFilter({ eventTypes: ['LeadDisqualified'] }, 7).types).toEqual([-1]);
      expect(reader.rowFilter({ eventTypes: ['LeadDisqualified'] }, 8).types).toEqual([id]);
    } finally {
      close();
    }
  });

  it('reads the names again on a miss when no head is given', () => {
    const { reader, writer, close } = twoProcesses('no-head');
    try {
      expect(reader.rowFilter({ eventTypes: ['LeadReopened'] }).types).toEqual([-1]);
      const id = writer.idOf(EVENT_TYPE, 'LeadReopened');
      expect(reader.rowFilter({ eventTypes: ['LeadReopened'] }).types).toEqual([id]);
    } finally {
      close();
    }
  });

  it('answers a name known before from memory whatever the head', () => {
    const { reader, writer, close } = twoProcesses('known');
    try {
      const id = writer.idOf(EVENT_TYPE, 'LeadCaptured');
      expect(reader.rowFilter({ eventTypes: ['LeadCaptured', 'LeadQualified'] }, 3).types).toEqual([id, -1]);
      expect(reader.rowFilter({ eventTypes: ['LeadCaptured'] }, 3).types).toEqual([id]);
    } finally {
      close();
    }
  });
});
