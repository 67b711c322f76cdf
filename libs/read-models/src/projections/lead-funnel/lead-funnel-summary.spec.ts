import { EventLog } from '../testing/event-log.fixtures';
import { ProjectionTestKit } from '../testing/projection-test-kit';
import { captured, converted, disqualified, lead, qualified } from './lead-events.fixtures';
import { funnelFilterFor, summariseFunnel } from './lead-funnel-summary';
import { leadsProjection } from '../leads/leads.projection';
import { LEAD_FUNNEL } from './lead-funnel-counts';
import type { LeadFunnelDoc } from './lead-progress';

async function funnelOf() {
  const log = new EventLog();
  const at = (day: string, hour: number) => `2026-${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const events = [
    log.record(captured(lead(1)), at('10-01', 0)),
    log.record(captured(lead(2)), at('11-01', 0)),
    log.record(captured(lead(3)), at('11-02', 0)),
    log.record(captured(lead(4)), at('11-03', 0)),
    log.record(captured(lead(5), 'LINKEDIN'), at('11-04', 0)),
    log.record(qualified(lead(1), 'NEW'), at('10-01', 10)),
    log.record(qualified(lead(2), 'NEW'), at('11-01', 4)),
    log.record(qualified(lead(3), 'NEW'), at('11-02', 20)),
    log.record(disqualified(lead(4), 'NEW'), at('11-03', 1)),
    log.record(converted(lead(2)), at('11-02', 0)),
  ];
  return new ProjectionTestKit(leadsProjection).run(events);
}

describe('lead funnel summary', () => {
  it('merges months into one line per source, with rates and medians', async () => {
    const kit = await funnelOf();
    expect(summariseFunnel(kit.docs<LeadFunnelDoc>(LEAD_FUNNEL))).toEqual([
      {
        source: 'WEB_FORM',
        captured: 4,
        worked: 0,
        qualified: 3,
        disqualified: 1,
        converted: 1,
        qualificationRate: 0.75,
        conversionRate: 0.25,
        medianHoursToQualify: 10.5,
        medianHoursToConvert: 24.5,
      },
      {
        source: 'LINKEDIN',
        captured: 1,
        worked: 0,
        qualified: 0,
        disqualified: 0,
        converted: 0,
        qualificationRate: 0,
        conversionRate: 0,
        medianHoursToQualify: null,
        medianHoursToConvert: null,
      },
    ]);
  });

  it('has no lines without documents', () => {
    expect(summariseFunnel([])).toEqual([]);
  });

  it('filters by source and by the capture months a range touches', async () => {
    const filter = funnelFilterFor({ source: 'WEB_FORM', capturedFrom: '2026-11-15T00:00:00Z', capturedTo: '2026-12-01' });
    expect(filter).toEqual({ source: 'WEB_FORM', captureMonth: { $gte: '2026-11', $lte: '2026-12' } });
    const kit = await funnelOf();
    const november = summariseFunnel(kit.find(LEAD_FUNNEL, filter) as LeadFunnelDoc[]);
    expect(november.map(({ source, captured: c, qualified: q }) => [source, c, q])).toEqual([['WEB_FORM', 3, 2]]);
    expect(funnelFilterFor({})).toEqual({});
  });
});
