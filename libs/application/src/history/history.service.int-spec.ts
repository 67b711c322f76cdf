import { randomUUID } from 'node:crypto';
import { ValidationError } from '@crm/domain';
import { AssignLeadCommand } from '../leads/assign-lead.command';
import { CaptureLeadCommand } from '../leads/capture-lead.command';
import { QualifyLeadCommand } from '../leads/qualify-lead.command';
import { startApplication, tempEventStoreFile, type RunningApplication } from '../testing/application-harness';
import { context, leadInput } from '../testing/commands';
import { HistoryService } from './history.service';
import { plainState } from './plain-state';

const at = (iso: string) => new Date(iso);

describe('history: an entity as recorded, and as it was at any instant', () => {
  const file = tempEventStoreFile();
  let app: RunningApplication;
  let history: HistoryService;
  const input = leadInput();
  const correlationId = randomUUID();
  beforeAll(async () => {
    app = await startApplication(file.open());
    history = new HistoryService(app.store);
    await app.commands.execute(new CaptureLeadCommand(input, context({ correlationId, occurredAt: at('2025-01-10T09:00:00Z') })));
    await app.commands.execute(new AssignLeadCommand({ leadId: input.leadId, ownerId: 'rep-2' }, context({ actor: 'manager-1', occurredAt: at('2025-01-11T09:00:00Z') })));
    await app.commands.execute(new QualifyLeadCommand({ leadId: input.leadId }, context({ occurredAt: at('2025-02-01T09:00:00Z') })));
  });
  afterAll(async () => {
    await app.close();
    await app.store.close();
    file.cleanup();
  });

  it('pages the events with revision, position, actor, times and correlation', async () => {
    const first = await history.page('LEAD', input.leadId, { first: 2 });
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ revision: 0, type: 'LeadCaptured', actor: 'rep-1', correlationId, occurredAt: '2025-01-10T09:00:00.000Z', position: expect.stringMatching(/^\d+$/) }),
      expect.objectContaining({ revision: 1, type: 'LeadAssigned', actor: 'manager-1' }),
    ]);
    const rest = await history.page('LEAD', input.leadId, { first: 2, after: first.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.type)).toEqual(['LeadQualified']);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('pages backwards from the newest event', async () => {
    const newest = await history.page('LEAD', input.leadId, { last: 2 });
    expect(newest.edges.map((e) => e.node.type)).toEqual(['LeadAssigned', 'LeadQualified']);
    expect(newest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const oldest = await history.page('LEAD', input.leadId, { last: 2, before: newest.pageInfo.startCursor });
    expect(oldest.edges.map((e) => e.node.type)).toEqual(['LeadCaptured']);
    expect(oldest.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    await expect(history.page('LEAD', input.leadId, { first: 1, last: 1 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('gives an empty page for an entity that does not exist, and refuses a foreign cursor', async () => {
    expect(await history.page('ACCOUNT', randomUUID())).toMatchObject({ edges: [], totalCount: 0 });
    await expect(history.page('LEAD', input.leadId, { first: 10, after: 'bm9wZQ' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('replays the state up to and including the instant, from the event store', async () => {
    const before = await history.stateAsOf('LEAD', input.leadId, '2025-01-10T08:59:59Z');
    const exactly = await history.stateAsOf('LEAD', input.leadId, '2025-01-11T09:00:00Z');
    const now = await history.stateAsOf('LEAD', input.leadId, new Date());
    expect(before).toBeNull();
    expect(exactly).toMatchObject({ revision: 1, state: { status: 'NEW', ownerId: 'rep-2' } });
    expect(now).toMatchObject({ revision: 2, state: { status: 'QUALIFIED' } });
  });

  it('turns state with money into plain JSON', () => {
    expect(plainState({ amount: { amountMinor: 1250050n, currency: 'EUR' }, at: null })).toEqual({ amount: { amount: '12500.50', currency: 'EUR' }, at: null });
  });
});
