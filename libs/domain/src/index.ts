export type { Command, CommandMetadata, Decider, Event } from './shared/decider';
export { evolveAll } from './shared/decider';
export { assertNever } from './shared/assert-never';
export { DomainError, NotFoundError, RuleViolation, ValidationError, isDomainError } from './shared/errors';
export type { DomainErrorCode, FieldError } from './shared/errors';
export { RULE_REASONS, type RuleReason } from './shared/rule-reasons';
export type { JsonObject, JsonPrimitive, JsonValue } from './shared/json';
export { enumOf, parseEnum, type EnumObject } from './shared/enums';

export { Money, MAX_MAJOR_UNITS, type MoneyJson } from './shared/money';
export { Currency } from './shared/currency';
export { Email } from './shared/email';
export { Phone, DEFAULT_PHONE_REGION } from './shared/phone';
export { PersonName, OrganisationName, NAME_MAX_LENGTH } from './shared/person-name';
export { SingleLineText, FreeText } from './shared/text';
export { WebDomain } from './shared/web-domain';
export { CalendarDate, Instant } from './shared/calendar-date';
export { EntityId, UserId } from './shared/ids';

export * from './streams';

export * from './leads/lead.enums';
export type * from './leads/lead.commands';
export * from './leads/lead.events';
export type * from './leads/lead.state';
export { leadDecider, decideLead } from './leads/lead.decider';
export { evolveLead, initialLeadState } from './leads/lead.state';

export * from './accounts/account.enums';
export type * from './accounts/account.commands';
export * from './accounts/account.events';
export type * from './accounts/account.state';
export { accountDecider, decideAccount } from './accounts/account.decider';
export { evolveAccount, initialAccountState } from './accounts/account.state';

export * from './contacts/contact.enums';
export type * from './contacts/contact.commands';
export * from './contacts/contact.events';
export type * from './contacts/contact.state';
export { contactDecider, decideContact } from './contacts/contact.decider';
export { evolveContact, initialContactState } from './contacts/contact.state';

export * from './pipelines/pipeline.definition';
export * from './pipelines/pipeline.events';
export type * from './pipelines/pipeline.commands';
export type * from './pipelines/pipeline.state';
export type { PipelineStageInput } from './pipelines/pipeline.stages';
export type { StageMoveInput } from './pipelines/pipeline.moves';
export { MAX_STAGES, PIPELINE_NAME_MAX_LENGTH, parseStageKey } from './pipelines/pipeline.stages';
export { pipelineDecider, decidePipeline } from './pipelines/pipeline.decider';
export { evolvePipeline, initialPipelineState, pipelineDefinition } from './pipelines/pipeline.state';

export * from './opportunities/stages';
export { upcastOpportunityEvent } from './opportunities/opportunity.upcast';
export type * from './opportunities/opportunity.commands';
export * from './opportunities/opportunity.events';
export type * from './opportunities/opportunity.state';
export { opportunityDecider, decideOpportunity } from './opportunities/opportunity.decider';
export { evolveOpportunity, initialOpportunityState } from './opportunities/opportunity.state';

export * from './domain-event';

export * from './privacy';
