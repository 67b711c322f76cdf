import { randomUUID } from 'node:crypto';
import { opportunityStream, type PipelineStageInput } from '@crm/domain';
import { collectStream, type EventStore, type RecordedEvent } from '@crm/event-store';
import type { CommandBus } from '@nestjs/cqrs';
import { RegisterAccountCommand } from '../../accounts/register-account.command';
import { ChangeOpportunityStageCommand } from '../../opportunities/change-opportunity-stage.command';
import { OpenOpportunityCommand } from '../../opportunities/open-opportunity.command';
import { context } from '../../testing/commands';
import { DefinePipelineCommand } from '../define-pipeline.command';

export const RENEWAL_STAGES: PipelineStageInput[] = [
  { key: 'UPCOMING', name: 'Upcoming', probability: 30, kind: 'OPEN', forecastCategory: 'PIPELINE' },
  { key: 'IN_CONVERSATION', name: 'In conversation', probability: 60, kind: 'OPEN', forecastCategory: 'BEST_CASE' },
  { key: 'COMMITTED', name: 'Committed', probability: 90, kind: 'OPEN', forecastCategory: 'COMMIT' },
  { key: 'RENEWED', name: 'Renewed', probability: 100, kind: 'WON', forecastCategory: 'CLOSED' },
  { key: 'CHURNED', name: 'Churned', probability: 0, kind: 'LOST', forecastCategory: 'OMITTED' },
];

/** Renewals without IN_CONVERSATION: its open opportunities go to COMMITTED. */
export const WITHOUT_CONVERSATION = {
  stages: RENEWAL_STAGES.filter((stage) => stage.key !== 'IN_CONVERSATION'),
  moves: [{ from: 'IN_CONVERSATION', to: 'COMMITTED' }],
};

/** A Renewals pipeline with an account to open its opportunities at. */
export const renewalsWithAccount = async (commands: CommandBus): Promise<{ pipelineId: string; accountId: string }> => {
  const pipelineId = randomUUID();
  const accountId = randomUUID();
  await commands.execute(new DefinePipelineCommand({ pipelineId, name: 'Renewals', stages: RENEWAL_STAGES }, context()));
  await commands.execute(new RegisterAccountCommand({ accountId, name: 'Bakkerij Jansen', kind: 'COMPANY' }, context()));
  return { pipelineId, accountId };
};

/** Opens an opportunity in the pipeline and takes it to `stage`. */
export const dealAt = async (commands: CommandBus, where: { pipelineId: string; accountId: string }, stage: string): Promise<string> => {
  const opportunityId = randomUUID();
  const open = { opportunityId, accountId: where.accountId, pipelineId: where.pipelineId, name: 'Renewal 2026', amount: '9000.00', currency: 'EUR', expectedCloseDate: '2026-06-30' };
  await commands.execute(new OpenOpportunityCommand(open, context()));
  await commands.execute(new ChangeOpportunityStageCommand({ opportunityId, stage }, context()));
  return opportunityId;
};

export const lastEventOf = async (store: EventStore, opportunityId: string): Promise<RecordedEvent> => {
  const events = await collectStream(store, opportunityStream(opportunityId));
  return events[events.length - 1];
};

export const readLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
};
