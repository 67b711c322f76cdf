/**
 * Text made from the hex digits SQLite gives for a row's bytes (`hex()`, upper case): uuids with their
 * dashes and hex leaves in lower case, each written into a scratch buffer and read out as one flat
 * string. Formatting a uuid by concatenation left a tree of small strings per uuid for the collector,
 * on the path every rebuild reads the whole log through; slicing them from one text per row would
 * have kept the whole row's text alive for as long as any one of them is held (a rebuild holds many).
 */
let scratch = Buffer.allocUnsafe(1024);

/** OR-ing 0x20 lower-cases the hex letters A-F and leaves the digits as they are. */
const LOWER = 0x20;
const DASH = 0x2d;

/** The uuid whose 32 digits start at `at` in `hex`, in lower case with its dashes, after `prefix` when given. */
export const uuidAt = (hex: string, at: number, prefix = ''): string => {
  const s = scratch;
  const start = prefix.length;
  for (let i = 0; i < start; i++) s[i] = prefix.charCodeAt(i);
  let from = at;
  for (let i = 0; i < 36; i++) s[start + i] = i === 8 || i === 13 || i === 18 || i === 23 ? DASH : hex.charCodeAt(from++) | LOWER;
  return (s as unknown as LatinSlicer).latin1Slice(0, start + 36);
};

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

/** The `length` hex digits starting at `at` in `hex`, in lower case. */
export const hexAt = (hex: string, at: number, length: number): string => {
  if (scratch.length < length) scratch = Buffer.allocUnsafe(length * 2);
  const s = scratch;
  for (let i = 0; i < length; i++) s[i] = hex.charCodeAt(at + i) | LOWER;
  return (s as unknown as LatinSlicer).latin1Slice(0, length);
};

/** Buffer's own latin1 decoder, without toString's dispatch on the encoding name (public since Node 0.x, untyped). */
interface LatinSlicer {
  latin1Slice(start: number, end: number): string;
}
