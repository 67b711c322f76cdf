import { signToken, type Role } from '@crm/application';

/** What an answer to one request was, as the fuzzer judges it. */
export interface Answer {
  status: number;
  /** The parsed body; null when it was not JSON. */
  body: { data?: Record<string, unknown> | null; errors?: AnswerError[] } | null;
  text: string;
}

export interface AnswerError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The running process under fuzz: where to send requests and how to read its log's head. */
export interface FuzzTarget {
  /** The GraphQL endpoint (`http://127.0.0.1:<port>/graphql`). */
  url: string;
  /** A signed token for a role of the process's secret. */
  token(role: Role): Promise<string>;
  /** The newest position of the event log: unchanged exactly when nothing was appended. */
  eventHead(): Promise<bigint | null>;
}

/** Longer than any mutation's read-your-writes wait: a request still unanswered then hangs. */
export const ANSWER_WITHIN_MS = 30_000;

/** POSTs a raw request body, as any client could send it, and keeps whatever came back. */
export const post = async (url: string, body: string, token: string | null, timeoutMs = ANSWER_WITHIN_MS): Promise<Answer> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let parsed: Answer['body'] = null;
  try {
    parsed = JSON.parse(text) as Answer['body'];
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed, text };
};

/** Tokens of one secret per role, signed once. */
export const tokensFor = (secret: string): ((role: Role) => Promise<string>) => {
  const signed = new Map<Role, Promise<string>>();
  return (role) => {
    if (!signed.has(role)) signed.set(role, signToken({ sub: `fuzz-${role}`, roles: [role] }, secret));
    return signed.get(role)!;
  };
};

/** The head as the API reports it (`projections { headPosition }`): read from the same log the writes go to. */
export const headThroughApi = (url: string, adminToken: () => Promise<string>) => async (): Promise<bigint | null> => {
  const answer = await post(url, JSON.stringify({ query: '{ projections { headPosition } }' }), await adminToken());
  const head = (answer.body?.data?.projections as Array<{ headPosition: string | null }> | undefined)?.[0]?.headPosition;
  if (answer.body?.errors || head === undefined) throw new Error(`Could not read the log's head: ${answer.text.slice(0, 500)}`);
  return head === null ? null : BigInt(head);
};
