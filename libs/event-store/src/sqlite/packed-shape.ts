import type { JsonObject, JsonValue } from '../json';
import type { ShapeNode } from './packed-document';
import { isoInstant } from './iso-instant';
import { uuidFromHex } from './stored-keys';

/**
 * Rebuilds an event's data and metadata from a row's leaf values and bytes (see packed-document.ts),
 * the bytes as hex of either case: SQLite writes that text in C, where a Buffer per row would cost
 * the reader an allocation the garbage collector then has to chase.
 */
export type UnpackDocument = (values: JsonValue[], hex: string, streamId: string) => [JsonObject, JsonObject];

const LEAF_KIND = /^(?:[jsuxt]|r(0|[1-9]\d{0,5}))$/;

/**
 * Compiles a stored shape into one function that builds both objects as literals. Reading the whole
 * log is the projector's hot path: objects made by one literal share one hidden class per shape, and
 * building them costs less than parsing their keys out of JSON at every row. The code is generated
 * only from a shape that passed `validate`: keys are written as JSON string literals, everything else
 * comes from the fixed kinds.
 */
export const compileShape = (shapeText: string): UnpackDocument => {
  const shape = JSON.parse(shapeText) as unknown;
  if (!Array.isArray(shape) || shape.length !== 2) throw new Error(`Not an event shape: ${shapeText}`);
  const writer = new DecoderWriter();
  const data = writer.node(shape[0]);
  const metadata = writer.node(shape[1]);
  const body = `"use strict";\n${writer.prelude()}${writer.lines.join('\n')}\nreturn [${data}, ${metadata}];`;
  const decode = new Function('v', 'x', 's', 'u', 'i', body) as (
    v: JsonValue[], x: string, s: string, u: typeof uuidFromHex, i: typeof isoInstant,
  ) => [JsonObject, JsonObject];
  return (values, hex, streamId) => decode(values, hex, streamId, uuidFromHex, isoInstant);
};

class DecoderWriter {
  readonly lines: string[] = [];
  private leaves = 0;
  private values = 0;
  private usesBytes = false;

  node(node: unknown): string {
    if (!Array.isArray(node)) throw new Error('An event shape node must be a list of [key, kind] pairs');
    const members = (node as ShapeNode).map((member) => {
      if (!Array.isArray(member) || member.length !== 2 || typeof member[0] !== 'string' || member[0] === '__proto__') {
        throw new Error(`Not an event shape member: ${JSON.stringify(member)}`);
      }
      const [key, kind] = member;
      return `${JSON.stringify(key)}: ${typeof kind === 'string' ? this.leaf(kind) : this.node(kind)}`;
    });
    return `{${members.join(', ')}}`;
  }

  /** `o` is where the next leaf's bytes start in the hex text, `n` the length of a leaf with one. */
  prelude(): string {
    return this.usesBytes ? 'x = x.toLowerCase();\nlet o = 0;\nlet n = 0;\n' : '';
  }

  private leaf(kind: string): string {
    const match = LEAF_KIND.exec(kind);
    if (match === null) throw new Error(`Unknown leaf kind in an event shape: ${kind}`);
    const name = `l${this.leaves}`;
    if (match[1] !== undefined && Number(match[1]) >= this.leaves) throw new Error(`Event shape refers ahead: ${kind}`);
    this.leaves++;
    this.lines.push(`const ${name} = ${this.expression(kind)};`);
    return name;
  }

  private expression(kind: string): string {
    switch (kind[0]) {
      case 'j': return `v[${this.values++}]`;
      case 't': return `i(v[${this.values++}])`;
      case 's': return 's';
      case 'r': return `l${kind.slice(1)}`;
      case 'u': return this.bytes('(o += 32, u(x, o - 32))');
      default: return this.bytes('(n = 2 * parseInt(x.slice(o, o + 2), 16), o += 2 + n, x.slice(o - n, o))');
    }
  }

  private bytes(expression: string): string {
    this.usesBytes = true;
    return expression;
  }
}
