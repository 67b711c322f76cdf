import type { JsonObject, JsonValue } from '../json';
import { isLowerUuid, uuidBytes } from './stored-keys';

/**
 * An event's data and metadata as stored: the shape (every object's keys, in order, and how each
 * leaf is kept) is stored once per distinct shape; a row keeps only its leaf values, as a JSON array,
 * and the leaves that have a binary form as bytes. Decoding (see packed-shape.ts) rebuilds the same
 * objects, keys in the same order.
 *
 * Leaf kinds: `j` a JSON value in the array; `s` the stream's id (the part of its name after the
 * category), kept nowhere; `r<n>` the same string as leaf n; `u` a lower-case uuid (16 bytes); `x`
 * lower-case hex (a length byte, then the bytes); `t` an ISO instant, as its milliseconds in the
 * array; `d` an ISO instant, as its milliseconds after the time of the event's id (a version 7 uuid
 * kept as 16 bytes) in the array: an event's `occurredAt` is within milliseconds of its id's time, so
 * a digit or two instead of thirteen; `c<names>` a list of names (the fields a sealed object holds),
 * kept in the shape as the JSON list after the `c` and nowhere in the row: such lists come in a few
 * combinations, each a shape of its own. A string gets another kind than `j` only when decoding gives
 * back exactly the same text. Base64 (the sealed personal fields, the input fingerprints) stays text:
 * turning its bytes back into base64 cost a reader more than the quarter of its length it saved.
 */
export interface PackedDocument {
  shape: string;
  values: string;
  bin: Buffer | null;
}

export type ShapeNode = Array<[string, string | ShapeNode]>;

/** Strings this long or longer are looked for among the earlier leaves. */
const MIN_REPEATED = 8;
const HEX = /^(?:[0-9a-f]{2}){16,255}$/;
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A list of at most this many names is kept in the shape (`c`). */
const MAX_NAMES = 32;
/** What counts as a name: a field's or a key's, not a person's words. */
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** How an event's own keys may be kept. */
export interface PackOptions {
  /** The time of the event's id when it is a version 7 uuid kept as 16 bytes, for `d` leaves. */
  idMs: number | null;
  /** Whether lists of names may become part of the shape (`c`): while the log has room for the shapes they make. */
  namesInShape: boolean;
}

const PLAIN: PackOptions = { idMs: null, namesInShape: false };

/** Null when the document cannot be packed (a key JSON keeps but an object literal would not). */
export const packDocument = (data: JsonObject, metadata: JsonObject, streamId: string, leading: readonly string[] = [], options = PLAIN): PackedDocument | null => {
  const packer = new Packer(streamId, leading, options);
  const shape = [packer.node(data), packer.node(metadata)];
  if (packer.refused) return null;
  return { shape: JSON.stringify(shape), values: JSON.stringify(packer.values), bin: packer.bytes() };
};

class Packer {
  readonly values: JsonValue[];
  refused = false;
  private readonly chunks: Buffer[] = [];
  private readonly seen = new Map<string, number>();
  private leaves = 0;

  private readonly idMs: number | null;
  private readonly namesInShape: boolean;

  /** `leading`: values the row's array starts with, before the leaves (see stored-event.ts). */
  constructor(private readonly streamId: string, leading: readonly string[], options: PackOptions) {
    this.idMs = options.idMs;
    this.namesInShape = options.namesInShape;
    this.values = [...leading];
  }

  node(object: JsonObject): ShapeNode {
    const node: ShapeNode = [];
    for (const key of Object.keys(object)) {
      if (key === '__proto__') this.refused = true;
      const value = object[key];
      node.push([key, isObject(value) ? this.node(value) : this.leaf(value)]);
    }
    return node;
  }

  bytes(): Buffer | null {
    return this.chunks.length === 0 ? null : Buffer.concat(this.chunks);
  }

  private leaf(value: JsonValue): string {
    const index = this.leaves++;
    if (this.namesInShape && Array.isArray(value) && isNameList(value)) return `c${JSON.stringify(value)}`;
    if (typeof value !== 'string') return this.json(value);
    if (value === this.streamId && value !== '') return 's';
    if (value.length >= MIN_REPEATED) {
      const earlier = this.seen.get(value);
      if (earlier !== undefined) return `r${earlier}`;
      this.seen.set(value, index);
    }
    // Lengths first: most leaves are short words, which no pattern below needs to look at.
    if (isLowerUuid(value)) return this.binary('u', uuidBytes(value));
    if (value.length >= 32 && HEX.test(value)) return this.binary('x', Buffer.from(value, 'hex'), true);
    if (value.length === 24 && ISO_INSTANT.test(value)) {
      // A string shaped like an instant that names none (month 13) parses to NaN, which has no ISO form.
      const ms = Date.parse(value);
      if (Number.isFinite(ms) && new Date(ms).toISOString() === value) {
        // Fewer digits after the id's time than since 1970, or no gain.
        if (this.idMs !== null && Math.abs(ms - this.idMs) < Math.abs(ms)) {
          this.values.push(ms - this.idMs);
          return 'd';
        }
        this.values.push(ms);
        return 't';
      }
    }
    return this.json(value);
  }

  /** The bytes, after their length when `withLength` (at most 255: the hex pattern's limit). */
  private binary(kind: string, bytes: Buffer, withLength = false): string {
    if (withLength) this.chunks.push(Buffer.of(bytes.length));
    this.chunks.push(bytes);
    return kind;
  }

  private json(value: JsonValue): string {
    this.values.push(value);
    return 'j';
  }
}

const isObject = (value: JsonValue): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every index, holes included (`every` skips them, and JSON writes a hole as null). */
const isNameList = (list: readonly JsonValue[]): boolean => {
  if (list.length === 0 || list.length > MAX_NAMES) return false;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item !== 'string' || !NAME.test(item)) return false;
  }
  return true;
};
