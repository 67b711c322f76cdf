import { parseStreamName, type StreamType } from '@crm/domain';
import { plainState, replayStream } from '@crm/application';
import type { RecordedEvent } from '@crm/event-store';
import { seededStore, type SeededStore } from '../testing/seeded-store';

describe('crm history', () => {
  let data: SeededStore;
  beforeAll(async () => {
    data = await seededStore();
  });
  afterAll(() => data.cleanup());

  const streamOf = (type: string): RecordedEvent[] => {
    const counts = new Map<string, number>();
    for (const e of data.events) if (e.streamName.startsWith(`${type}-`)) counts.set(e.streamName, (counts.get(e.streamName) ?? 0) + 1);
    const busiest = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    return data.events.filter((e) => e.streamName === busiest);
  };
  const json = async (argv: string[]) => {
    const run = await data.run(argv);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(run.stdout);
  };

  it.each(['lead', 'account', 'contact', 'opportunity'])('lists every %s event with actor, times and correlation, and the stored state', async (type) => {
    const stored = streamOf(type);
    const ref = parseStreamName(stored[0].streamName)!;
    const result = await json(['history', type, ref.id, '--json']);
    expect(result.events.map((e: { id: string }) => e.id)).toEqual(stored.map((e) => e.id));
    expect(result.events[0]).toEqual({
      streamName: stored[0].streamName, revision: 0, position: stored[0].position.toString(), id: stored[0].id, type: stored[0].type,
      data: stored[0].data, occurredAt: stored[0].metadata.occurredAt, recordedAt: stored[0].recordedAt.toISOString(),
      actor: stored[0].metadata.actor, commandId: stored[0].metadata.commandId, correlationId: stored[0].metadata.correlationId,
      causationId: stored[0].metadata.causationId,
    });
    expect(result.state).toEqual(plainState(replayStream(ref.type as StreamType, stored)));
  });

  it('shows the events and the state as of an instant between two events', async () => {
    const stored = streamOf('opportunity');
    const ref = parseStreamName(stored[0].streamName)!;
    const k = Math.floor(stored.length / 2);
    const asOf = new Date(Date.parse(stored[k].metadata.occurredAt) + 1).toISOString();
    const included = stored.filter((e) => Date.parse(e.metadata.occurredAt) <= Date.parse(asOf));
    const result = await json(['history', 'opportunity', ref.id, '--as-of', asOf, '--json']);
    expect(result.events.map((e: { revision: number }) => e.revision)).toEqual(included.map((e) => e.revision));
    expect(result).toMatchObject({ asOf, revision: included[included.length - 1].revision });
    expect(result.state).toEqual(plainState(replayStream('OPPORTUNITY', included)));
  });

  it('says the entity did not exist yet before its first event', async () => {
    const stored = streamOf('lead');
    const before = new Date(Date.parse(stored[0].metadata.occurredAt) - 1000).toISOString();
    const run = await data.run(['history', 'lead', parseStreamName(stored[0].streamName)!.id, '--as-of', before]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('did not exist');
  });

  it('prints a readable history and exits with 1 for an unknown entity', async () => {
    const stored = streamOf('lead');
    const readable = await data.run(['history', 'lead', parseStreamName(stored[0].streamName)!.id]);
    expect(readable.stdout).toContain(`#0 ${stored[0].metadata.occurredAt} LeadCaptured`);
    expect(readable.stdout).toContain(`correlation ${stored[0].metadata.correlationId}`);
    const unknown = await data.run(['history', 'lead', '3f0c8a52-7d1e-4b0a-9c4f-2a6d5e8b9f10']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('not found');
  });
});
