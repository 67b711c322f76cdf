// Preloaded into a write worker by a test: stopping the lead-conversion process fails, as a store
// that broke under it would make it, so the worker's own stop path meets an error.
require('../../../test/support/ts-register.js');
const { LeadConversionRunner } = require('../../../libs/application/src');

LeadConversionRunner.prototype.stop = async () => {
  throw new Error('the conversion process could not stop');
};
