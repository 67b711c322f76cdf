/** Lets timers (lease renewals, progress redraws) and waiting requests run between stretches of synchronous store work. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
