import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededStore, type SeededStore } from '../testing/seeded-store';

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') rows.push([...row, field]), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
};

describe('crm export', () => {
  let data: SeededStore;
  beforeAll(async () => {
    data = await seededStore();
  });
  afterAll(() => data.cleanup());

  it('round-trips the whole log as NDJSON on stdout: every event exactly once, in log order', async () => {
    const run = await data.run(['export']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual(data.events.map((e) => ({
      position: e.position.toString(), stream: e.streamName, revision: e.revision, id: e.id, type: e.type,
      data: e.data, metadata: e.metadata, recordedAt: e.recordedAt.toISOString(),
    })));
    expect(run.stderr).toContain(`Exported ${data.events.length} of ${data.events.length}`);
  });

  it('round-trips as CSV into a file', async () => {
    const out = join(data.dir, 'audit.csv');
    expect((await data.run(['export', '--format', 'csv', '--out', out])).code).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
    expect(header).toEqual(['position', 'stream', 'revision', 'id', 'type', 'occurredAt', 'actor', 'recordedAt', 'data', 'metadata']);
    expect(rows.map((r) => r[3])).toEqual(data.events.map((e) => e.id));
    expect(rows.map((r) => JSON.parse(r[8]))).toEqual(data.events.map((e) => e.data));
    expect(rows.map((r) => JSON.parse(r[9]))).toEqual(data.events.map((e) => e.metadata));
  });

  it('filters by category and by business time (from inclusive, to exclusive)', async () => {
    const sorted = data.events.map((e) => e.metadata.occurredAt).sort();
    const [from, to] = [sorted[Math.floor(sorted.length / 4)], sorted[Math.floor(sorted.length / 2)]];
    const run = await data.run(['export', '-c', 'lead,opportunity', '--from', from, '--to', to]);
    const expected = data.events.filter((e) => /^(lead|opportunity)-/.test(e.streamName) && e.metadata.occurredAt >= from && e.metadata.occurredAt < to);
    expect(expected.length).toBeGreaterThan(0);
    expect(run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).id)).toEqual(expected.map((e) => e.id));
  });
});
