import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DEFAULT_PIPELINE_ID, type OpenOpportunity, type OpportunityState } from '@crm/domain';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { StreamFacts } from '../core/stream-facts';
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
    private readonly facts: StreamFacts,
    private readonly revisions: RevisionMoves,
  ) {}

  async execute({ data, context }: OpenOpportunityCommand): Promise<CommandOutcome<OpportunityState>> {
    return this.revisions.place(data.opportunityId, context, data, async (metadata) => {
      const decidedWith = await this.facts.pipelineAt(data.pipelineId ?? DEFAULT_PIPELINE_ID);
      const facts = {
        accountExists: await this.facts.accountExists(data.accountId),
        primaryContactAccountId: data.primaryContactId ? await this.facts.contactAccountId(data.primaryContactId) : null,
        pipeline: decidedWith.definition,
      };
      return { command: { type: 'OpenOpportunity', data: { ...data, ...facts }, metadata }, decidedWith };
    });
  }
}
