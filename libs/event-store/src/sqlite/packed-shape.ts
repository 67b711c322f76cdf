import type { JsonObject, JsonValue } from '../json';
import type { ShapeNode } from './packed-document';
import { hexAt, uuidAt } from './hex-text';
import { isoInstant } from './iso-instant';

/**
 * Rebuilds an event's data and metadata from a row's leaf values and bytes (see packed-document.ts),
 * the bytes as SQLite's hex text: SQLite writes it in C, where a Buffer per row would cost the reader
 * an allocation the collector then has to chase.
 */
export type UnpackDocument = (values: JsonValue[], hex: string, streamId: string) => [JsonObject, JsonObject];

const LEAF_KIND = /^(?:[jsuxt]|r(0|[1-9]\d{0,5}))$/;
const HELPERS = { isoInstant, uuidAt, hexAt };

/**
 * Compiles a stored shape into one function that builds both objects as literals. Reading the whole
 * log is the projector's hot path: objects made by one literal share one hidden class per shape, and
 * building them costs less than parsing their keys out of JSON at every row (leaves with bytes: see
 * hex-text.ts). The code is generated only from a
 * shape that passed the checks below: keys are written as JSON string literals, everything else comes
 * from the fixed kinds.
 */
export const compileShape = (shapeText: string): UnpackDocument => {
  const shape = JSON.parse(shapeText) as unknown;
  if (!Array.isArray(shape) || shape.length !== 2) throw new Error(`Not an event shape: ${shapeText}`);
  const writer = new DecoderWriter();
  const data = writer.node(shape[0]);
  const metadata = writer.node(shape[1]);
  const body = `"use strict";\nreturn function unpack(v, x, s) {\n${writer.code()}\nreturn [${data}, ${metadata}];\n};`;
  return (new Function('h', body) as (h: typeof HELPERS) => UnpackDocument)(HELPERS);
};

class DecoderWriter {
  /** Run in leaf order: values taken from the array, bytes read from the hex. */
  private readonly reads: string[] = [];
  /** Run after them: the repeated leaves. */
  private readonly repeats: string[] = [];
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

  /** `o`: where the next leaf's digits start in the hex; `n`: a hex leaf's digit count. */
  code(): string {
    const start = this.usesBytes ? ['let o = 0;', 'let n = 0;'] : [];
    return [...start, ...this.reads, ...this.repeats].join('\n');
  }

  private leaf(kind: string): string {
    const match = LEAF_KIND.exec(kind);
    if (match === null) throw new Error(`Unknown leaf kind in an event shape: ${kind}`);
    const name = `l${this.leaves}`;
    if (match[1] !== undefined && Number(match[1]) >= this.leaves) throw new Error(`Event shape refers ahead: ${kind}`);
    this.leaves++;
    switch (kind[0]) {
      case 'j': this.reads.push(`const ${name} = v[${this.values++}];`); break;
      case 't': this.reads.push(`const ${name} = h.isoInstant(v[${this.values++}]);`); break;
      case 's': this.reads.push(`const ${name} = s;`); break;
      case 'r': this.repeats.push(`const ${name} = l${kind.slice(1)};`); break;
      case 'u':
        this.usesBytes = true;
        this.reads.push(`const ${name} = h.uuidAt(x, o); o += 32;`);
        break;
      default:
        this.usesBytes = true;
        this.reads.push(`n = 2 * parseInt(x.slice(o, o + 2), 16); const ${name} = h.hexAt(x, o + 2, n); o += 2 + n;`);
    }
    return name;
  }
}
