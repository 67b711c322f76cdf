import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  contactDecider, contactStream, leadDecider, leadStream, parseStreamName, type EraseContact, type EraseLead, type ErasureReason,
} from '@crm/domain';
import { WrongExpectedRevisionError } from '@crm/event-store';
import type { ErasureRecord, KeyStore } from '@crm/key-store';
import { AggregateStore } from '../core/aggregate-store';
import { Clock } from '../core/clock';
import type { CommandOutcome } from '../core/command-context';
import { derivedUuid } from '../core/event-ids';
import { PersonalDataCodec } from './personal-data-codec';
import { PersonStreams, personOf, streamsOf } from './person-streams';
import { SuppressionList } from './suppression-list';
import { KEY_STORE } from './privacy.tokens';

/** Rounds of AggregateStore's own retries before an erasure gives up on a stream (and stays pending). */
const MAX_ROUNDS = 20;

export interface ErasureDone {
  streams: string[];
  outcomes: CommandOutcome<unknown>[];
}

/**
 * Completes an erasure from its recorded request, in an order a crash cannot break: PersonErased is
 * appended to every stream of the subject (idempotent: command ids derive from the request's), and
 * only then is the key destroyed, with the suppressions, in one write. A crash before the key is
 * destroyed leaves the request pending, and it is completed again on restart; a crash after leaves
 * nothing to do. A key is never destroyed before its streams say so.
 *
 * The person may change while it runs: a conversion committed just before the lead's PersonErased
 * makes a contact, an update a new email. So once the known streams are erased (and take no more
 * writes), the person is looked up again, from the frozen streams, until no stream is left out;
 * the suppressions come from that last look, while the key still opens it.
 */
@Injectable()
export class ErasureProcess {
  private readonly logger = new Logger('Erasure');

  constructor(
    private readonly aggregates: AggregateStore,
    private readonly codec: PersonalDataCodec,
    private readonly clock: Clock,
    private readonly people: PersonStreams,
    private readonly suppressions: SuppressionList,
    @Inject(KEY_STORE) private readonly keyStore: KeyStore,
  ) {}

  async complete(record: ErasureRecord): Promise<ErasureDone> {
    const erased: string[] = [];
    const outcomes: CommandOutcome<unknown>[] = [];
    const eraseAll = async (streams: readonly string[]) => {
      for (const stream of streams.filter((s) => !erased.includes(s))) {
        outcomes.push(await this.appendErased(record, stream));
        erased.push(stream);
      }
    };
    await eraseAll(record.streams);
    if (record.completedAt === null) {
      for (let person = await this.people.find(personOf(record)); ; person = await this.people.find(personOf(record))) {
        const streams = streamsOf(person);
        if (streams.every((stream) => erased.includes(stream))) {
          const suppressions = this.suppressions.hashesOfAll(person);
          await this.keyStore.completeErasure(record.subjectId, { completedAt: this.clock.now().toISOString(), streams: erased, suppressions });
          break;
        }
        await eraseAll(streams);
      }
    }
    this.codec.keys.forget(record.subjectId);
    return { streams: erased, outcomes };
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
      commandId: derivedUuid(record.commandId, stream),
      correlationId: record.correlationId,
      causationId: record.commandId,
      occurredAt: new Date(record.erasedAt),
    };
    const reason = record.reason as ErasureReason;
    const { type, id } = parseStreamName(stream)!;
    if (type === 'LEAD') {
      const data = { leadId: id, reason };
      return this.aggregates.execute(leadDecider, leadStream(id), (metadata): EraseLead => ({ type: 'EraseLead', data, metadata }), context, data);
    }
    const data = { contactId: id, reason };
    return this.aggregates.execute(contactDecider, contactStream(id), (metadata): EraseContact => ({ type: 'EraseContact', data, metadata }), context, data);
  }
}
