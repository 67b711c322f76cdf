import { randomUUID } from 'node:crypto';

/** How a generated workload names what it creates (leads, subjects, accounts, contacts, opportunities, events, commands). */
export type WorkloadIdKind = 'time-ordered' | 'random';
export type NewWorkloadId = () => string;

const MAX_MS = 2 ** 48 - 1;
const MAX_SEQUENCE = 0xfff;

const hex = (value: number, width: number): string => value.toString(16).padStart(width, '0');

/**
 * Ids as the product makes them (`libs/application/src/core/event-ids.ts`): UUID version 7 at the
 * workload's business time when they are made, so a generated log's entities and events sort by time as
 * a live log's do and the read models' id indexes grow at their end. Ids made at one instant sort in the
 * order they were made (a 12-bit sequence after the version, RFC 9562's method 1); past 4,096 of them the
 * ids move on to the next millisecond, so the order holds. The other 62 bits come from
 * `random`, a generator of their own, so a seed gives the same ids on every run without moving the
 * workload's own draws. `'random'` gives version 4 ids, as logs written before time-ordered ids hold.
 */
export const workloadIds = (kind: WorkloadIdKind, random: () => number, now: () => number): NewWorkloadId => {
  if (kind === 'random') return randomUUID;
  let lastMs = -1;
  let sequence = 0;
  return () => {
    const ms = now();
    if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_MS) throw new RangeError(`A version 7 id needs a whole millisecond from 0 to 2^48 - 1, not ${ms}`);
    if (ms > lastMs) {
      lastMs = ms;
      sequence = 0;
    } else if (sequence < MAX_SEQUENCE) {
      sequence += 1;
    } else {
      if (lastMs === MAX_MS) throw new RangeError('More than 4,096 version 7 ids at the last millisecond there is');
      lastMs += 1;
      sequence = 0;
    }
    const time = hex(lastMs, 12);
    const high = Math.floor(random() * 2 ** 30);
    const low = Math.floor(random() * 2 ** 32);
    const variant = hex(0x8000 | ((high >>> 16) & 0x3fff), 4);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(sequence, 3)}-${variant}-${hex(high & 0xffff, 4)}${hex(low, 8)}`;
  };
};
