import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { leadDecider, leadStream, type CaptureLead, type LeadState } from '@crm/domain';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { PersonalDataCodec } from '../privacy/personal-data-codec';
import { SuppressionList } from '../privacy/suppression-list';

export class CaptureLeadCommand extends Command<CommandOutcome<LeadState>> {
  constructor(
    /** Without a subject, the person gets a new one. */
    readonly data: Omit<CaptureLead['data'], 'subjectId'> & { subjectId?: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CaptureLeadCommand)
export class CaptureLeadHandler implements ICommandHandler<CaptureLeadCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly suppressions: SuppressionList,
    private readonly personalData: PersonalDataCodec,
  ) {}

  async execute({ data, context }: CaptureLeadCommand): Promise<CommandOutcome<LeadState>> {
    await this.suppressions.assertNotSuppressed(data);
    return this.aggregates.execute(
      leadDecider,
      leadStream(data.leadId),
      async (metadata): Promise<CaptureLead> => ({
        type: 'CaptureLead',
        data: { ...data, subjectId: data.subjectId ?? (await this.personalData.keys.newSubject()) },
        metadata,
      }),
      context,
      data,
    );
  }
}
