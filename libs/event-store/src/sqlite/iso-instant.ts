/**
 * `new Date(ms).toISOString()` without a Date: on the log's hot read path that call cost more than
 * parsing an event's JSON did. The characters of each day are kept (a log spans few days compared with
 * its events; the memo starts over past MAX_DAYS), the time of day is computed here, and the text is
 * made by one String.fromCharCode: a flat string in one step, where a template literal left a tree of
 * pieces that then had to be copied flat (a rebuild holds these in its documents).
 */
const MS_PER_DAY = 86_400_000;
const MAX_DAYS = 20_000;
const ZERO = 0x30;
const days = new Map<number, number[]>();

export const isoInstant = (ms: number): string => {
  const day = Math.floor(ms / MS_PER_DAY);
  const d = days.get(day) ?? dayCodes(day);
  if (d.length === 0) return new Date(ms).toISOString();
  let rest = ms - day * MS_PER_DAY;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  const digit = (n: number): number => ZERO + n;
  // prettier-ignore
  return String.fromCharCode(
    d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10],
    digit((hours / 10) | 0), digit(hours % 10), 0x3a, digit((minutes / 10) | 0), digit(minutes % 10), 0x3a,
    digit((seconds / 10) | 0), digit(seconds % 10), 0x2e,
    digit((millis / 100) | 0), digit(((millis / 10) | 0) % 10), digit(millis % 10), 0x5a,
  );
};

/** `YYYY-MM-DDT` of a day; none outside years 0 to 9999, whose instants toISOString writes longer. */
const dayCodes = (day: number): number[] => {
  if (days.size >= MAX_DAYS) days.clear();
  const text = new Date(day * MS_PER_DAY).toISOString();
  const codes = text.length === 24 ? Array.from(text.slice(0, 11), (c) => c.charCodeAt(0)) : [];
  days.set(day, codes);
  return codes;
};
