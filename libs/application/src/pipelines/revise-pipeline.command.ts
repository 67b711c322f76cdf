import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { pipelineDecider, pipelineStream, type PipelineState, type RevisePipeline } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { PipelineRevisionProcess, type RevisionOutcome } from './pipeline-revision.process';

export type RevisePipelineOutcome = CommandOutcome<PipelineState> & {
  /** The open opportunities of removed stages moved by this request (none for a revision that removed none). */
  moves: RevisionOutcome;
};

export class RevisePipelineCommand extends Command<RevisePipelineOutcome> {
  constructor(
    readonly data: RevisePipeline['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

/**
 * Records the revision (one append, the commit point), then moves the open opportunities of the
 * stages it removed at once; PipelineRevisionRunner completes that from the log if this request
 * dies in between. A retry finds the revision it wrote by its command id and completes it again.
 */
@CommandHandler(RevisePipelineCommand)
export class RevisePipelineHandler implements ICommandHandler<RevisePipelineCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly revisions: PipelineRevisionProcess,
  ) {}

  async execute({ data, context }: RevisePipelineCommand): Promise<RevisePipelineOutcome> {
    const stream = pipelineStream(data.pipelineId);
    const outcome = await this.aggregates.execute(
      pipelineDecider,
      stream,
      (metadata): RevisePipeline => ({ type: 'RevisePipeline', data, metadata }),
      context,
      data,
    );
    const none = { moved: 0, lastPosition: null, refused: [] };
    if (outcome.appended === 0 && !outcome.replayed) return { ...outcome, moves: none };
    const revised = (await this.aggregates.load(pipelineDecider, stream)).events.find(
      (event) => event.type === 'PipelineRevised' && event.metadata.commandId === context.commandId,
    );
    return { ...outcome, moves: revised ? await this.revisions.complete(revised) : none };
  }
}
