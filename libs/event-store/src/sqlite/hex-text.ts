/**
 * Text made from the hex digits SQLite gives for a row's bytes (`hex()`, upper case): uuids with their
 * dashes and hex leaves in lower case, each made as one flat string of its own. Formatting a uuid by concatenation left a tree of small strings per uuid for the collector,
 * on the path every rebuild reads the whole log through; slicing them from one text per row would
 * have kept the whole row's text alive for as long as any one of them is held (a rebuild holds many).
 */
let scratch = Buffer.allocUnsafe(1024);

/** OR-ing 0x20 lower-cases the hex letters A-F and leaves the digits as they are. */
const LOWER = 0x20;
const DASH = 0x2d;

/** The uuid whose 32 digits start at `at` in `hex`, in lower case with its dashes. */
export const uuidAt = (hex: string, at: number): string => uuidText(hex, at);

/**
 * A function that writes `<prefix><uuid>` from a uuid's 32 digits as one flat string: the prefix's
 * characters are written into its code as numbers, so the name comes out of one String.fromCharCode
 * (a stream's name, by its category: few functions, each called for most rows of a rebuild).
 */
export const prefixedUuid = (prefix: string): ((hex: string) => string) => {
  const codes = Array.from({ length: prefix.length }, (_, i) => prefix.charCodeAt(i));
  const digits = UUID_CODES.map((code) => (code < 0 ? `h.charCodeAt(${-code - 1}) | ${LOWER}` : String(code)));
  return new Function('h', `"use strict";\nreturn String.fromCharCode(${[...codes.map(String), ...digits].join(', ')});`) as (hex: string) => string;
};

/** A uuid's characters: a dash, or -(n + 1) for the nth hex digit. */
const UUID_CODES = Array.from({ length: 36 }, (_, i) => (i === 8 || i === 13 || i === 18 || i === 23 ? DASH : -(i - (i > 23 ? 4 : i > 18 ? 3 : i > 13 ? 2 : i > 8 ? 1 : 0)) - 1));

/**
 * The uuid whose 32 digits start at `at` in `h`: String.fromCharCode with one argument per character
 * builds the flat string in one step, about three times faster than writing a scratch buffer and
 * decoding it.
 */
const uuidText = (h: string, at: number): string =>
  // Spelled out: a helper per character was not inlined into a call this long.
  // prettier-ignore
  String.fromCharCode(
    h.charCodeAt(at) | LOWER, h.charCodeAt(at + 1) | LOWER, h.charCodeAt(at + 2) | LOWER, h.charCodeAt(at + 3) | LOWER, h.charCodeAt(at + 4) | LOWER, h.charCodeAt(at + 5) | LOWER, h.charCodeAt(at + 6) | LOWER, h.charCodeAt(at + 7) | LOWER,
    DASH,
    h.charCodeAt(at + 8) | LOWER, h.charCodeAt(at + 9) | LOWER, h.charCodeAt(at + 10) | LOWER, h.charCodeAt(at + 11) | LOWER,
    DASH,
    h.charCodeAt(at + 12) | LOWER, h.charCodeAt(at + 13) | LOWER, h.charCodeAt(at + 14) | LOWER, h.charCodeAt(at + 15) | LOWER,
    DASH,
    h.charCodeAt(at + 16) | LOWER, h.charCodeAt(at + 17) | LOWER, h.charCodeAt(at + 18) | LOWER, h.charCodeAt(at + 19) | LOWER,
    DASH,
    h.charCodeAt(at + 20) | LOWER, h.charCodeAt(at + 21) | LOWER, h.charCodeAt(at + 22) | LOWER, h.charCodeAt(at + 23) | LOWER, h.charCodeAt(at + 24) | LOWER, h.charCodeAt(at + 25) | LOWER, h.charCodeAt(at + 26) | LOWER, h.charCodeAt(at + 27) | LOWER, h.charCodeAt(at + 28) | LOWER, h.charCodeAt(at + 29) | LOWER, h.charCodeAt(at + 30) | LOWER, h.charCodeAt(at + 31) | LOWER,
  );

/**
 * `text` as one flat string: the read path's values are held by rebuilds, where a tree of
 * concatenated pieces costs memory and the collector's time. Latin-1 text only (stream names and
 * instants are ASCII); anything else is returned as it is.
 */
export const flatText = (text: string): string => {
  const length = text.length;
  if (scratch.length < length) scratch = Buffer.allocUnsafe(length * 2);
  const s = scratch;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return text;
    s[i] = code;
  }
  return (s as unknown as LatinSlicer).latin1Slice(0, length);
};

/**
 * The `length` hex digits starting at `at` in `hex`, in lower case: toLowerCase copies the slice into a
 * new flat string (a hash has letters; only digits alone would come back as the slice itself).
 */
export const hexAt = (hex: string, at: number, length: number): string => hex.substring(at, at + length).toLowerCase();

/** Buffer's own latin1 decoder, without toString's dispatch on the encoding name (public since Node 0.x, untyped). */
interface LatinSlicer {
  latin1Slice(start: number, end: number): string;
}
