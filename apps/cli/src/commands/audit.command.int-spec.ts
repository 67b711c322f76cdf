import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RecordedEvent } from '@crm/event-store';
import { seededStore, type SeededStore } from '../testing/seeded-store';

describe('crm audit verify', () => {
  let data: SeededStore;
  const copies: string[] = [];
  beforeAll(async () => {
    data = await seededStore();
  });
  afterAll(() => {
    data.cleanup();
    copies.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  /** A copy of the seeded folder, tampered with directly in the SQLite file as an intruder would. */
  const tampered = async (sql: string, ...params: (string | number)[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-tampered-'));
    copies.push(dir);
    cpSync(data.dir, dir, { recursive: true });
    const db = new Database(join(dir, 'events.sqlite'));
    expect(db.prepare(sql).run(...params).changes).toBe(1);
    db.close();
    const run = await data.run(['audit', 'verify', '--json'], { CRM_DATA_DIR: dir });
    return { code: run.code, report: JSON.parse(run.stdout) };
  };
  const refOf = (e: RecordedEvent) => ({ streamName: e.streamName, revision: e.revision, id: e.id, position: e.position.toString() });
  const middleOfAStream = () => data.events.find((e, i) => e.revision === 1 && data.events.slice(i + 1).some((n) => n.streamName === e.streamName))!;

  it('passes an untouched store with exit code 0', async () => {
    const run = await data.run(['audit', 'verify']);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain(`OK: ${data.events.length} event(s)`);
  });

  it('names the exact event after one byte of its data was changed', async () => {
    const victim = data.events.filter((e) => e.type === 'LeadCaptured')[40];
    const name = String(victim.data.companyName);
    const changed = `${name[0] === 'X' ? 'Y' : 'X'}${name.slice(1)}`;
    const { code, report } = await tampered('UPDATE events SET data = replace(data, ?, ?) WHERE position = ?', `"${name}"`, `"${changed}"`, Number(victim.position));
    expect(code).toBe(1);
    expect(report.breakCount).toBe(1);
    expect(report.breaks[0]).toMatchObject({ problem: 'HASH_MISMATCH', event: refOf(victim) });
  });

  it('names the removed position, its neighbours, and the stream that lost a revision after a row was deleted', async () => {
    const victim = middleOfAStream();
    const index = data.events.indexOf(victim);
    const { code, report } = await tampered('DELETE FROM events WHERE position = ?', Number(victim.position));
    expect(code).toBe(1);
    expect(report.breaks[0]).toMatchObject({
      problem: 'POSITION_GAP', missingPositions: { from: victim.position.toString(), to: victim.position.toString() },
      before: refOf(data.events[index - 1]), event: refOf(data.events[index + 1]),
    });
    expect(report.breaks[1]).toMatchObject({ problem: 'REVISION_GAP', event: { streamName: victim.streamName, revision: 2 }, expectedRevision: 1 });
  });

  it("finds a stream's removed last event through the gap in positions", async () => {
    const lastOfStream = data.events.filter((e, i) => e.revision > 0 && !data.events.slice(i + 1).some((n) => n.streamName === e.streamName))[0];
    const { report } = await tampered('DELETE FROM events WHERE position = ?', Number(lastOfStream.position));
    expect(report.breakCount).toBe(1);
    expect(report.breaks[0]).toMatchObject({ problem: 'POSITION_GAP', missingPositions: { from: lastOfStream.position.toString() } });
  });

  it("finds the log's removed newest event through the highest position ever assigned", async () => {
    const newest = data.events[data.events.length - 1];
    const { report } = await tampered('DELETE FROM events WHERE position = ?', Number(newest.position));
    expect(report.breaks[0]).toMatchObject({ problem: 'POSITION_GAP', event: null, missingPositions: { from: newest.position.toString(), to: newest.position.toString() } });
  });

  it('reports stored JSON that no longer parses as unreadable, with exit code 1', async () => {
    const victim = data.events[10];
    const { code, report } = await tampered("UPDATE events SET data = substr(data, 2) WHERE position = ?", Number(victim.position));
    expect(code).toBe(1);
    expect(report.breaks[0]).toMatchObject({ problem: 'UNREADABLE' });
  });
});
