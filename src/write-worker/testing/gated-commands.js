// Preloaded into a write worker by a test: every command is held when it reaches the write path, and
// announced on a BroadcastChannel named after the data folder, until the test posts 'open' there; from
// then on commands pass straight through. A test can so stop the process with requests held at a known
// point inside it, without guessing how long anything takes.
require('../../../test/support/ts-register.js');
const { BroadcastChannel, parentPort, workerData } = require('node:worker_threads');
const { commandsIn } = require('./commands-in');

const channel = new BroadcastChannel(`command-gate:${workerData.env.CRM_DATA_DIR}`);
channel.unref();
const held = [];
let open = false;
channel.onmessage = (event) => {
  if (event.data !== 'open') return;
  open = true;
  held.splice(0).forEach((release) => release());
};

const on = parentPort.on.bind(parentPort);
parentPort.on = (event, listener) =>
  on(event, event !== 'message' ? listener : (message) => {
    const commands = commandsIn(message);
    if (commands.length === 0 || open) return listener(message);
    for (const command of commands) {
      held.push(() => listener(command));
      channel.postMessage({ held: held.length });
    }
  });
