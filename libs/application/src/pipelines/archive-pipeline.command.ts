import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { pipelineDecider, pipelineStream, type ArchivePipeline, type PipelineState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';

export class ArchivePipelineCommand extends Command<CommandOutcome<PipelineState>> {
  constructor(
    readonly data: ArchivePipeline['data'],
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** An archived pipeline takes no new opportunities; those in it keep going until they close. */
@CommandHandler(ArchivePipelineCommand)
export class ArchivePipelineHandler implements ICommandHandler<ArchivePipelineCommand> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ data, context }: ArchivePipelineCommand): Promise<CommandOutcome<PipelineState>> {
    return this.aggregates.execute(
      pipelineDecider,
      pipelineStream(data.pipelineId),
      (metadata): ArchivePipeline => ({ type: 'ArchivePipeline', data, metadata }),
      context,
      data,
    );
  }
}
