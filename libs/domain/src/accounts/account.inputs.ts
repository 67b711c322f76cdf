import { parseEnum } from '../shared/enums';
import { RuleViolation } from '../shared/errors';
import { EntityId } from '../shared/ids';
import { OrganisationName } from '../shared/person-name';
import { SingleLineText } from '../shared/text';
import { definedOnly, given, optional, parseFields } from '../shared/validation';
import { WebDomain } from '../shared/web-domain';
import type { ParentFacts, UpdateAccountDetails } from './account.commands';
import { ACCOUNT_KINDS } from './account.enums';
import type { AccountDetails } from './account.events';

type DetailsInput = Omit<UpdateAccountDetails['data'], 'accountId' | 'onlyEmptyFields' | keyof ParentFacts>;

/** Parses the given fields only: a key is absent when not given, null when cleared. */
export function parseAccountDetails(data: DetailsInput): Partial<AccountDetails> {
  const parsed = parseFields({
    name: () => given(data.name, (raw) => OrganisationName.parse(raw, 'name')),
    kind: () => given(data.kind, (raw) => parseEnum(ACCOUNT_KINDS, raw, 'kind')),
    domain: () => optional(data.domain, (raw) => WebDomain.parse(raw, 'domain')),
    industry: () => optional(data.industry, (raw) => SingleLineText.parse(raw, 'industry', 100)),
    parentAccountId: () => optional(data.parentAccountId, (raw) => EntityId.parse(raw, 'parentAccountId')),
    registrationNumber: () =>
      optional(data.registrationNumber, (raw) => SingleLineText.parse(raw, 'registrationNumber', 50)),
  });
  return definedOnly(parsed);
}

/** The parent chain must stay acyclic and point at an existing account; the caller supplies both facts. */
export function checkParent(accountId: string, parentAccountId: string | null | undefined, facts: ParentFacts): void {
  if (parentAccountId == null) return;
  const ancestry = (facts.parentAncestry ?? []).map((id) => id.toLowerCase());
  if (parentAccountId === accountId || ancestry.includes(accountId)) {
    throw new RuleViolation(
      'ACCOUNT_PARENT_CYCLE',
      `Account ${parentAccountId} cannot be the parent of ${accountId}: the parent chain would form a cycle`,
    );
  }
  if (facts.parentExists !== true) {
    throw new RuleViolation('PARENT_ACCOUNT_NOT_FOUND', `Parent account ${parentAccountId} does not exist`);
  }
}
