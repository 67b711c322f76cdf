import { DEFAULT_PIPELINE_ID, Money, type OpportunityStatus } from '@crm/domain';
import { moneyDoc } from '../../projections/money';
import { TimelineSet, type OpportunityVersionDoc } from '../timeline.types';

/** What a version changes, as written in a test: amounts as decimals, dates as ISO days or instants. */
export type VersionChange = Partial<{
  pipelineId: string;
  ownerId: string;
  stage: string;
  status: OpportunityStatus;
  amount: string;
  currency: string;
  close: string;
}>;

const OPENED: Required<VersionChange> = {
  pipelineId: DEFAULT_PIPELINE_ID,
  ownerId: 'rep-1',
  stage: 'PROSPECTING',
  status: 'OPEN',
  amount: '100.00',
  currency: 'EUR',
  close: '2026-06-15',
};

/** A day as an instant at noon UTC; an instant as it is. */
export const instant = (at: string): string => (at.length === 10 ? `${at}T12:00:00.000Z` : new Date(at).toISOString());

/**
 * The version documents of one opportunity: opened at `openedAt` as `opened` says (on top of an
 * open EUR 100.00 deal of rep-1 at PROSPECTING in the default pipeline closing mid June), then each
 * change at its instant, every version carrying over what it does not change.
 */
export function opportunity(opportunityId: string, openedAt: string, opened: VersionChange, ...changes: [at: string, change: VersionChange][]): OpportunityVersionDoc[] {
  let fields = { ...OPENED, ...opened };
  const steps: [string, VersionChange][] = [[openedAt, {}], ...changes];
  return steps.map(([at, change], seq) => {
    fields = { ...fields, ...change };
    return {
      id: `${opportunityId}:${seq}`,
      opportunityId,
      seq,
      at: instant(at),
      openedAt: instant(openedAt),
      pipelineId: fields.pipelineId,
      ownerId: fields.ownerId,
      stage: fields.stage,
      status: fields.status,
      amount: moneyDoc(Money.parse(fields.amount, fields.currency)),
      expectedCloseDate: fields.close,
    };
  });
}

export function timelinesOf(...opportunities: OpportunityVersionDoc[][]): TimelineSet {
  const set = new TimelineSet();
  for (const docs of opportunities) for (const doc of docs) set.add(doc);
  return set;
}

export const ms = (at: string): number => Date.parse(instant(at));

export const won = (stage = 'CLOSED_WON'): VersionChange => ({ stage, status: 'WON' });
export const lost = (stage = 'CLOSED_LOST'): VersionChange => ({ stage, status: 'LOST' });
export const reopened = (stage = 'PROSPECTING'): VersionChange => ({ stage, status: 'OPEN' });
