// Preloaded into a write worker by a test: every command answers with something postMessage cannot
// clone, as a handler with that bug would.
require('../../../test/support/ts-register.js');
const { CommandBus } = require('@nestjs/cqrs');

CommandBus.prototype.execute = async () => ({ revision: 0, callback: () => 'not cloneable' });
