/** Injection token of the KeyStore port (SQLite beside the log, or MongoDB), opened with the other stores. */
export const KEY_STORE = Symbol('KEY_STORE');
