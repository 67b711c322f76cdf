import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../core/command-context';

export const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  actor: 'rep-1',
  commandId: randomUUID(),
  ...overrides,
});

export const leadInput = (leadId: string = randomUUID()) => ({
  leadId,
  firstName: 'Sanne',
  lastName: 'de Boer',
  email: 'sanne@bakkerij-jansen.nl',
  phone: '+31 6 12345678',
  jobTitle: 'Inkoper',
  companyName: 'Bakkerij Jansen B.V.',
  companyDomain: 'bakkerij-jansen.nl',
  source: 'WEB_FORM' as const,
  ownerId: 'rep-1',
});
