import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { leadStream } from '@crm/domain';
import { collectStream, type RecordedEvent } from '@crm/event-store';
import { CaptureLeadCommand } from '../leads/capture-lead.command';
import { StartWorkingLeadCommand } from '../leads/start-working-lead.command';
import { startApplication, tempEventStoreFile } from '../testing/application-harness';
import { context, leadInput } from '../testing/commands';
import { verifyChains } from './chain-verifier';

describe('verifyChains: hash chains over the whole log', () => {
  let file: ReturnType<typeof tempEventStoreFile>;
  const input = leadInput();
  beforeEach(async () => {
    file = tempEventStoreFile();
    const app = await startApplication(file.open());
    await app.commands.execute(new CaptureLeadCommand(input, context()));
    await app.commands.execute(new StartWorkingLeadCommand({ leadId: input.leadId }, context()));
    await app.commands.execute(new CaptureLeadCommand(leadInput(), context()));
    await app.close();
    await app.store.close();
  });
  afterEach(() => file.cleanup());

  const verify = async () => {
    const store = file.open();
    try {
      return await verifyChains(store, { gaplessPositions: true });
    } finally {
      await store.close();
    }
  };

  it('passes events written by the command path', async () => {
    expect(await verify()).toMatchObject({ eventsChecked: 3, streamsChecked: 2, breakCount: 0, breaks: [] });
  });

  it('names an event written around the application, without a chain hash', async () => {
    const store = file.open();
    const stray = randomUUID();
    await store.appendToStream(`lead-${stray}`, [
      { id: randomUUID(), type: 'LeadCaptured', data: {}, metadata: { actor: 'x', commandId: 'c', correlationId: 'c', causationId: 'c', occurredAt: new Date().toISOString() } },
    ], 'no_stream');
    await store.close();
    const report = await verify();
    expect(report.breaks[0]).toMatchObject({ problem: 'MISSING_HASH', event: { streamName: `lead-${stray}`, revision: 0 } });
  });

  /** The lead's first event as stored (personal fields sealed), read through the store rather than the row layout. */
  const storedCapture = async (): Promise<RecordedEvent> => {
    const store = file.open();
    try {
      const [first] = await collectStream(store, leadStream(input.leadId));
      return first;
    } finally {
      await store.close();
    }
  };

  /** Edits the stored row of `event` as an intruder with the file would: one value's text replaced by another's. */
  const replaceInRow = (event: RecordedEvent, from: string, to: string): void => {
    const db = new Database(file.path);
    const [was, now] = [JSON.stringify(from), JSON.stringify(to)];
    const edited = () => db.prepare('SELECT instr(data, ?) > 0 AND instr(data, ?) = 0 FROM events WHERE position = ?').pluck().get(now, was, Number(event.position));
    expect(edited()).toBe(0);
    db.prepare('UPDATE events SET data = replace(data, ?, ?) WHERE position = ?').run(was, now, Number(event.position));
    expect(edited()).toBe(1);
    db.close();
  };

  it('names an event whose encrypted personal fields were edited', async () => {
    const capture = await storedCapture();
    const sealed = (capture.data.personal as { ciphertext: string }).ciphertext;
    const edited = `${sealed.slice(0, 10)}${sealed[10] === 'A' ? 'B' : 'A'}${sealed.slice(11)}`;
    replaceInRow(capture, sealed, edited);
    expect(JSON.stringify(capture.data)).not.toContain(input.firstName);
    const report = await verify();
    expect(report.breaks[0]).toMatchObject({ problem: 'HASH_MISMATCH', event: { streamName: leadStream(input.leadId), revision: 0 } });
  });

  it('names an event whose data was edited', async () => {
    const capture = await storedCapture();
    replaceInRow(capture, String(capture.data.companyName), 'Other B.V.');
    const report = await verify();
    expect(report.breaks[0]).toMatchObject({ problem: 'HASH_MISMATCH', event: { streamName: leadStream(input.leadId), revision: 0 } });
  });
});
