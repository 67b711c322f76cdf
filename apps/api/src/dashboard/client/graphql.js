/** A refusal or failure the page explains: `code` is the API's extensions.code, or NETWORK. */
export class ApiError extends Error {
  constructor(code, message, extensions = {}) {
    super(message);
    this.code = code;
    this.extensions = extensions;
  }
}

/** Sends `query` to `endpoint` with the bearer token; answers its data, or throws an ApiError. */
export const askGraphql = async (endpoint, token, query, variables) => {
  let response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new ApiError('NETWORK', `The server could not be reached: ${error.message}`);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError('NETWORK', `The server answered HTTP ${response.status}, not GraphQL.`);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.message, first.extensions ?? {});
  return body.data;
};

/** What the reader should know about an error, in one sentence that names its code. */
export const explain = (error) => {
  if (!(error instanceof ApiError)) return `Something went wrong in this page: ${error.message}`;
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return `UNAUTHENTICATED: the server refused the token (${error.message}). Enter a valid one.`;
    case 'FORBIDDEN': {
      const roles = error.extensions.requiredRoles;
      return `FORBIDDEN: this token's role may not read this${Array.isArray(roles) && roles.length ? `; it takes one of: ${roles.join(', ')}` : ''}.`;
    }
    case 'NETWORK':
      return `NETWORK: ${error.message} Check the connection and try again.`;
    default:
      return `${error.code}: ${error.message}`;
  }
};
