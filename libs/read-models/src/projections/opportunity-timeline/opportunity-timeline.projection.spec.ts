import { DEFAULT_PIPELINE, DEFAULT_PIPELINE_ID, type DomainEvent } from '@crm/domain';
import type { OpportunityVersionDoc } from '../../pipeline-history/timeline.types';
import { acme, assigned, deal, eur, jane, lost, opened, otherDeal, reopened, revised, stageChanged, won } from '../testing/domain-events.fixtures';
import { EventLog } from '../testing/event-log.fixtures';
import { RENEWALS, movedToPipeline } from '../testing/pipeline-events.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { OPPORTUNITY_TIMELINE_HEADS, OPPORTUNITY_VERSIONS, opportunityTimelineProjection } from './opportunity-timeline.projection';
import type { TimelineHeadDoc } from './timeline-head';

type Dated = [DomainEvent, string];

const at = (day: number, hour = 9): string => `2026-01-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

const run = (events: Dated[]): Promise<ProjectionTestKit> => {
  const log = new EventLog();
  return new ProjectionTestKit(opportunityTimelineProjection).run(events.map(([event, time]) => log.record(event, time)));
};

const versions = (kit: ProjectionTestKit, id = deal): OpportunityVersionDoc[] =>
  kit
    .docs<OpportunityVersionDoc>(OPPORTUNITY_VERSIONS)
    .filter((doc) => doc.opportunityId === id)
    .sort((a, b) => a.seq - b.seq);

/** What changes from one version to the next, for readable expectations. */
const changes = (kit: ProjectionTestKit, id = deal): Array<Partial<OpportunityVersionDoc>> =>
  versions(kit, id).map((version, i, all) => {
    const previous: Partial<OpportunityVersionDoc> = i === 0 ? {} : all[i - 1];
    const changed = Object.entries(version).filter(([key, value]) => !['id', 'seq', 'openedAt', 'opportunityId'].includes(key) && JSON.stringify(value) !== JSON.stringify(previous[key as keyof OpportunityVersionDoc]));
    return Object.fromEntries(changed);
  });

const roleAssigned: DomainEvent = {
  type: 'ContactRoleAssigned',
  data: { opportunityId: deal, accountId: acme, contactId: jane, role: 'CHAMPION', primary: true, primaryContactId: jane, previousPrimaryContactId: null },
};

describe('opportunity timeline projection', () => {
  it('writes the version an opportunity is opened with, and its head', async () => {
    const kit = await run([[opened(), at(5)]]);
    const first: OpportunityVersionDoc = {
      id: `${deal}:0`,
      opportunityId: deal,
      seq: 0,
      at: at(5),
      openedAt: at(5),
      pipelineId: DEFAULT_PIPELINE_ID,
      ownerId: 'rep-1',
      stage: 'PROSPECTING',
      status: 'OPEN',
      amount: { amount: '12500.00', currency: 'EUR', amountMinor: 1250000 },
      expectedCloseDate: '2026-03-31',
    };
    expect(kit.docs(OPPORTUNITY_VERSIONS)).toEqual([first]);
    const { id: _version, opportunityId: _opportunity, ...held } = first;
    expect(kit.doc<TimelineHeadDoc>(OPPORTUNITY_TIMELINE_HEADS, deal)).toEqual({ id: deal, ...held, knownAt: at(5) });
  });

  it('writes a version per change of stage, owner, amount, close date, status or pipeline, and none for a name or a contact role', async () => {
    const kit = await run([
      [opened(), at(5)],
      [stageChanged('PROSPECTING', 'QUALIFICATION'), at(6)],
      [revised({ name: 'Fleet renewal 2026' }), at(7)],
      [roleAssigned, at(8)],
      [revised({ amount: eur('15000.00') }), at(9)],
      [revised({ expectedCloseDate: '2026-04-30' }), at(10)],
      [assigned('rep-2', 'rep-1'), at(11)],
      [won(eur('15000.00'), 'QUALIFICATION', 'rep-2'), at(12)],
    ]);
    expect(changes(kit)).toEqual([
      expect.objectContaining({ at: at(5), stage: 'PROSPECTING' }),
      { at: at(6), stage: 'QUALIFICATION' },
      { at: at(9), amount: { amount: '15000.00', currency: 'EUR', amountMinor: 1500000 } },
      { at: at(10), expectedCloseDate: '2026-04-30' },
      { at: at(11), ownerId: 'rep-2' },
      { at: at(12), status: 'WON', stage: 'CLOSED_WON' },
    ]);
    expect(versions(kit).map((version) => version.id)).toEqual([0, 1, 2, 3, 4, 5].map((seq) => `${deal}:${seq}`));
    expect(new Set(versions(kit).map((version) => version.openedAt))).toEqual(new Set([at(5)]));
  });

  it('follows a loss and a reopening back to an open stage', async () => {
    const kit = await run([
      [opened(), at(5)],
      [lost(eur('12500.00'), 'PROSPECTING'), at(6)],
      [reopened('CLOSED_LOST', 'NEGOTIATION', eur('12500.00')), at(7)],
    ]);
    expect(changes(kit).slice(1)).toEqual([
      { at: at(6), status: 'LOST', stage: 'CLOSED_LOST' },
      { at: at(7), status: 'OPEN', stage: 'NEGOTIATION' },
    ]);
  });

  it('follows a move into another pipeline', async () => {
    const move = movedToPipeline({ opportunityId: deal, accountId: acme, from: DEFAULT_PIPELINE, to: RENEWALS, fromStage: 'PROSPECTING', toStage: 'QUOTED' });
    const kit = await run([[opened(), at(5)], [move, at(6)]]);
    expect(changes(kit).slice(1)).toEqual([{ at: at(6), pipelineId: RENEWALS.pipelineId, stage: 'QUOTED' }]);
  });

  it('holds a backdated change from the latest business time seen before it, a change that made no version included', async () => {
    const kit = await run([
      [opened(), at(5)],
      [stageChanged('PROSPECTING', 'QUALIFICATION'), at(10)],
      [assigned('rep-2', 'rep-1'), at(8)],
      [roleAssigned, at(20)],
      [revised({ expectedCloseDate: '2026-06-30' }), at(15)],
    ]);
    expect(versions(kit).map((version) => version.at)).toEqual([at(5), at(10), at(10), at(20)]);
    expect(kit.doc<TimelineHeadDoc>(OPPORTUNITY_TIMELINE_HEADS, deal)).toMatchObject({ seq: 3, at: at(20), knownAt: at(20) });
  });

  it('keeps a head on its latest business time when an event made no version', async () => {
    const kit = await run([[opened(), at(5)], [roleAssigned, at(9)]]);
    expect(kit.doc<TimelineHeadDoc>(OPPORTUNITY_TIMELINE_HEADS, deal)).toMatchObject({ seq: 0, at: at(5), knownAt: at(9) });
    expect(kit.docs(OPPORTUNITY_VERSIONS)).toHaveLength(1);
  });

  it('changes nothing when an event is applied again, or a later one before it is applied again', async () => {
    const log = new EventLog();
    const events = [opened(), stageChanged('PROSPECTING', 'QUALIFICATION'), revised({ amount: eur('99.00') }), roleAssigned].map((event, day) => log.record(event, at(5 + day)));
    const kit = await new ProjectionTestKit(opportunityTimelineProjection).run(events);
    const before = kit.snapshot();
    for (const event of [events[1], events[3], ...events]) kit.apply(event);
    expect(kit.snapshot()).toEqual(before);
  });

  it('keeps each opportunity on its own timeline, and ignores events of an opportunity never opened', async () => {
    const other = { opportunityId: otherDeal };
    const kit = await run([
      [stageChanged('PROSPECTING', 'QUALIFICATION', other), at(4)],
      [opened(), at(5)],
      [opened({ opportunityId: otherDeal, amount: { amount: '700', currency: 'JPY' } }), at(6)],
      [assigned('rep-3', 'rep-1', other), at(7)],
    ]);
    expect(versions(kit)).toHaveLength(1);
    expect(versions(kit, otherDeal).map(({ seq, ownerId, amount }) => ({ seq, ownerId, amount: amount.amount }))).toEqual([
      { seq: 0, ownerId: 'rep-1', amount: '700' },
      { seq: 1, ownerId: 'rep-3', amount: '700' },
    ]);
  });

  it('keeps nothing but ids, keys, amounts and times', async () => {
    const kit = await run([[opened({ name: 'Jane Doe private deal', primaryContactId: jane }), at(5)], [roleAssigned, at(6)]]);
    const stored = JSON.stringify(kit.snapshot());
    expect(stored).not.toContain('Jane');
    expect(stored).not.toContain(jane);
  });
});
