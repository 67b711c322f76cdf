import { compileShape, type UnpackDocument } from './packed-shape';

/** Bits of a row shape's key form: which of the row's keys are text (first in its array) rather than 16 bytes. */
export const STREAM_TEXT = 1;
export const ID_TEXT = 2;

/**
 * What a row's shape says about everything but its values, so that reading a row needs no other
 * column than its shape, revision, recording time, array and bytes: the category (as the stream
 * name's prefix), the event type, which keys are text, and how the data and metadata are rebuilt.
 *
 * Stored as the JSON `[category, type, keyForm, dataNode, metadataNode]` (see packed-document.ts for
 * the nodes), or `[category, type, keyForm]` for a row whose array ends with the data and metadata
 * as they are (documents no shape can hold, or past the number of shapes kept).
 */
export interface RowShape {
  /** `<category>-`: the start of the stream's name. */
  readonly prefix: string;
  readonly type: string;
  /** The stream's id is the first value of the row's array (text), not the first 16 bytes. */
  readonly streamText: boolean;
  /** The event's id is the next value of the row's array, not the next 16 bytes. */
  readonly idText: boolean;
  /** Null: the row's array ends with the data and metadata as they are. */
  readonly unpack: UnpackDocument | null;
}

export const rowShapeText = (category: string, type: string, keyForm: number, packedShape: string | null): string => {
  const head = JSON.stringify([category, type, keyForm]);
  // packedShape is the JSON `[dataNode, metadataNode]`: its elements follow the head's.
  return packedShape === null ? head : `${head.slice(0, -1)},${packedShape.slice(1)}`;
};

export const compileRowShape = (text: string): RowShape => {
  const shape = JSON.parse(text) as unknown;
  if (!Array.isArray(shape) || (shape.length !== 3 && shape.length !== 5) || typeof shape[0] !== 'string' || typeof shape[1] !== 'string' || typeof shape[2] !== 'number') {
    throw new Error(`Not an event row shape: ${text}`);
  }
  const [category, type, keyForm] = shape as [string, string, number];
  return {
    prefix: `${category}-`,
    type,
    streamText: (keyForm & STREAM_TEXT) !== 0,
    idText: (keyForm & ID_TEXT) !== 0,
    unpack: shape.length === 5 ? compileShape(shape[3], shape[4]) : null,
  };
};
