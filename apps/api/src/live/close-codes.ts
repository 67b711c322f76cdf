/**
 * How the server ends a subscription socket, besides graphql-ws's own codes (4400 bad message, 4403
 * forbidden, 4408 no connection_init in time, 4409 duplicate id, 4429 repeated init, 4500 internal).
 * Every code is sent with a reason a person can act on.
 */
export const LIVE_CLOSE = {
  /** No token, a bad one, or it expired: connect again with a valid one. */
  UNAUTHORIZED: 4401,
  /** The client did not read its changes fast enough: reconnect and resume with `after`. */
  TOO_SLOW: 4413,
  /** The server is stopping: reconnect (to another replica) and resume with `after`. */
  GOING_AWAY: 1001,
} as const;

/** WebSocket close reasons are at most 123 bytes of UTF-8. */
export const closeReason = (text: string): string => {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '') + '...';
};
