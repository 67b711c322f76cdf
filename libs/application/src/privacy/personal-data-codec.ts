import * as nodeCrypto from 'node:crypto';
import { createCipheriv, createHmac } from 'node:crypto';
import { personalFieldsOf, RuleViolation, type PersonalFields } from '@crm/domain';
import type { JsonObject, NewEvent, RecordedEvent } from '@crm/event-store';
import type { DataKey, KeyRing } from '@crm/key-store';
import { openSealedText } from './sealed-text';

/** Where a sealed event keeps its personal fields: one envelope in place of them. */
export const ENVELOPE_KEY = 'personal';

/** Stored in place of the personal fields: which fields, under whose key, and the AES-256-GCM output. */
export interface SealedFields extends JsonObject {
  subjectId: string;
  fields: string[];
  nonce: string;
  /** base64 of the ciphertext followed by the 16-byte tag */
  ciphertext: string;
}

const NONCE_BYTES = 12;
/** Enough for every event of the writes the live projections have not read yet. */
const RECENTLY_SEALED = 4096;

const containerOf = (data: JsonObject, spec: PersonalFields): JsonObject | null => {
  const container = spec.container === undefined ? data : data[spec.container];
  return container !== null && typeof container === 'object' && !Array.isArray(container) ? container : null;
};

const withContainer = (data: JsonObject, spec: PersonalFields, container: JsonObject): JsonObject =>
  spec.container === undefined ? container : { ...data, [spec.container]: container };

/** The data subject of a person's stream state (a lead or a contact); null for the other streams. */
export const subjectOfState = (state: unknown): string | null => {
  const subjectId = (state as { subjectId?: unknown } | null)?.subjectId;
  return typeof subjectId === 'string' ? subjectId : null;
};

const envelopeOf = (event: { type: string; data: JsonObject }): SealedFields | null => {
  const spec = personalFieldsOf(event.type);
  const envelope = spec && containerOf(event.data, spec)?.[ENVELOPE_KEY];
  return envelope && typeof envelope === 'object' ? (envelope as SealedFields) : null;
};

/**
 * The one seam between a person's fields and the store's bytes. `seal` replaces the personal fields
 * of an event with one envelope encrypted under the subject's data key, the event id as associated
 * data (an envelope moved to another event does not open); `open` puts them back, or nulls them when
 * the key is destroyed. Everything else in an event stays plain JSON, so projections that need no
 * person never need a key.
 */
export class PersonalDataCodec {
  constructor(
    readonly keys: KeyRing,
    /**
     * Benchmarks only (CRM_BENCH_PLAIN_PERSONAL_DATA=1): personal fields stay in the clear, so the
     * bench can show what encryption costs. Never for real data: such a log cannot erase anyone.
     */
    private readonly plain = false,
  ) {}

  /** The plaintext of the events sealed last, by event id: opening them again costs nothing. */
  private readonly recentlySealed = new Map<string, { nonce: string; fields: JsonObject }>();

  /** Seals the personal fields of each event under `subjectId`'s key (the stream's person). */
  async seal(events: readonly NewEvent[], subjectId: string | null): Promise<NewEvent[]> {
    if (subjectId !== null && !this.plain && this.keys.cached(subjectId) === undefined && events.some((event) => this.hasPlainFields(event))) {
      await this.keys.load([subjectId]);
    }
    return this.sealWithLoadedKey(events, subjectId);
  }

  /** As `seal`, for writers that loaded the subject's key beforehand (seeding decides synchronously). */
  sealWithLoadedKey(events: readonly NewEvent[], subjectId: string | null): NewEvent[] {
    if (this.plain || !events.some((event) => this.hasPlainFields(event))) return [...events];
    if (subjectId === null) throw new Error(`Personal data of ${events[0].type} has no data subject to be encrypted for`);
    const key = this.keys.cached(subjectId);
    if (key === undefined) throw new Error(`The key of subject ${subjectId} was not loaded before sealing`);
    if (key === null) throw new RuleViolation('PERSON_ERASED', `Data subject ${subjectId} was erased: nothing more is recorded about them`);
    return events.map((event) => (this.hasPlainFields(event) ? this.sealOne(event, subjectId, key) : event));
  }

