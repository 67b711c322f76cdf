// For the preloads beside it: the commands a message from the event loop carries, one by one (a turn's
// commands arrive as one message, see command-post.ts).
exports.commandsIn = (message) => (message.kind === 'execute' ? [message] : message.kind === 'several' ? message.messages : []);
