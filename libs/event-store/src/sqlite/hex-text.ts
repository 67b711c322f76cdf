/**
 * Text made from the hex digits SQLite gives for a row's bytes (`hex()`, upper case): uuids with their
 * dashes and hex leaves in lower case, written into one scratch buffer and turned into one string, of
 * which each value is then a slice. Formatting each uuid by concatenation left a tree of small strings
 * per uuid for the collector, on the path every rebuild reads the whole log through.
 */
let scratch = Buffer.allocUnsafe(8192);

/** OR-ing 0x20 lower-cases the hex letters A-F and leaves the digits as they are. */
const LOWER = 0x20;
const DASH = 0x2d;

/** Room for the text made from `hexLength` hex digits (a uuid's 32 digits take 36 characters). */
export const reserveFor = (hexLength: number): void => {
  const needed = Math.ceil((hexLength * 9) / 8) + 64;
  if (scratch.length < needed) scratch = Buffer.allocUnsafe(needed * 2);
};

/** Writes the uuid whose 32 digits start at `at` in `hex` as 36 characters at `to`. */
export const writeUuid = (hex: string, at: number, to: number): void => {
  const s = scratch;
  let from = at;
  let i = to;
  for (const group of GROUPS) {
    for (let end = i + group; i < end; ) s[i++] = hex.charCodeAt(from++) | LOWER;
    if (i < to + 36) s[i++] = DASH;
  }
};
const GROUPS = [8, 4, 4, 4, 12];

/** Writes `length` hex digits starting at `at` in lower case at `to`. */
export const writeHex = (hex: string, at: number, length: number, to: number): void => {
  const s = scratch;
  for (let i = 0; i < length; i++) s[to + i] = hex.charCodeAt(at + i) | LOWER;
};

/** The first `length` characters written. */
export const scratchText = (length: number): string => (scratch as unknown as LatinSlicer).latin1Slice(0, length);

/** Buffer's own latin1 decoder, without toString's dispatch on the encoding name (public since Node 0.x, untyped). */
interface LatinSlicer {
  latin1Slice(start: number, end: number): string;
}

/** A key read as 32 hex digits (see keyText in sqlite-statements.ts) as a lower-case uuid. */
export const uuidText = (hex: string): string => {
  writeUuid(hex, 0, 0);
  return scratchText(36);
};
