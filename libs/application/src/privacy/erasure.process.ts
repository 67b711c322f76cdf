import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  contactDecider, contactStream, leadDecider, leadStream, type EraseContact, type EraseLead, type ErasureReason,
} from '@crm/domain';
import { WrongExpectedRevisionError } from '@crm/event-store';
import type { ErasureRecord, KeyStore } from '@crm/key-store';
import { AggregateStore } from '../core/aggregate-store';
import { Clock } from '../core/clock';
import type { CommandOutcome } from '../core/command-context';
import { deterministicUuid } from '../core/event-ids';
import { PersonalDataCodec } from './personal-data-codec';
import { KEY_STORE } from './privacy.tokens';

/**
 * Completes an erasure from its recorded request, in an order a crash cannot break: PersonErased is
 * appended to every stream of the subject (idempotent: command ids derive from the request's), and
 * only then is the key destroyed, with the suppressions, in one write. A crash before the key is
 * destroyed leaves the request pending, and it is completed again on restart; a crash after leaves
 * nothing to do. A key is never destroyed before its streams say so.
 */
/** Rounds of AggregateStore's own retries before an erasure gives up on a stream (and stays pending). */
const MAX_ROUNDS = 20;

@Injectable()
export class ErasureProcess {
  private readonly logger = new Logger('Erasure');

  constructor(
    private readonly aggregates: AggregateStore,
    private readonly codec: PersonalDataCodec,
    private readonly clock: Clock,
    @Inject(KEY_STORE) private readonly keyStore: KeyStore,
  ) {}

  async complete(record: ErasureRecord): Promise<CommandOutcome<unknown>[]> {
    const outcomes: CommandOutcome<unknown>[] = [];
    for (const stream of record.streams) outcomes.push(await this.appendErased(record, stream));
    if (record.completedAt === null) await this.keyStore.completeErasure(record.subjectId, this.clock.now().toISOString());
    this.codec.keys.forget(record.subjectId);
    return outcomes;
  }

  /** Completes every erasure a crash left pending; one that fails again is logged and left for the next start. */
  async completePending(): Promise<number> {
    const pending = await this.keyStore.pendingErasures();
    for (const record of pending) {
      try {
        await this.complete(record);
        this.logger.log(`Completed the interrupted erasure of subject ${record.subjectId}`);
      } catch (error) {
        this.logger.error(`The erasure of subject ${record.subjectId} could not be completed: ${String(error)}`);
      }
    }
    return pending.length;
  }

  /**
   * An erasure must not lose to a busy stream: AggregateStore re-decides a few times after losing a
   * race, and the erasure asks again until it lands (once it has, every other write is refused).
   */
  private async appendErased(record: ErasureRecord, stream: string): Promise<CommandOutcome<unknown>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.appendErasedOnce(record, stream);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ROUNDS) throw error;
      }
    }
  }

  private appendErasedOnce(record: ErasureRecord, stream: string): Promise<CommandOutcome<unknown>> {
    const context = {
      actor: record.actor,
      commandId: deterministicUuid(record.commandId, stream),
      correlationId: record.correlationId,
      causationId: record.commandId,
      occurredAt: new Date(record.erasedAt),
    };
    const reason = record.reason as ErasureReason;
    const [category, id] = [stream.slice(0, stream.indexOf('-')), stream.slice(stream.indexOf('-') + 1)];
    return category === 'lead'
      ? this.aggregates.execute(leadDecider, leadStream(id), (metadata): EraseLead => ({ type: 'EraseLead', data: { leadId: id, reason }, metadata }), context)
      : this.aggregates.execute(contactDecider, contactStream(id), (metadata): EraseContact => ({ type: 'EraseContact', data: { contactId: id, reason }, metadata }), context);
  }
}
