// Preloaded into a write worker by a test: every command reaches the write path 300 ms late, so a
// test can stop the process while commands are in flight.
require('../../../test/support/ts-register.js');
const { parentPort } = require('node:worker_threads');
const { commandsIn } = require('./commands-in');

const on = parentPort.on.bind(parentPort);
parentPort.on = (event, listener) =>
  on(event, event === 'message' ? (message) => (commandsIn(message).length > 0 ? setTimeout(() => listener(message), 300) : listener(message)) : listener);
