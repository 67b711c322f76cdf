import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DEFAULT_PIPELINE_ID, opportunityDecider, opportunityStream, type OpenOpportunity, type OpportunityState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts, type PipelineFactAt } from '../core/stream-facts';
import { RevisionMoves } from '../pipelines/revision-moves';

export class OpenOpportunityCommand extends Command<CommandOutcome<OpportunityState>> {
  constructor(
    readonly data: Omit<OpenOpportunity['data'], 'accountExists' | 'primaryContactAccountId' | 'pipeline'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * The account must exist, a primary contact must work there, and the pipeline (the default one when
 * none is given) must take opportunities; see RevisionMoves.afterStageWrite.
 */
@CommandHandler(OpenOpportunityCommand)
export class OpenOpportunityHandler implements ICommandHandler<OpenOpportunityCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
    private readonly revisions: RevisionMoves,
  ) {}

  async execute({ data, context }: OpenOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    const decided: { with: PipelineFactAt | null } = { with: null };
    const outcome = await this.aggregates.execute(
      opportunityDecider,
      opportunityStream(data.opportunityId),
      async (metadata): Promise<OpenOpportunity> => {
        decided.with = await this.facts.pipelineAt(data.pipelineId ?? DEFAULT_PIPELINE_ID);
        return {
          type: 'OpenOpportunity',
          data: {
            ...data,
            accountExists: await this.facts.accountExists(data.accountId),
            primaryContactAccountId: data.primaryContactId ? await this.facts.contactAccountId(data.primaryContactId) : null,
            pipeline: decided.with.definition,
          },
          metadata,
        };
      },
      context,
      data,
    );
    if (outcome.appended > 0 && decided.with) await this.revisions.afterStageWrite(data.opportunityId, decided.with);
    return outcome;
  }
}
