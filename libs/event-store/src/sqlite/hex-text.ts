/**
 * Text made from the hex digits SQLite gives for a row's bytes (`lower(hex())`): uuids with their
 * dashes and hex leaves, each made by a few calls to the engine's own string builtins. A rebuild reads
 * the log once, in a fresh process, so most of its rows are read before any JavaScript of the read
 * path is optimised: code that spends one call per character (String.fromCharCode with a character
 * code per argument, a scratch buffer written byte by byte) ran several times slower in that stretch
 * than over the rest of the log, where native substring and join keep a cold reader close to a warm one.
 */

/**
 * The uuid whose 32 digits start at `at` in `h`, with its dashes. `join` writes one flat string (a
 * concatenation would leave a tree of pieces in the documents a rebuild holds), and the pieces,
 * shorter than V8 slices strings, are copies: the uuid keeps no part of the row's text alive.
 */
export const uuidAt = (h: string, at: number): string =>
  [h.substring(at, at + 8), h.substring(at + 8, at + 12), h.substring(at + 12, at + 16), h.substring(at + 16, at + 20), h.substring(at + 20, at + 32)].join('-');

/** `<prefix><uuid>` from the uuid's 32 digits at the start of `h`, as one flat string (a stream's name). */
export const prefixedUuidAt = (prefix: string, h: string, at: number): string =>
  [prefix + h.substring(at, at + 8), h.substring(at + 8, at + 12), h.substring(at + 12, at + 16), h.substring(at + 16, at + 20), h.substring(at + 20, at + 32)].join('-');

/**
 * `text` as one flat string: the read path's values are held by rebuilds, where a tree of
 * concatenated pieces costs memory and the collector's time (join of one piece returns it as it is).
 */
export const flatText = (text: string): string => [text, ''].join('');

/**
 * The `length` hex digits starting at `at` in `hex`. A slice of the row's digits: only the chain hash
 * is read this way, which no read model keeps.
 */
export const hexAt = (hex: string, at: number, length: number): string => hex.substring(at, at + length);
