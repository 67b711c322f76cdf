import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  contactDecider, contactStream, Email, leadDecider, leadStream, parseLiftReason, parseStreamName, Phone, ValidationError,
  type RecordContactSuppressionLifted, type RecordLeadSuppressionLifted, type SuppressionKind,
} from '@crm/domain';
import type { KeyStore } from '@crm/key-store';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext } from '../core/command-context';
import { derivedUuid } from '../core/event-ids';
import { KEY_STORE } from './privacy.tokens';
import { SuppressionList } from './suppression-list';

export interface LiftSuppressionInput {
  email?: string | null;
  phone?: string | null;
  reason: string;
}

export interface LiftedSuppression {
  kind: SuppressionKind;
  subjectId: string;
}

export class LiftSuppressionCommand extends Command<LiftedSuppression[]> {
  constructor(
    readonly data: LiftSuppressionInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}

const pointOf = (data: LiftSuppressionInput): { kind: SuppressionKind; value: string } => {
  if ((data.email == null) === (data.phone == null)) {
    const message = 'give exactly one of email and phone';
    throw new ValidationError([{ field: 'email', message }, { field: 'phone', message }]);
  }
  return data.email != null ? { kind: 'EMAIL', value: Email.parse(data.email) } : { kind: 'PHONE', value: Phone.parse(data.phone) };
};

/**
 * Lets an erased person's email or phone be recorded again, on the record: each erased subject it
 * belonged to gets SuppressionLifted (the reason and the actor, never the value) on its streams.
 */
@CommandHandler(LiftSuppressionCommand)
export class LiftSuppressionHandler implements ICommandHandler<LiftSuppressionCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly suppressions: SuppressionList,
    @Inject(KEY_STORE) private readonly keyStore: KeyStore,
  ) {}

  async execute({ data, context }: LiftSuppressionCommand): Promise<LiftedSuppression[]> {
    const { kind, value } = pointOf(data);
    const reason = parseLiftReason(data.reason);
    const hash = this.suppressions.hashOf(kind, value);
    const suppressed = await this.keyStore.findSuppressions([hash]);
    for (const { subjectId } of suppressed) {
      const erasure = await this.keyStore.findErasure(subjectId);
      for (const stream of erasure?.streams ?? []) await this.record(stream, kind, reason, context);
    }
    await this.keyStore.liftSuppressions(hash);
    return suppressed.map(({ subjectId }) => ({ kind, subjectId }));
  }

  private async record(stream: string, kind: SuppressionKind, reason: string, context: CommandContext): Promise<void> {
    const { type, id } = parseStreamName(stream)!;
    const step = { ...context, commandId: derivedUuid(context.commandId, stream), causationId: context.commandId, correlationId: context.correlationId ?? context.commandId };
    if (type === 'LEAD') {
      const data = { leadId: id, kind, reason };
      await this.aggregates.execute(leadDecider, leadStream(id), (metadata): RecordLeadSuppressionLifted => ({ type: 'RecordSuppressionLifted', data, metadata }), step, data);
    } else {
      const data = { contactId: id, kind, reason };
      await this.aggregates.execute(contactDecider, contactStream(id), (metadata): RecordContactSuppressionLifted => ({ type: 'RecordSuppressionLifted', data, metadata }), step, data);
    }
  }
}
