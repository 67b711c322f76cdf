import type { JsonObject, JsonValue } from '../json';
import type { ShapeNode } from './packed-document';
import { digitValue, hexAt, uuidAt } from './hex-text';
import { isoInstant } from './iso-instant';

/**
 * Rebuilds an event's data and metadata from a row's leaf values and bytes (see packed-document.ts),
 * the bytes as SQLite's hex text: SQLite writes it in C, where a Buffer per row would cost the reader
 * an allocation the collector then has to chase.
 */
export type UnpackDocument = (values: JsonValue[], first: number, hex: string, from: number, streamId: string, idAt: number) => [JsonObject, JsonObject];

const LEAF_KIND = /^(?:[jsuxtd]|r(0|[1-9]\d{0,5}))$/;
/** A leaf's kind as the decoding loop reads it; a repeat of leaf n is REPEAT + n. */
const JSON_VALUE = 0;
const INSTANT = 1;
const STREAM_ID = 2;
const UUID = 3;
const HEX = 4;
const INSTANT_AFTER_ID = 5;
const REPEAT = 6;
/** A list of names kept in the shape is `NAMES - n`, n its place among the shape's lists. */
const NAMES = -1;
const KIND_CODES: Record<string, number> = { j: JSON_VALUE, t: INSTANT, s: STREAM_ID, u: UUID, x: HEX, d: INSTANT_AFTER_ID };
const NAME_LIST = /^c(\[.*\])$/;

/**
 * Compiles a stored shape into a list of leaf kinds, read by one loop that every shape shares (so it
 * is optimised once, early in a rebuild, not once per shape), and a function that builds the data and
 * metadata from the leaves as object literals: objects made by one literal share one hidden class,
 * and building them costs less than parsing their keys out of JSON at every row. The function is
 * generated only from a shape that passed the checks below: keys are written as JSON string literals,
 * everything else is a leaf's index.
 */
export const compileShape = (dataNode: unknown, metadataNode: unknown): UnpackDocument => {
  const kinds: Kinds = { codes: [], names: [] };
  const data = objectBuilder(literal(dataNode, kinds, 0));
  const first = kinds.codes.length;
  const metadata = objectBuilder(literal(metadataNode, kinds, first));
  const program = Int32Array.from(kinds.codes);
  const names = kinds.names;
  // One array per shape, filled again at every row: the builders copy the leaves into the new objects.
  const leaves: JsonValue[] = new Array<JsonValue>(program.length).fill(null);
  return (values, firstValue, hex, from, streamId, idAt) => {
    readLeaves(program, names, leaves, values, firstValue, hex, from, streamId, idAt);
    return [data(leaves, 0), metadata(leaves, first)];
  };
};

/** A shape's leaves as the decoding loop reads them, and the lists of names the shape keeps. */
interface Kinds {
  codes: number[];
  names: string[][];
}

type ObjectBuilder = (leaves: JsonValue[], at: number) => JsonObject;

/**
 * One function per distinct object literal, shared by every shape that has it: the metadata of nearly
 * every event has the same keys, so its builder is optimised within the first rows of a read instead
 * of once per shape, and shapes that differ only in how a leaf is kept share their data's builder.
 */
const objectBuilders = new Map<string, ObjectBuilder>();

const objectBuilder = (literalCode: string): ObjectBuilder => {
  let builder = objectBuilders.get(literalCode);
  if (builder === undefined) {
    builder = new Function('L', 'b', `"use strict";\nreturn ${literalCode};`) as ObjectBuilder;
    objectBuilders.set(literalCode, builder);
  }
  return builder;
};

/** The object literal of a node, its leaves read as `L[b + n]`, n counted from the node's first leaf `base`. */
const literal = (node: unknown, kinds: Kinds, base: number): string => {
  if (!Array.isArray(node)) throw new Error('An event shape node must be a list of [key, kind] pairs');
  const members = (node as ShapeNode).map((member) => {
    if (!Array.isArray(member) || member.length !== 2 || typeof member[0] !== 'string' || member[0] === '__proto__') {
      throw new Error(`Not an event shape member: ${JSON.stringify(member)}`);
    }
    const [key, kind] = member;
    return `${JSON.stringify(key)}: ${typeof kind === 'string' ? `L[b + ${leaf(kind, kinds) - base}]` : literal(kind, kinds, base)}`;
  });
  return `{${members.join(', ')}}`;
};

/** Adds a leaf's kind to the program; returns its index. */
const leaf = (kind: string, kinds: Kinds): number => {
  const { codes } = kinds;
  const names = NAME_LIST.exec(kind);
  if (names !== null) {
    kinds.names.push(nameList(names[1]));
    codes.push(NAMES - (kinds.names.length - 1));
    return codes.length - 1;
  }
  const match = LEAF_KIND.exec(kind);
  if (match === null) throw new Error(`Unknown leaf kind in an event shape: ${kind}`);
  if (match[1] !== undefined && Number(match[1]) >= codes.length) throw new Error(`Event shape refers ahead: ${kind}`);
  codes.push(match[1] !== undefined ? REPEAT + Number(match[1]) : KIND_CODES[kind]);
  return codes.length - 1;
};

const nameList = (text: string): string[] => {
  const list = JSON.parse(text) as unknown;
  if (!Array.isArray(list) || !list.every((name) => typeof name === 'string')) throw new Error(`Not a list of names in an event shape: ${text}`);
  return list as string[];
};

/**
 * The leaves of one row into `leaves`, in order: values from the array, bytes from the hex (`o`: the
 * next leaf's first digit; `idAt`: the event id's first digit, -1 when the id is kept as text).
 */
const readLeaves = (
  program: Int32Array,
  names: readonly string[][],
  leaves: JsonValue[],
  values: JsonValue[],
  first: number,
  hex: string,
  from: number,
  streamId: string,
  idAt: number,
): JsonValue[] => {
  let next = first;
  let o = from;
  for (let i = 0; i < program.length; i++) {
    const kind = program[i];
    if (kind === JSON_VALUE) leaves[i] = values[next++];
    else if (kind === UUID) {
      leaves[i] = uuidAt(hex, o);
      o += 32;
    } else if (kind === INSTANT) leaves[i] = isoInstant(values[next++] as number);
    else if (kind === STREAM_ID) leaves[i] = streamId;
    else if (kind === HEX) {
      const digits = 2 * byteAt(hex, o);
      leaves[i] = hexAt(hex, o + 2, digits);
      o += 2 + digits;
    } else if (kind === INSTANT_AFTER_ID) leaves[i] = isoInstant(version7Time(hex, idAt) + (values[next++] as number));
    // A copy per event: whoever reads the event owns its data.
    else if (kind < 0) leaves[i] = names[NAMES - kind].slice();
    else leaves[i] = leaves[kind - REPEAT];
  }
  return leaves;
};

/** The milliseconds in the first 12 digits of the uuid whose hex starts at `at` (a version 7 uuid's time). */
const version7Time = (hex: string, at: number): number => {
  if (at < 0) throw new Error('An event shape gives a time after the event id, but the id is kept as text');
  let ms = 0;
  for (let i = at; i < at + 12; i++) ms = 16 * ms + digitValue(hex.charCodeAt(i));
  return ms;
};

/** The byte whose two lower-case hex digits start at `at`: no slice and parseInt per row. */
const byteAt = (hex: string, at: number): number => 16 * digitValue(hex.charCodeAt(at)) + digitValue(hex.charCodeAt(at + 1));
