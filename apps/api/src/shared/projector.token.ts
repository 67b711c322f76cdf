/** The process's Projector: running in the embedded process, idle (status and rebuild only) in the API. */
export const PROJECTOR = Symbol('PROJECTOR');
