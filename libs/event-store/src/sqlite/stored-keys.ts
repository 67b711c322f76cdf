import { digitValue } from './hex-text';

/**
 * Ids and stream suffixes are stored as 16 bytes when they are lower-case uuids (what every writer
 * of this product makes), as the text itself otherwise: an SQLite column without a type keeps each
 * value as given, and a blob never equals a text, so the two cannot be confused in an index.
 */
const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type StoredKey = Buffer | string;

export const isLowerUuid = (text: string): boolean => text.length === 36 && LOWER_UUID.test(text);

/** Where each byte's two digits start in `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
const BYTE_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * The uuid's 16 bytes, for a caller that checked it is a lower-case uuid. Read digit by digit: every
 * append keys several uuids so, and removing the dashes first made a string per uuid (a third of the time).
 */
export const uuidBytes = (uuid: string): Buffer => {
  const bytes = Buffer.allocUnsafe(16);
  for (let i = 0; i < 16; i++) {
    const at = BYTE_AT[i];
    bytes[i] = (digitValue(uuid.charCodeAt(at)) << 4) | digitValue(uuid.charCodeAt(at + 1));
  }
  return bytes;
};

export const toStoredKey = (text: string): StoredKey => (isLowerUuid(text) ? uuidBytes(text) : text);
