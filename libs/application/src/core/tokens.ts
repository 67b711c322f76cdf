/** Injection token of the EventStore port (SQLite or EventStoreDB, chosen at start-up), personal fields opened. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_STORE = Symbol('READ_STORE');