  /**
   * As `sealWithLoadedKey`, but an erased subject's events come out with their personal fields
   * null: for the seed, whose second run over the same data folder writes nothing new (every
   * append is recognised by its event ids) and must not fail on a person erased since.
   */
  sealOrBlank(events: readonly NewEvent[], subjectId: string | null): NewEvent[] {
    if (subjectId === null || this.keys.cached(subjectId) !== null) return this.sealWithLoadedKey(events, subjectId);
    return events.map((event) => {
      const spec = personalFieldsOf(event.type);
      const container = spec && containerOf(event.data, spec);
      if (!container) return event;
      const blanked = { ...container, ...Object.fromEntries(spec.fields.filter((f) => Object.hasOwn(container, f)).map((f) => [f, null])) };
      return { ...event, data: withContainer(event.data, spec, blanked) };
    });
  }

  /** True when the event holds personal values in the clear (a null says nothing about anyone): never to be appended so. */
  hasPlainFields(event: { type: string; data: JsonObject }): boolean {
    if (this.plain) return false;
    const spec = personalFieldsOf(event.type);
    const container = spec && containerOf(event.data, spec);
    return !!container && spec.fields.some((field) => container[field] != null);
  }

  /** The subject whose key opens the event, or null when it holds no sealed fields. */
  subjectOf(event: { type: string; data: JsonObject }): string | null {
    return envelopeOf(event)?.subjectId ?? null;
  }

  /**
   * Puts the event's personal fields back (null each when the key is destroyed), in place: the
   * caller owns the event (fresh from the store). Its key must be loaded. An event this process
   * sealed moments ago (the live projections read every write) takes the plaintext it was sealed
   * from, when the stored nonce proves it is the same.
   */
  open<E extends RecordedEvent | NewEvent>(event: E): E {
    const spec = personalFieldsOf(event.type);
    const container = spec && containerOf(event.data, spec);
    const envelope = container?.[ENVELOPE_KEY] as SealedFields | undefined;
    if (!container || !envelope) return event;
    const key = this.keyOf(envelope, event.id);
    if (key === null) {
      delete container[ENVELOPE_KEY];
      for (const field of envelope.fields) container[field] = null;
      return event;
    }
    const recent = this.recentlySealed.get(event.id);
    if (recent?.nonce !== envelope.nonce) return this.openWith(event, openSealedText(nodeCrypto, key, envelope.nonce, envelope.ciphertext, event.id));
    delete container[ENVELOPE_KEY];
    Object.assign(container, recent.fields);
    return event;
  }

  private openWith<E extends RecordedEvent | NewEvent>(event: E, text: string): E {
    const spec = personalFieldsOf(event.type)!;
    const container = containerOf(event.data, spec)!;
    delete container[ENVELOPE_KEY];
    Object.assign(container, JSON.parse(text) as JsonObject);
    return event;
  }

  private keyOf(envelope: SealedFields, eventId: string): DataKey | null {
    const key = this.keys.cached(envelope.subjectId);
    if (key === undefined) throw new Error(`The key of subject ${envelope.subjectId} was not loaded before opening ${eventId}`);
    return key;
  }

  private sealOne(event: NewEvent, subjectId: string, key: DataKey): NewEvent {
    const spec = personalFieldsOf(event.type)!;
    const container = containerOf(event.data, spec)!;
    const fields = spec.fields.filter((field) => container[field] != null);
    const plain: JsonObject = {};
    const rest: JsonObject = {};
    for (const [name, value] of Object.entries(container)) (fields.includes(name) ? plain : rest)[name] = value;
    const text = JSON.stringify(plain);
    const nonce = syntheticNonce(key, event.id, text);
    const cipher = createCipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from(event.id));
    const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const envelope: SealedFields = { subjectId, fields, nonce: nonce.toString('base64'), ciphertext: sealed.toString('base64') };
    this.recentlySealed.set(event.id, { nonce: envelope.nonce, fields: plain });
    if (this.recentlySealed.size > RECENTLY_SEALED) this.recentlySealed.delete(this.recentlySealed.keys().next().value!);
    return { ...event, data: withContainer(event.data, spec, { ...rest, [ENVELOPE_KEY]: envelope }) };
  }

}

/**
 * The nonce is derived from the event id and the plaintext (a synthetic IV, as in AES-GCM-SIV): the
 * same event sealed twice is byte for byte the same, as the conversion process and the seed rely on
 * (a retried append is recognised by its ids, and the chain hash must come out the same), and two
 * different plaintexts never share a nonce under one key. The HMAC is keyed with the data key itself
 * (HMAC-SHA256 and AES-GCM under one key have no known interaction); its input carries a label of
 * its own. A key derived for the nonce alone would cost a derivation per subject on every seal path.
 */
const syntheticNonce = (key: DataKey, eventId: string, plaintext: string): Buffer =>
  createHmac('sha256', key).update('pipeline-crm nonce\0').update(eventId).update('\0').update(plaintext).digest().subarray(0, NONCE_BYTES);
