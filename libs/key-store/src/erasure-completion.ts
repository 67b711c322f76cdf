import type { ErasureCompletion, ErasureRequest } from './key-store.port';

/** The request as completed: every stream finally erased, and every suppression found, the request's own kept. */
export const completedRequest = (request: ErasureRequest, completion: ErasureCompletion): ErasureRequest => {
  const suppressions = [...request.suppressions];
  for (const found of completion.suppressions) {
    if (!suppressions.some((s) => s.hash === found.hash && s.kind === found.kind)) suppressions.push(found);
  }
  return { ...request, streams: [...new Set([...request.streams, ...completion.streams])], suppressions };
};
