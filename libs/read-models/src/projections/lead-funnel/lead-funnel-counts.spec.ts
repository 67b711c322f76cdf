import type { RecordedEvent } from '@crm/event-store';
import { EventLog } from '../testing/event-log.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { assigned, captured, converted, disqualified, lead, qualified, reopened, workingStarted } from './lead-events.fixtures';
import { LEADS, leadsProjection } from '../leads/leads.projection';
import { LEAD_FUNNEL } from './lead-funnel-counts';
import type { LeadFunnelDoc } from './lead-progress';

const run = (events: RecordedEvent[]) => new ProjectionTestKit(leadsProjection).run(events);
const funnel = (kit: ProjectionTestKit, id: string) => kit.doc<LeadFunnelDoc>(LEAD_FUNNEL, id) as LeadFunnelDoc;
const counts = ({ captured: c, worked, qualified: q, disqualified: d, converted: v }: LeadFunnelDoc) => [c, worked, q, d, v];
/** The funnel documents with the position that last wrote each: a rewrite of the same counts shows. */
const funnelWrites = (kit: ProjectionTestKit) => Object.entries(kit.snapshot()).filter(([key]) => key.startsWith(`${LEAD_FUNNEL}/`));

/** A lead's journey, with hours after capture at 2026-11-02T08:00Z. */
function journey(log: EventLog, n: number, steps: Array<[number, (id: string) => ReturnType<typeof captured>]>): RecordedEvent[] {
  const start = Date.parse('2026-11-02T08:00:00.000Z');
  return steps.map(([hours, step]) => log.record(step(lead(n)), new Date(start + hours * 3_600_000).toISOString()));
}

describe('the lead funnel, counted by the leads projection', () => {
  it('counts captures per source and capture month (UTC)', async () => {
    const log = new EventLog();
    const kit = await run([
      log.record(captured(lead(1)), '2026-11-30T23:30:00-02:00'),
      log.record(captured(lead(2)), '2026-11-30T10:00:00Z'),
      log.record(captured(lead(3), 'EVENT'), '2026-11-15T10:00:00Z'),
    ]);
    expect(kit.docs(LEAD_FUNNEL).map((doc) => `${doc.id} ${doc.captured}`)).toEqual([
      'source|EVENT|2026-11 1',
      'source|WEB_FORM|2026-11 1',
      'source|WEB_FORM|2026-12 1',
    ]);
  });

  it('follows a lead to conversion with its times to qualify and convert', async () => {
    const log = new EventLog();
    const kit = await run(journey(log, 1, [[0, captured], [2, workingStarted], [30.5, qualified], [100, converted], [101, assigned]]));
    expect(funnel(kit, 'source|WEB_FORM|2026-11')).toEqual({
      id: 'source|WEB_FORM|2026-11',
      source: 'WEB_FORM',
      captureMonth: '2026-11',
      captured: 1,
      worked: 1,
      qualified: 1,
      disqualified: 0,
      converted: 1,
      hoursToQualify: [30, 1],
      hoursToConvert: [100, 1],
    });
  });

  it('counts disqualified leads while they stay disqualified, and a reopened lead as worked', async () => {
    const log = new EventLog();
    const disqualifiedOnly = journey(log, 1, [[0, captured], [1, (id) => disqualified(id, 'NEW')]]);
    const kit = await run(disqualifiedOnly);
    expect(counts(funnel(kit, 'source|WEB_FORM|2026-11'))).toEqual([1, 0, 0, 1, 0]);
    await kit.run(journey(log, 1, [[5, reopened]]));
    expect(counts(funnel(kit, 'source|WEB_FORM|2026-11'))).toEqual([1, 1, 0, 0, 0]);
  });

  it('counts a lead qualified twice once, with the time to its first qualification', async () => {
    const log = new EventLog();
    const kit = await run(
      journey(log, 1, [[0, captured], [240, (id) => qualified(id, 'NEW')], [250, (id) => disqualified(id, 'QUALIFIED')], [260, reopened], [300, qualified]]),
    );
    const doc = funnel(kit, 'source|WEB_FORM|2026-11');
    expect(counts(doc)).toEqual([1, 1, 1, 0, 0]);
    expect(doc.hoursToQualify).toEqual([240, 1]);
  });

  it("keeps each lead's current progress in the lead's document: what differs from a fresh capture", async () => {
    const log = new EventLog();
    const kit = await run(journey(log, 1, [[0, captured], [3, (id) => qualified(id, 'NEW')], [5, (id) => disqualified(id, 'QUALIFIED')], [6, reopened]]));
    expect(kit.doc(LEADS, lead(1))).toMatchObject({ source: 'WEB_FORM', capturedAt: '2026-11-02T08:00:00.000Z', funnel: { worked: true, qualified: true, hoursToQualify: 3 } });
    const fresh = await run(journey(new EventLog(), 2, [[0, captured]]));
    expect(fresh.doc(LEADS, lead(2))?.funnel).toEqual({});
  });

  it("leaves the funnel and the lead's progress as they were for details and assignments", async () => {
    const log = new EventLog();
    const kit = await run(journey(log, 1, [[0, captured], [1, workingStarted]]));
    const [funnelBefore, progressBefore] = [funnelWrites(kit), kit.doc(LEADS, lead(1))?.funnel];
    await kit.run(journey(log, 1, [[3, assigned]]));
    expect(funnelWrites(kit)).toEqual(funnelBefore);
    expect(kit.doc(LEADS, lead(1))?.funnel).toEqual(progressBefore);
    expect(kit.doc(LEADS, lead(1))?.ownerId).not.toBeNull();
  });

  it('writes no funnel document for a step the lead had already taken', async () => {
    const log = new EventLog();
    const kit = await run(journey(log, 1, [[0, captured], [1, workingStarted]]));
    const before = funnelWrites(kit);
    await kit.run(journey(log, 1, [[2, workingStarted]]));
    expect(funnelWrites(kit)).toEqual(before);
  });
});

describe('the lead funnel replays', () => {
  const history = (log: EventLog) => [
    ...journey(log, 1, [[0, captured], [1, workingStarted]]),
    ...journey(log, 2, [[2, (id) => captured(id, 'REFERRAL')], [3, (id) => qualified(id, 'NEW')]]),
    ...journey(log, 1, [[4, qualified], [6, (id) => disqualified(id, 'QUALIFIED')], [8, reopened], [9, qualified]]),
    ...journey(log, 2, [[20, (id) => converted(id, 'REFERRAL')]]),
    ...journey(log, 1, [[30, converted]]),
  ];

  it('gives the same documents when every event is applied twice', async () => {
    const events = history(new EventLog());
    const once = await run(events);
    const twice = await run(events.flatMap((event) => [event, event]));
    expect(twice.snapshot()).toEqual(once.snapshot());
    expect(counts(funnel(once, 'source|REFERRAL|2026-11'))).toEqual([1, 0, 1, 0, 1]);
  });

  it('changes nothing when a batch it applied is applied again', async () => {
    const events = history(new EventLog());
    const kit = await run(events);
    const applied = kit.snapshot();
    await kit.run(events.slice(2, 9));
    await kit.run(events);
    expect(kit.snapshot()).toEqual(applied);
  });
});
