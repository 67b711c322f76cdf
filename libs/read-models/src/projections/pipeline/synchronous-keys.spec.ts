import type { DomainEvent } from '@crm/domain';
import { accountsProjection } from '../accounts/accounts.projection';
import { captured } from '../lead-funnel/lead-events.fixtures';
import { leadFunnelProjection } from '../lead-funnel/lead-funnel.projection';
import { opportunitiesProjection } from '../opportunities/opportunities.projection';
import type { Projection } from '../projection';
import { acme, contactAdded, jane, opened, registered, stageChanged } from './domain-events.fixtures';
import { EventLog } from './event-log.fixtures';
import { pipelineProjection } from './pipeline.projection';

/** The projector batches events whose keys come back synchronously; a lookup costs it a flush. */
const noLookup = () => Promise.reject(new Error('no lookup expected'));

describe('keys without lookups', () => {
  const log = new EventLog();
  const [account, contact, opportunity, lead, stage] = log.recordAll([
    registered(acme, 'Acme'),
    contactAdded(jane, acme),
    opened(),
    captured('b0000000-0000-4000-8000-000000000001'),
    stageChanged('PROSPECTING', 'PROPOSAL'),
  ] as DomainEvent[]);

  it.each<[string, Projection, typeof account]>([
    ['accounts: account event', accountsProjection, account],
    ['accounts: new contact', accountsProjection, contact],
    ['accounts: opened opportunity', accountsProjection, opportunity],
    ['opportunities: any opportunity event', opportunitiesProjection, stage],
    ['pipeline: opened opportunity', pipelineProjection, opportunity],
    ['lead funnel: captured lead', leadFunnelProjection, lead],
  ])('%s', (_name, projection, event) => {
    expect(Array.isArray(projection.keys(event, noLookup))).toBe(true);
  });
});
