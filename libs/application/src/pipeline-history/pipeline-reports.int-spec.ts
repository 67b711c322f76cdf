import { DEFAULT_PIPELINE_ID, ValidationError } from '@crm/domain';
import { TimelineSet, type OpportunityVersionDoc } from '@crm/read-models';
import type { SqliteEventStore } from '@crm/event-store';
import { tempEventStoreFile } from '../testing/application-harness';
import { HistoryService } from '../history/history.service';
import { ReadModelsAsOf } from '../history/read-models-as-of';
import { PipelineReports } from './pipeline-reports';

/** One deal open now in the default pipeline, expected to close in March 2027. */
const openDeal: OpportunityVersionDoc = {
  id: 'deal:0',
  opportunityId: 'deal',
  seq: 0,
  at: '2026-01-05T09:00:00.000Z',
  openedAt: '2026-01-05T09:00:00.000Z',
  pipelineId: DEFAULT_PIPELINE_ID,
  ownerId: 'rep-1',
  stage: 'PROSPECTING',
  status: 'OPEN',
  amount: { amount: '100.00', currency: 'EUR', amountMinor: 10000 },
  expectedCloseDate: '2027-03-15',
};

const query = { pipelineId: DEFAULT_PIPELINE_ID };

describe('pipeline reports at the edges of what a DateTime can name', () => {
  const file = tempEventStoreFile();
  let events: SqliteEventStore;
  let reports: PipelineReports;

  beforeAll(() => {
    events = file.open();
    const timelines = new TimelineSet();
    timelines.add(openDeal);
    reports = new PipelineReports({ current: async () => timelines }, new ReadModelsAsOf(new HistoryService(events)));
  });
  afterAll(async () => {
    await events.close();
    file.cleanup();
  });

  const counted = async (from: Date | null, to: Date | null): Promise<number> =>
    (await reports.forecast(query, 'MONTH', from, to)).rows.reduce((sum, row) => sum + row.count, 0);

  it('counts the open deal with bounds well around it', async () => {
    expect(await counted(null, null)).toBe(1);
    expect(await counted(new Date('0001-01-01T00:00:00Z'), new Date('9999-01-01T00:00:00Z'))).toBe(1);
  });

  it.each([
    ['to', null, new Date('9999-12-31T23:59:59-01:00')],
    ['from', new Date('0000-01-01T00:00:00+01:00'), null],
  ])('refuses a forecast %s outside the years 0000 to 9999 as bad input, not as a failure', async (field, from, to) => {
    const refusal = await reports.forecast(query, 'MONTH', from, to).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).fields.map((entry) => entry.field)).toEqual([field]);
  });
});
