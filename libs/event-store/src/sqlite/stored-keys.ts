/**
 * Ids and stream suffixes are stored as 16 bytes when they are lower-case uuids (what every writer
 * of this product makes), as the text itself otherwise: an SQLite column without a type keeps each
 * value as given, and a blob never equals a text, so the two cannot be confused in an index.
 */
const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type StoredKey = Buffer | string;

export const isLowerUuid = (text: string): boolean => text.length === 36 && LOWER_UUID.test(text);

/** The uuid's 16 bytes, for a caller that checked it is a lower-case uuid. */
export const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');

export const toStoredKey = (text: string): StoredKey => (isLowerUuid(text) ? uuidBytes(text) : text);
