import type { Principal } from '@crm/application';
import type { VerifiedTokens } from '../auth/verified-tokens';
import { expiryOf } from '../auth/verified-tokens';

export interface ConnectionIdentity {
  user: Principal;
  /** When the token stops being valid (ms since the epoch); null when it never does. */
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
  if (typeof header !== 'string' || header === '') throw new ConnectionRefused('A bearer token is required in connection_init: { "Authorization": "Bearer <token>" }');
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw new ConnectionRefused('Authorization must be "Bearer <token>"');
  try {
    return { user: await tokens.verify(token), expiresAt: expiryOf(token) };
  } catch (error) {
    throw new ConnectionRefused(`The bearer token was refused: ${(error as Error).message}`);
  }
};
