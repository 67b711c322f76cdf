import { parseEnum } from '../shared/enums';
import { ValidationError, type FieldError } from '../shared/errors';
import { SingleLineText } from '../shared/text';
import { requireString } from '../shared/validation';
import { FORECAST_CATEGORIES, STAGE_KINDS, type PipelineStageDefinition } from './pipeline.definition';

/** What opportunities record: stable across renames, so it is restricted to what reads well in a filter or a URL. */
const STAGE_KEY = /^[A-Z0-9_]{1,40}$/;
export const MAX_STAGES = 30;
export const PIPELINE_NAME_MAX_LENGTH = 100;
const STAGE_NAME_MAX_LENGTH = 100;

/** A stage as the caller writes it: the key is trimmed and upper-cased, the name trimmed. */
export type PipelineStageInput = {
  key: string;
  name: string;
  probability: number;
  kind: string;
  forecastCategory: string;
};

export function parseStageKey(raw: unknown, field: string): string {
  const key = requireString(raw, field).trim().toUpperCase();
  if (!STAGE_KEY.test(key)) throw ValidationError.field(field, 'must be 1 to 40 of A-Z, 0-9 and _');
  return key;
}

export const parsePipelineName = (raw: unknown): string => SingleLineText.parse(raw, 'name', PIPELINE_NAME_MAX_LENGTH);

function parseProbability(raw: unknown, field: string): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > 100) {
    throw ValidationError.field(field, 'must be a whole percentage from 0 to 100');
  }
  return raw;
}

/** Runs `parse`, collecting its field errors instead of stopping at the first. */
function collect<T>(errors: FieldError[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error: unknown) {
    if (!(error instanceof ValidationError)) throw error;
    errors.push(...error.fields);
    return undefined;
  }
}

function parseStage(raw: unknown, at: string, errors: FieldError[]): PipelineStageDefinition | undefined {
  if (raw === null || typeof raw !== 'object') {
    errors.push({ field: at, message: 'must be a stage' });
    return undefined;
  }
  const input = raw as Partial<Record<keyof PipelineStageInput, unknown>>;
  const key = collect(errors, () => parseStageKey(input.key, `${at}.key`));
  const name = collect(errors, () => SingleLineText.parse(input.name, `${at}.name`, STAGE_NAME_MAX_LENGTH));
  const probability = collect(errors, () => parseProbability(input.probability, `${at}.probability`));
  const kind = collect(errors, () => parseEnum(STAGE_KINDS, input.kind, `${at}.kind`));
  const forecastCategory = collect(errors, () => parseEnum(FORECAST_CATEGORIES, input.forecastCategory, `${at}.forecastCategory`));
  if (key === undefined || name === undefined || probability === undefined || kind === undefined || forecastCategory === undefined) {
    return undefined;
  }
  return { key, name, probability, kind, forecastCategory };
}

/**
 * The stage list in order, every bad value reported at once as `stages[i].field`. A key used twice is
 * reported on its second use: it is a value the form can point at, not a rule about the pipeline.
 */
export function parseStages(raw: unknown): PipelineStageDefinition[] {
  if (!Array.isArray(raw)) throw ValidationError.field('stages', 'is required');
  if (raw.length > MAX_STAGES) throw ValidationError.field('stages', `must be at most ${MAX_STAGES} stages`);
  const errors: FieldError[] = [];
  const stages = raw.map((stage, index) => parseStage(stage, `stages[${index}]`, errors));
  stages.forEach((stage, index) => {
    const first = stage && stages.findIndex((other) => other?.key === stage.key);
    if (stage && first !== index) errors.push({ field: `stages[${index}].key`, message: `is the key of stages[${first}] already` });
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return stages as PipelineStageDefinition[];
}
