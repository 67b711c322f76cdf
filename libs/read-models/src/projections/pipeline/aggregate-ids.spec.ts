import { AggregateIdCache } from './aggregate-ids';

const slot = (ownerId: string, closeMonth = '2026-03', pipelineId = 'sales') => ({ pipelineId, stage: 'PROPOSAL' as const, ownerId, closeMonth, currency: 'EUR' });

describe('aggregate id cache', () => {
  const built: string[] = [];
  const cache = () => new AggregateIdCache((s) => {
    built.push(s.ownerId);
    return [`${s.pipelineId}|${s.stage}|${s.ownerId}|${s.closeMonth}|${s.currency}`];
  }, 3);

  beforeEach(() => (built.length = 0));

  it('hands out the ids it built for a slot again, and builds each slot separately', () => {
    const ids = cache();
    const first = ids.idsOf(slot('rep-1'));
    expect(ids.idsOf(slot('rep-1'))).toBe(first);
    expect(ids.idsOf(slot('rep-1', '2026-04'))).toEqual(['sales|PROPOSAL|rep-1|2026-04|EUR']);
    expect(ids.idsOf(slot('rep-2'))).toEqual(['sales|PROPOSAL|rep-2|2026-03|EUR']);
    expect(built).toEqual(['rep-1', 'rep-1', 'rep-2']);
  });

  it('tells the same stage key of two pipelines apart', () => {
    const ids = cache();
    expect(ids.idsOf(slot('rep-1'))).toEqual(['sales|PROPOSAL|rep-1|2026-03|EUR']);
    expect(ids.idsOf(slot('rep-1', '2026-03', 'renewals'))).toEqual(['renewals|PROPOSAL|rep-1|2026-03|EUR']);
  });

  it('starts over past its limit, still answering every slot', () => {
    const ids = cache();
    for (const owner of ['rep-1', 'rep-2', 'rep-3', 'rep-4', 'rep-1']) {
      expect(ids.idsOf(slot(owner))).toEqual([`sales|PROPOSAL|${owner}|2026-03|EUR`]);
    }
    expect(built).toEqual(['rep-1', 'rep-2', 'rep-3', 'rep-4', 'rep-1']);
  });
});
