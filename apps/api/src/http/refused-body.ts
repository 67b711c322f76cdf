import type { NextFunction, Request, Response } from 'express';

/** What the JSON body parser raises (http-errors): a body that is not JSON (400), or over the size limit (413). */
interface BodyError {
  type?: string;
  status?: number;
  message: string;
}

const isBodyError = (error: unknown): error is BodyError =>
  typeof error === 'object' && error !== null && String((error as BodyError).type).startsWith('entity.');

/**
 * A body the JSON parser refused is answered as GraphQL answers any refused request: `errors` with
 * BAD_USER_INPUT naming the request, at the parser's status. Left to Nest, the client got
 * `{ statusCode, message }`, which no GraphQL client reads. The message is fixed: the parser's own
 * message quotes part of the body, which may be a person's data.
 */
export const refusedBody = (error: unknown, _request: Request, response: Response, next: NextFunction): void => {
  if (!isBodyError(error)) return next(error);
  const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 400;
  const message = status === 413 ? 'The request body is larger than the server accepts (100 kB).' : 'The request body could not be read as JSON.';
  response.status(status).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'request', message }] } }] });
};
