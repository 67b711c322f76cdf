import { randomUUID } from 'node:crypto';
import { collectStream, WrongExpectedRevisionError } from '@crm/event-store';
import { leadStream } from '@crm/domain';
import { AssignLeadCommand } from '../leads/assign-lead.command';
import { CaptureLeadCommand } from '../leads/capture-lead.command';
import { QualifyLeadCommand } from '../leads/qualify-lead.command';
import { startApplication, tempEventStoreFile, type RunningApplication } from '../testing/application-harness';
import { context, leadInput } from '../testing/commands';
import { derivedUuid } from './event-ids';

describe('command handling: load, decide, append with the expected revision', () => {
  const file = tempEventStoreFile();
  let app: RunningApplication;
  beforeEach(async () => {
    app = await startApplication(file.open());
  });
  afterEach(async () => {
    await app.close();
    await app.store.close();
  });
  afterAll(() => file.cleanup());

  it('records who, which command, which conversation and when on every event, with ids derived from the command', async () => {
    const ctx = context({ correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date('2026-03-02T10:00:00Z') });
    const input = leadInput();
    const outcome = await app.commands.execute(new CaptureLeadCommand(input, ctx));
    expect(outcome).toMatchObject({ revision: 0, appended: 1, state: { status: 'NEW' } });
    const [event] = await collectStream(app.store, leadStream(input.leadId));
    expect(event.id).toBe(derivedUuid(ctx.commandId, leadStream(input.leadId), '0'));
    expect(event.metadata).toEqual({
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      actor: 'rep-1', commandId: ctx.commandId, correlationId: ctx.correlationId, causationId: ctx.causationId,
      occurredAt: '2026-03-02T10:00:00.000Z', inputFingerprint: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(event.position).toBe(outcome.position);
    // What read-your-writes waits are told: which event sits at the outcome's position.
    expect(outcome.written).toEqual({ position: event.position, type: 'LeadCaptured' });
  });

  it('treats a retried command as a no-op that answers like the first time', async () => {
    const input = leadInput();
    const ctx = context();
    const first = await app.commands.execute(new CaptureLeadCommand(input, ctx));
    const retry = await app.commands.execute(new CaptureLeadCommand(input, ctx));
    expect(first).toMatchObject({ replayed: false });
    expect(retry).toMatchObject({ revision: first.revision, position: first.position, appended: 0, replayed: true });
    expect(retry.written).toBeUndefined();
    expect(await collectStream(app.store, leadStream(input.leadId))).toHaveLength(1);
  });

  it('reports a stale expectedRevision as a conflict with expected and actual, and writes nothing', async () => {
    const input = leadInput();
    await app.commands.execute(new CaptureLeadCommand(input, context()));
    await app.commands.execute(new AssignLeadCommand({ leadId: input.leadId, ownerId: 'rep-2' }, context()));
    const stale = app.commands.execute(new QualifyLeadCommand({ leadId: input.leadId }, context({ expectedRevision: 0 })));
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(stale).rejects.toMatchObject({ expected: 0, actual: 1 });
    expect(await app.store.streamRevision(leadStream(input.leadId))).toBe(1);
    const fresh = await app.commands.execute(new QualifyLeadCommand({ leadId: input.leadId }, context({ expectedRevision: 1 })));
    expect(fresh.revision).toBe(2);
  });

  it('without expectedRevision, re-decides after losing a race so concurrent commands all land', async () => {
    const input = leadInput();
    await app.commands.execute(new CaptureLeadCommand(input, context()));
    const owners = ['rep-2', 'rep-3', 'rep-4', 'rep-5'];
    await Promise.all(owners.map((ownerId) => app.commands.execute(new AssignLeadCommand({ leadId: input.leadId, ownerId }, context()))));
    const events = await collectStream(app.store, leadStream(input.leadId));
    expect(events.filter((e) => e.type === 'LeadAssigned').map((e) => e.data.ownerId).sort()).toEqual(owners);
  });

  it('reports a broken rule with its reason and writes nothing', async () => {
    const input = leadInput();
    await app.commands.execute(new CaptureLeadCommand(input, context()));
    await expect(app.commands.execute(new CaptureLeadCommand(input, context()))).rejects.toMatchObject({
      code: 'RULE_VIOLATION', reason: 'ALREADY_EXISTS',
    });
    expect(await app.store.streamRevision(leadStream(input.leadId))).toBe(0);
  });

  describe('streams this process wrote last', () => {
    let other: RunningApplication;
    beforeEach(async () => {
      other = await startApplication(file.open());
    });
    afterEach(async () => {
      await other.close();
      await other.store.close();
    });

    it('are decided on after one revision check, without reading them again', async () => {
      const input = leadInput();
      await app.commands.execute(new CaptureLeadCommand(input, context()));
      const reads = jest.spyOn(app.store, 'readStream');
      const revisionChecks = jest.spyOn(app.store, 'streamRevision');
      const assigned = await app.commands.execute(new AssignLeadCommand({ leadId: input.leadId, ownerId: 'rep-2' }, context()));
      const qualified = await app.commands.execute(new QualifyLeadCommand({ leadId: input.leadId }, context({ expectedRevision: 1 })));
      expect(reads).not.toHaveBeenCalled();
      expect(revisionChecks).toHaveBeenCalledTimes(2);
      expect([assigned.revision, qualified.revision, qualified.state]).toEqual([1, 2, expect.objectContaining({ status: 'QUALIFIED', ownerId: 'rep-2' })]);
      const events = await collectStream(app.store, leadStream(input.leadId));
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(qualified.position).toBe(events[2].position);
    });

    it('a new stream is decided on after one revision check, without a read', async () => {
      const reads = jest.spyOn(app.store, 'readStream');
      const revisionChecks = jest.spyOn(app.store, 'streamRevision');
      const input = leadInput();
      const captured = await app.commands.execute(new CaptureLeadCommand(input, context()));
      expect(reads).not.toHaveBeenCalled();
      expect(revisionChecks).toHaveBeenCalledTimes(1);
      expect(captured).toMatchObject({ revision: 0, appended: 1, state: { status: 'NEW' } });
    });

    it('a stream another process created after the revision check is re-decided on, not overwritten', async () => {
      const input = leadInput();
      const check = app.store.streamRevision.bind(app.store);
      // The other process captures the same lead between this process's lookup and its append.
      jest.spyOn(app.store, 'streamRevision').mockImplementationOnce(async (stream) => {
        const revision = await check(stream);
        await other.commands.execute(new CaptureLeadCommand(input, context()));
        return revision;
      });
      await expect(app.commands.execute(new CaptureLeadCommand(input, context()))).rejects.toMatchObject({ code: 'RULE_VIOLATION', reason: 'ALREADY_EXISTS' });
      expect(await collectStream(app.store, leadStream(input.leadId))).toHaveLength(1);
    });

    it('are read again when another process moved them: no false conflict, no decision on stale state', async () => {
      const input = leadInput();
      await app.commands.execute(new CaptureLeadCommand(input, context()));
      await other.commands.execute(new AssignLeadCommand({ leadId: input.leadId, ownerId: 'rep-9' }, context()));
      const qualified = await app.commands.execute(new QualifyLeadCommand({ leadId: input.leadId }, context({ expectedRevision: 1 })));
      expect(qualified).toMatchObject({ revision: 2, appended: 1, state: { status: 'QUALIFIED', ownerId: 'rep-9' } });
      await other.commands.execute(new AssignLeadCommand({ leadId: input.leadId, ownerId: 'rep-7' }, context()));
      const stale = app.commands.execute(new AssignLeadCommand({ leadId: input.leadId, ownerId: 'rep-8' }, context({ expectedRevision: 2 })));
      await expect(stale).rejects.toMatchObject({ expected: 2, actual: 3 });
      expect(await app.store.streamRevision(leadStream(input.leadId))).toBe(3);
    });

    it('answer a command another process already applied like the first time, once', async () => {
      const input = leadInput();
      await app.commands.execute(new CaptureLeadCommand(input, context()));
      const ctx = context();
      const first = await other.commands.execute(new AssignLeadCommand({ leadId: input.leadId, ownerId: 'rep-2' }, ctx));
      const retry = await app.commands.execute(new AssignLeadCommand({ leadId: input.leadId, ownerId: 'rep-2' }, ctx));
      expect(first).toMatchObject({ replayed: false });
    expect(retry).toMatchObject({ revision: first.revision, position: first.position, appended: 0, replayed: true });
      expect(await collectStream(app.store, leadStream(input.leadId))).toHaveLength(2);
    });
  });
});
