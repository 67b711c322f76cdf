import {
  Money,
  assertNever,
  stagesOfKind,
  type ContactRole,
  type ExistingOpportunity,
  type OpportunityCommand,
  type PipelineDefinition,
  type StageKind,
} from '@crm/domain';
import { acme, globex } from '../../projections/testing/domain-events.fixtures';
import { PIPELINES } from '../../projections/testing/pipeline-events.fixtures';

const DAY = 86_400_000;
/** The first instant a workload's business times are spread from (a year on from it). */
export const WORKLOAD_START = Date.parse('2026-01-01T00:00:00.000Z');

/** How an opportunity is opened: indexes pick from the lists they name, modulo their length. */
export type OpeningAction = { pipeline: number; owner: number; currency: number; minor: number; closeDay: number; stage: number };

/** One thing done to an opened opportunity; indexes pick from the lists they name, modulo their length. */
export type WorkloadAction =
  | { kind: 'stage'; stage: number }
  | { kind: 'amount'; minor: number; currency: number | null }
  | { kind: 'closeDate'; closeDay: number }
  | { kind: 'rename'; suffix: number }
  | { kind: 'assign'; owner: number }
  | { kind: 'role'; contact: number; role: ContactRole; primary: boolean }
  | { kind: 'win' }
  | { kind: 'lose'; stage: number }
  | { kind: 'reopen'; stage: number | null }
  | { kind: 'move'; pipeline: number; stage: number | null };

export const WORKLOAD_OWNERS = ['rep-1', 'rep-2', 'rep-3', 'rep-4'] as const;
export const WORKLOAD_CURRENCIES = ['EUR', 'USD', 'JPY'] as const;
/** Contacts of both accounts: a role is assigned to a contact at the opportunity's account. */
const CONTACTS = ['c0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002'] as const;

const nth = <T>(items: readonly T[], index: number): T => items[index % items.length];
const keyOf = (pipeline: PipelineDefinition, kind: StageKind, index: number): string => nth(stagesOfKind(pipeline, kind), index).key;
const money = (minor: number, currency: string) => ({ amount: Money.format(Money.ofMinor(BigInt(minor), currency)), currency });
/** A close date from the start of the workload's year to three months past its end. */
const closeDate = (day: number): string => new Date(WORKLOAD_START + (day % 456) * DAY).toISOString().slice(0, 10);

const pipelineOf = (pipelineId: string): PipelineDefinition => {
  const found = PIPELINES.find((pipeline) => pipeline.pipelineId === pipelineId);
  if (found === undefined) throw new Error(`no pipeline ${pipelineId} in the workload`);
  return found;
};

export function openCommand(opportunityId: string, index: number, a: OpeningAction, metadata: { now: string; actor: string }): OpportunityCommand {
  const pipeline = nth(PIPELINES, a.pipeline);
  const currency = nth(WORKLOAD_CURRENCIES, a.currency);
  const data = {
    opportunityId,
    accountId: index % 2 === 0 ? acme : globex,
    accountExists: true,
    name: `Deal ${index}`,
    ...money(a.minor, currency),
    expectedCloseDate: closeDate(a.closeDay),
    ownerId: nth(WORKLOAD_OWNERS, a.owner),
    pipelineId: pipeline.pipelineId,
    stage: keyOf(pipeline, 'OPEN', a.stage),
    pipeline,
  };
  return { type: 'OpenOpportunity', data, metadata };
}

/** The command an action asks of the opportunity as it is, with the facts a handler would look up. */
export function actionCommand(state: ExistingOpportunity, a: WorkloadAction, metadata: { now: string; actor: string }): OpportunityCommand {
  const { opportunityId } = state;
  const pipeline = pipelineOf(state.pipelineId);
  switch (a.kind) {
    case 'stage':
      return { type: 'ChangeOpportunityStage', data: { opportunityId, stage: keyOf(pipeline, 'OPEN', a.stage), pipeline }, metadata };
    case 'amount': {
      const currency = a.currency === null ? state.amount.currency : nth(WORKLOAD_CURRENCIES, a.currency);
      return { type: 'ReviseOpportunity', data: { opportunityId, ...money(a.minor, currency) }, metadata };
    }
    case 'closeDate':
      return { type: 'ReviseOpportunity', data: { opportunityId, expectedCloseDate: closeDate(a.closeDay) }, metadata };
    case 'rename':
      return { type: 'ReviseOpportunity', data: { opportunityId, name: `${state.name.split(' (')[0]} (${a.suffix})` }, metadata };
    case 'assign':
      return { type: 'AssignOpportunity', data: { opportunityId, ownerId: nth(WORKLOAD_OWNERS, a.owner) }, metadata };
    case 'role': {
      const role = { contactId: nth(CONTACTS, a.contact), role: a.role, primary: a.primary, contactAccountId: state.accountId };
      return { type: 'AssignContactRole', data: { opportunityId, ...role }, metadata };
    }
    case 'win':
      return { type: 'WinOpportunity', data: { opportunityId, pipeline }, metadata };
    case 'lose':
      return { type: 'LoseOpportunity', data: { opportunityId, reason: 'PRICE', stage: keyOf(pipeline, 'LOST', a.stage), pipeline }, metadata };
    case 'reopen': {
      const stage = a.stage === null ? null : keyOf(pipeline, 'OPEN', a.stage);
      return { type: 'ReopenOpportunity', data: { opportunityId, stage, pipeline }, metadata };
    }
    case 'move': {
      const target = nth(PIPELINES, a.pipeline);
      const stage = a.stage === null ? null : keyOf(target, 'OPEN', a.stage);
      return { type: 'MoveOpportunityToPipeline', data: { opportunityId, pipelineId: target.pipelineId, stage, pipeline: target, currentPipeline: pipeline }, metadata };
    }
    default:
      return assertNever(a);
  }
}
