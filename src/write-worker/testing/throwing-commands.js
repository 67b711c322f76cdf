// Preloaded into a write worker by a test: a command for a lead named "Throws" throws before it has a
// promise, as a command without a handler makes CommandBus do; every other command runs as usual.
require('../../../test/support/ts-register.js');
const { CommandBus } = require('@nestjs/cqrs');

const execute = CommandBus.prototype.execute;
CommandBus.prototype.execute = function (command) {
  if (command.data?.firstName === 'Throws') throw new Error('no handler for this command');
  return execute.call(this, command);
};
