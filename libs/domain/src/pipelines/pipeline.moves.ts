import { RuleViolation, ValidationError, type FieldError } from '../shared/errors';
import type { PipelineStageDefinition } from './pipeline.definition';
import type { StageMove } from './pipeline.events';
import { removedOpenStages } from './pipeline.rules';
import { parseStageKey } from './pipeline.stages';

/** Where the open opportunities of a removed stage go, as the caller writes it. */
export type StageMoveInput = { from: string; to: string };

function parseMove(raw: unknown, at: string, errors: FieldError[]): StageMove | undefined {
  const input = (raw ?? {}) as Partial<Record<keyof StageMoveInput, unknown>>;
  const keyOf = (field: 'from' | 'to'): string | undefined => {
    try {
      return parseStageKey(input[field], `${at}.${field}`);
    } catch (error: unknown) {
      if (!(error instanceof ValidationError)) throw error;
      errors.push(...error.fields);
      return undefined;
    }
  };
  const from = keyOf('from');
  const to = keyOf('to');
  return from === undefined || to === undefined ? undefined : { from, to };
}

/** Each move must take a removed open stage (once) to an open stage of the new list. */
function checkMove(move: StageMove, at: string, removed: readonly string[], next: readonly PipelineStageDefinition[], seen: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!removed.includes(move.from)) errors.push({ field: `${at}.from`, message: `${move.from} is not an open stage this revision removes` });
  else if (seen.has(move.from)) errors.push({ field: `${at}.from`, message: `${move.from} is moved already` });
  seen.add(move.from);
  if (!next.some((stage) => stage.key === move.to && stage.kind === 'OPEN')) {
    errors.push({ field: `${at}.to`, message: `${move.to} is not an open stage of the revised pipeline` });
  }
  return errors;
}

/**
 * The moves of a revision, checked against what it removes: every bad move is a ValidationError
 * naming `moves[i].from` or `moves[i].to`; a removed open stage without a move is MOVE_REQUIRED,
 * since its open opportunities would be left at a stage that no longer exists.
 */
export function parseMoves(
  raw: unknown,
  previous: readonly PipelineStageDefinition[],
  next: readonly PipelineStageDefinition[],
): StageMove[] {
  if (raw != null && !Array.isArray(raw)) throw ValidationError.field('moves', 'must be a list of moves');
  const errors: FieldError[] = [];
  const parsed = ((raw ?? []) as unknown[]).map((move, index) => parseMove(move, `moves[${index}]`, errors));
  const removed = removedOpenStages(previous, next);
  const seen = new Set<string>();
  parsed.forEach((move, index) => move && errors.push(...checkMove(move, `moves[${index}]`, removed, next, seen)));
  if (errors.length > 0) throw new ValidationError(errors);
  const moves = parsed as StageMove[];
  const unmoved = removed.filter((key) => !moves.some((move) => move.from === key));
  if (unmoved.length > 0) {
    throw new RuleViolation('MOVE_REQUIRED', `Say where the open opportunities of ${unmoved.join(', ')} go: a move for each removed open stage`);
  }
  return moves;
}
