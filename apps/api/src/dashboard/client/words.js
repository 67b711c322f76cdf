/** "BEST_CASE" -> "Best case": an enum value as words. */
export const wordsOf = (key) => key.charAt(0) + key.slice(1).toLowerCase().replaceAll('_', ' ');

/** "3 Dec 2026, 17:02:30": an instant in the reader's own language and time zone. */
export const localTime = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
