/**
 * `new Date(ms).toISOString()` without a Date: on the log's hot read path that call cost more than
 * parsing an event's JSON did. The text of each day is kept (a log spans few days compared with its
 * events; the memo starts over past MAX_DAYS), the time of day is written out here.
 */
import { flatText } from './hex-text';

const MS_PER_DAY = 86_400_000;
const MAX_DAYS = 20_000;
const days = new Map<number, string>();

export const isoInstant = (ms: number): string => {
  const day = Math.floor(ms / MS_PER_DAY);
  let dayText = days.get(day);
  if (dayText === undefined) {
    if (days.size >= MAX_DAYS) days.clear();
    const text = new Date(day * MS_PER_DAY).toISOString();
    dayText = text.slice(0, text.indexOf('T') + 1);
    days.set(day, dayText);
  }
  let rest = ms - day * MS_PER_DAY;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return flatText(`${dayText}${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`);
};

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
