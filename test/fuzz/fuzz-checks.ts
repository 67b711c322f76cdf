import type { Answer, AnswerError } from './fuzz-target';

/**
 * The codes a client may meet (DESIGN.md's GraphQL contract and apps/api's error mapping): the
 * domain's and the store's, the caller's, and GraphQL's own refusals of a request. Anything else,
 * INTERNAL_SERVER_ERROR first, is a defect.
 */
export const CONTRACT_CODES = new Set([
  'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'RULE_VIOLATION', 'UNAUTHENTICATED', 'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** What an internal failure leaks when it is not masked: a stack frame, a runtime's TypeError, the database's words. */
const INTERNAL_WORDS = [
  /\bat \S+ \(?[^)\s]*:\d+:\d+\)?/, /Cannot read propert/i, /Cannot destructure/i, /is not a function/, /is not iterable/, /undefined is not/i,
  /Maximum call stack/i, /SQLITE_/, /\bsqlite\b/i, /no such (table|column)/i, /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/, /ECONNREFUSED|EADDR/,
  /Unexpected token .* in JSON/, /is not valid JSON/, /Unexpected (end of )?JSON/, /node_modules/, /\/work\/|\/src\/|\.ts:\d+/,
];

export interface Judgement {
  accepted: boolean;
  codes: string[];
  /** Broken properties, each a sentence; empty when the answer keeps the contract. */
  violations: string[];
}

const codeOf = (error: AnswerError): string => String(error.extensions?.code ?? 'NO_CODE');

const errorViolations = (error: AnswerError): string[] => {
  const code = codeOf(error);
  const problems: string[] = [];
  if (!CONTRACT_CODES.has(code)) problems.push(`error code ${code} is not in the contract: ${JSON.stringify(error).slice(0, 400)}`);
  if (code === 'BAD_USER_INPUT') {
    const fields = error.extensions?.fields;
    if (!Array.isArray(fields) || fields.length === 0) problems.push(`BAD_USER_INPUT without fields: ${JSON.stringify(error).slice(0, 400)}`);
  }
  if (code === 'RULE_VIOLATION' && typeof error.extensions?.reason !== 'string') problems.push(`RULE_VIOLATION without a reason: ${error.message}`);
  const leaked = INTERNAL_WORDS.find((pattern) => pattern.test(error.message));
  if (leaked) problems.push(`unmasked internal message (${leaked}): ${error.message.slice(0, 400)}`);
  if (error.extensions && ('stacktrace' in error.extensions || 'exception' in error.extensions)) problems.push(`stack trace in extensions: ${error.message.slice(0, 200)}`);
  return problems;
};

/** Judges one answer to a one-mutation request: no 5xx, typed and masked errors, and whether the mutation was carried out. */
export const judge = (answer: Answer, mutation: string): Judgement => {
  if (answer.status >= 500) return { accepted: false, codes: [`HTTP ${answer.status}`], violations: [`HTTP ${answer.status}: ${answer.text.slice(0, 400)}`] };
  if (answer.body === null || typeof answer.body !== 'object') {
    return { accepted: false, codes: ['NOT_JSON'], violations: [`HTTP ${answer.status} answer is not GraphQL JSON: ${answer.text.slice(0, 400)}`] };
  }
  const errors = Array.isArray(answer.body.errors) ? answer.body.errors : [];
  const result = answer.body.data?.[mutation];
  const accepted = result !== undefined && result !== null;
  const violations = errors.flatMap(errorViolations);
  if (!accepted && errors.length === 0) violations.push(`refused without an error: ${answer.text.slice(0, 400)}`);
  if (accepted && answer.status !== 200) violations.push(`carried out but answered HTTP ${answer.status}`);
  return { accepted, codes: errors.map(codeOf), violations };
};

/** Whether an accepted mutation says it wrote nothing now (a retry of a commandId already carried out). */
export const replayed = (answer: Answer, mutation: string): boolean =>
  (answer.body?.data?.[mutation] as { replayed?: boolean } | undefined)?.replayed === true;
