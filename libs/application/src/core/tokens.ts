/** Injection token of the EventStore port (SQLite or EventStoreDB, chosen at start-up), personal fields opened. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** The same log as stored, personal fields sealed: for the audit of the hash chain. */
export const STORED_EVENTS = Symbol('STORED_EVENTS');
export const READ_STORE = Symbol('READ_STORE');
