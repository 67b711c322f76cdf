import type { Principal } from '@crm/application';
import type { VerifiedTokens } from '../auth/verified-tokens';
import { bearerTokenOf } from '../auth/request-context.factory';

export interface ConnectionIdentity {
  user: Principal;
  /** When the token stops being accepted (ms since the epoch, its `exp` plus the clock tolerance); null when it never does. */
  expiresAt: number | null;
}

/** The refusal of a `connection_init`, said as the close reason. */
export class ConnectionRefused extends Error {}

/**
 * A subscription socket authenticates once, in `connection_init`'s payload, with the bearer token
 * an HTTP request sends in its header: `{ "Authorization": "Bearer <token>" }` (any letter case of
 * the key). Browsers cannot set headers on a WebSocket, which is why it is not the upgrade request's.
 */
export const authenticateConnection = async (params: Readonly<Record<string, unknown>> | undefined, tokens: VerifiedTokens): Promise<ConnectionIdentity> => {
  const header = Object.entries(params ?? {}).find(([key]) => key.toLowerCase() === 'authorization')?.[1];
  const bearer = bearerTokenOf(header);
  if ('problem' in bearer) {
    throw new ConnectionRefused(bearer.problem === 'missing' ? 'A bearer token is required in connection_init: { "Authorization": "Bearer <token>" }' : 'Authorization must be "Bearer <token>"');
  }
  try {
    return { user: await tokens.verify(bearer.token), expiresAt: tokens.validUntil(bearer.token) };
  } catch (error) {
    throw new ConnectionRefused(`The bearer token was refused: ${(error as Error).message}`);
  }
};
