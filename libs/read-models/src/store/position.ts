import { InvalidQueryError } from './read-store.errors';

const WIDTH = 20;
const MAX_POSITION = (1n << 64n) - 1n;

/** Zero-padded so that text order equals numeric order on both adapters; 20 digits hold any unsigned 64-bit value. */
export function encodePosition(position: bigint): string;
export function encodePosition(position: bigint | null): string | null;
export function encodePosition(position: bigint | null): string | null {
  if (position === null) return null;
  if (typeof position !== 'bigint' || position < 0n || position > MAX_POSITION) {
    throw new InvalidQueryError('A checkpoint position must be a bigint between 0 and 2^64-1, or null', 'checkpoint.position');
  }
  return position.toString().padStart(WIDTH, '0');
}

export function decodePosition(stored: string | null | undefined): bigint | null {
  return stored === null || stored === undefined ? null : BigInt(stored);
}
