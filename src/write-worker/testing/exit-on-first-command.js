// Preloaded into a write worker by a test: the worker thread ends the moment a command reaches it,
// as a crash would, before any answer.
require('../../../test/support/ts-register.js');
const { parentPort } = require('node:worker_threads');
const { commandsIn } = require('./commands-in');

parentPort.on('message', (message) => {
  if (commandsIn(message).length > 0) process.exit(7);
});
