/**
 * Posts what one turn gathered as one message (`together`), a lone message as itself, and each
 * message alone when the whole cannot be cloned, so only the one that cannot fails (`alone` reports it).
 */
export const postTogether = <M>(messages: M[], together: (messages: M[]) => void, alone: (message: M) => void): void => {
  if (messages.length === 0) return;
  if (messages.length === 1) return alone(messages[0]);
  try {
    together(messages);
  } catch {
    messages.forEach(alone);
  }
};
