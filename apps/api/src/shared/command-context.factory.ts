import { newId, type CommandContext } from '@crm/application';
import type { RequestContext } from '../auth/request-user';
import type { MutationInput } from './mutation-input';

/** The caller, the request's correlation id and the input's revision and idempotency key. */
export const commandContext = (request: RequestContext, input: MutationInput): CommandContext => ({
  actor: request.user?.sub ?? 'anonymous',
  // A uuid in any case is the same key: `commandId` is a String in the contract, not an ID.
  commandId: input.commandId?.toLowerCase() ?? newId(),
  correlationId: request.correlationId,
  expectedRevision: input.expectedRevision,
});

/** Strips the envelope fields so only the command's own data reaches the domain. */
export const commandData = <T extends MutationInput>(input: T): Omit<T, 'expectedRevision' | 'commandId'> => {
  const { expectedRevision: _revision, commandId: _commandId, ...data } = input;
  return data;
};
