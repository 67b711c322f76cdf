import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { pipelineDecider, pipelineStream, type DefinePipeline, type PipelineState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class DefinePipelineCommand extends Command<CommandOutcome<PipelineState>> {
  constructor(
    readonly data: DefinePipeline['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A new pipeline under the id the caller chose; the default pipeline's id is taken already. */
@CommandHandler(DefinePipelineCommand)
export class DefinePipelineHandler implements ICommandHandler<DefinePipelineCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: DefinePipelineCommand): Promise<CommandOutcome<PipelineState>> {
    return this.aggregates.execute(
      pipelineDecider,
      pipelineStream(data.pipelineId),
      (metadata): DefinePipeline => ({ type: 'DefinePipeline', data, metadata }),
      context,
      data,
    );
  }
}
