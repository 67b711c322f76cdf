/** Text made from the hex digits SQLite gives for a row's bytes (`lower(hex())`): uuids with their dashes, hex leaves. */

const DASH = 0x2d;

/**
 * The uuid whose 32 digits start at `at` in `h`, with its dashes: String.fromCharCode with one
 * argument per character builds the flat string in one step, about three times faster than writing a
 * scratch buffer and decoding it, and faster than joining substrings, cold or warm. A flat string of
 * its own: a slice of the row's text would keep the whole text alive while a rebuild holds the uuid.
 */
export const uuidAt = (h: string, at: number): string =>
  // Spelled out: a helper per character was not inlined into a call this long.
  // prettier-ignore
  String.fromCharCode(
    h.charCodeAt(at), h.charCodeAt(at + 1), h.charCodeAt(at + 2), h.charCodeAt(at + 3), h.charCodeAt(at + 4), h.charCodeAt(at + 5), h.charCodeAt(at + 6), h.charCodeAt(at + 7),
    DASH,
    h.charCodeAt(at + 8), h.charCodeAt(at + 9), h.charCodeAt(at + 10), h.charCodeAt(at + 11),
    DASH,
    h.charCodeAt(at + 12), h.charCodeAt(at + 13), h.charCodeAt(at + 14), h.charCodeAt(at + 15),
    DASH,
    h.charCodeAt(at + 16), h.charCodeAt(at + 17), h.charCodeAt(at + 18), h.charCodeAt(at + 19),
    DASH,
    h.charCodeAt(at + 20), h.charCodeAt(at + 21), h.charCodeAt(at + 22), h.charCodeAt(at + 23), h.charCodeAt(at + 24), h.charCodeAt(at + 25), h.charCodeAt(at + 26), h.charCodeAt(at + 27),
    h.charCodeAt(at + 28), h.charCodeAt(at + 29), h.charCodeAt(at + 30), h.charCodeAt(at + 31),
  );

/**
 * `text` as one flat string: the read path's values are held by rebuilds, where a tree of
 * concatenated pieces costs memory and the collector's time (join of one piece returns it as it is).
 */
export const flatText = (text: string): string => [text, ''].join('');

/**
 * The `length` hex digits starting at `at` in `hex`: a slice of the row's digits, so it keeps the row's
 * text alive while it lives. Every lower-case hex leaf of 32 digits or more is read this way; in our
 * events that is the chain hash, which no read model keeps.
 */
export const hexAt = (hex: string, at: number, length: number): string => hex.substring(at, at + length);

/** The value of a lower-case hex digit by its character code: '0'-'9' are 0x30-0x39, 'a'-'f' 0x61-0x66. */
export const digitValue = (code: number): number => (code <= 0x39 ? code - 0x30 : code - 0x57);
