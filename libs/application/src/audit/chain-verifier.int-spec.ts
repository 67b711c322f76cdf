import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { leadStream } from '@crm/domain';
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

  it('names an event whose encrypted personal fields were edited', async () => {
    const db = new Database(file.path);
    const row = db.prepare('SELECT data FROM events WHERE stream = ? AND revision = 0').get(leadStream(input.leadId)) as { data: string };
    const sealed = JSON.parse(row.data).personal.ciphertext as string;
    const edited = `${sealed.slice(0, 10)}${sealed[10] === 'A' ? 'B' : 'A'}${sealed.slice(11)}`;
    db.prepare("UPDATE events SET data = json_set(data, '$.personal.ciphertext', ?) WHERE stream = ? AND revision = 0").run(edited, leadStream(input.leadId));
    db.close();
    expect(row.data).not.toContain(input.firstName);
    const report = await verify();
    expect(report.breaks[0]).toMatchObject({ problem: 'HASH_MISMATCH', event: { streamName: leadStream(input.leadId), revision: 0 } });
  });

  it('names an event whose data was edited', async () => {
    const db = new Database(file.path);
    db.prepare("UPDATE events SET data = json_set(data, '$.companyName', 'Other B.V.') WHERE stream = ? AND revision = 0").run(leadStream(input.leadId));
    db.close();
    const report = await verify();
    expect(report.breaks[0]).toMatchObject({ problem: 'HASH_MISMATCH', event: { streamName: leadStream(input.leadId), revision: 0 } });
  });
});
