import { parseEnum } from '../shared/enums';
import { RuleViolation } from '../shared/errors';
import { ERASURE_REASONS, type ErasureReason, type SuppressionKind } from './privacy.enums';
import { SingleLineText } from '../shared/text';

/** What every stream of an erased person records: who the subject was (an id) and why, never what they were. */
export type PersonErasedFacts = { subjectId: string; reason: ErasureReason; erasedAt: string };

/** A suppression of an erased person's email or phone was lifted: who (the actor) and why, on the record. */
export type SuppressionLiftedFacts = { subjectId: string; kind: SuppressionKind; reason: string };

export const parseLiftReason = (raw: unknown): string => SingleLineText.parse(raw, 'reason', 500);

export const parseErasureReason = (raw: unknown): ErasureReason => parseEnum(ERASURE_REASONS, raw, 'reason');

/** Nothing is decided about a person after their erasure: their record stays only as history. */
export const personErased = (kind: 'Lead' | 'Contact', id: string): RuleViolation =>
  new RuleViolation('PERSON_ERASED', `${kind} ${id} is an erased person and can no longer change`);

/** The same facts with every personal field blanked: what a state or document keeps of an erased person. */
export const blankPersonalFields = <T extends object>(value: T, fields: readonly string[]): T => {
  const blanked: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of fields) blanked[field] = null;
  return blanked as T;
};
