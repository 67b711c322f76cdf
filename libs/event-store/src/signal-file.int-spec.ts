import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignalFile } from './signal-file';

describe('SignalFile: what it cannot do never stops the product', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-signal-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens, bumps and watches where no file can be made without throwing, says so once, and tells nobody', () => {
    const warnings: string[] = [];
    const path = join(dir, 'events.sqlite.signal');
    // A folder where the file should be: every open fails, as a vanished data folder's would.
    mkdirSync(path);
    const signal = new SignalFile(path, (message) => warnings.push(message));
    let told = 0;
    const stop = signal.watch(() => told++);
    signal.bump();
    signal.bump();
    stop();
    signal.close();
    expect(told).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(path);
  });

  it('keeps quiet when a bump cannot recreate a deleted file', () => {
    const warnings: string[] = [];
    const folder = join(dir, 'data');
    mkdirSync(folder);
    const signal = new SignalFile(join(folder, 'read-models.sqlite.signal'), (message) => warnings.push(message));
    rmSync(folder, { recursive: true });
    expect(() => signal.bump()).not.toThrow();
    expect(() => signal.bump()).not.toThrow();
    signal.close();
    expect(warnings).toHaveLength(1);
  });
});
