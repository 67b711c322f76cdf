import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EntityId, FreeText, parseErasureReason, parseStreamName, ValidationError } from '@crm/domain';
import { Inject } from '@nestjs/common';
import type { KeyStore } from '@crm/key-store';
import { Clock } from '../core/clock';
import type { CommandContext } from '../core/command-context';
import { ErasureProcess } from './erasure.process';
import { PersonStreams, streamsOf, type PersonRef } from './person-streams';
import { KEY_STORE } from './privacy.tokens';
import { SuppressionList } from './suppression-list';

export interface ErasePersonInput {
  leadId?: string | null;
  contactId?: string | null;
  reason: string;
  notes?: string | null;
}

export interface ErasureOutcome {
  subjectId: string;
  erasedAt: string;
  streams: { type: 'LEAD' | 'CONTACT'; id: string }[];
  /** Of the last PersonErased appended or found; null only if the subject had no stream left. */
  position: bigint | null;
  /** true when the person was erased before: this answer is that erasure's, and nothing was written. */
  replayed: boolean;
}

export class ErasePersonCommand extends Command<ErasureOutcome> {
  constructor(
    readonly data: ErasePersonInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}

const personOf = (data: ErasePersonInput): PersonRef => {
  if ((data.leadId == null) === (data.contactId == null)) {
    const message = 'give exactly one of leadId and contactId';
    throw new ValidationError([{ field: 'leadId', message }, { field: 'contactId', message }]);
  }
  return data.leadId != null ? { leadId: EntityId.parse(data.leadId, 'leadId') } : { contactId: EntityId.parse(data.contactId, 'contactId') };
};

/**
 * Records the request (with the suppression hashes, computed while the key still opens the person's
 * email and phone) before anything changes, then completes it. Erasing an erased person answers
 * with the first erasure.
 */
@CommandHandler(ErasePersonCommand)
export class ErasePersonHandler implements ICommandHandler<ErasePersonCommand> {
  constructor(
    private readonly people: PersonStreams,
    private readonly erasure: ErasureProcess,
    private readonly suppressions: SuppressionList,
    private readonly clock: Clock,
    @Inject(KEY_STORE) private readonly keyStore: KeyStore,
  ) {}

  async execute({ data, context }: ErasePersonCommand): Promise<ErasureOutcome> {
    const person = personOf(data);
    const reason = parseErasureReason(data.reason);
    const notes = data.notes == null || data.notes.trim() === '' ? null : FreeText.parse(data.notes, 'notes', 2000);
    const found = await this.people.find(person);
    const record = await this.keyStore.beginErasure({
      subjectId: found.subjectId, streams: streamsOf(found), reason, notes, actor: context.actor, commandId: context.commandId,
      correlationId: context.correlationId ?? context.commandId,
      erasedAt: (context.occurredAt ?? this.clock.now()).toISOString(),
      suppressions: this.suppressions.hashesOfAll(found),
    });
    const { streams, outcomes } = await this.erasure.complete(record);
    const positions = outcomes.map((outcome) => outcome.position).filter((position): position is bigint => position !== null);
    return {
      subjectId: record.subjectId,
      erasedAt: record.erasedAt,
      streams: streams.map((stream) => parseStreamName(stream) as { type: 'LEAD' | 'CONTACT'; id: string }),
      position: positions.reduce<bigint | null>((last, position) => (last === null || position > last ? position : last), null),
      replayed: outcomes.length > 0 && outcomes.every((outcome) => outcome.replayed),
    };
  }
}
