import { describe, expect, it } from 'vitest';
import { parseWebArgs, UsageError } from '../../electron/web/cli-args.js';

describe('npm run web arguments', () => {
  it('reads --port and --data-dir in both spellings', () => {
    expect(parseWebArgs([])).toEqual({ port: 0, dataDir: undefined });
    expect(parseWebArgs(['--port', '8080', '--data-dir', '/tmp/x'])).toEqual({ port: 8080, dataDir: '/tmp/x' });
    expect(parseWebArgs(['--port=0', '--data-dir=/tmp/y'])).toEqual({ port: 0, dataDir: '/tmp/y' });
  });

  it('reads --follow-up-delay-ms, and leaves core its 5-minute default without it', () => {
    expect(parseWebArgs(['--follow-up-delay-ms', '0'])).toEqual({ port: 0, dataDir: undefined, followUpDelayMs: 0 });
    expect(parseWebArgs(['--follow-up-delay-ms=1500'])).toMatchObject({ followUpDelayMs: 1500 });
    expect(parseWebArgs([])).not.toHaveProperty('followUpDelayMs');
  });

  it('reads --notify-port, and leaves the listener a free port without it', () => {
    expect(parseWebArgs(['--notify-port', '8091'])).toEqual({ port: 0, dataDir: undefined, notifyPort: 8091 });
    expect(parseWebArgs(['--notify-port=0'])).toMatchObject({ notifyPort: 0 });
    expect(parseWebArgs([])).not.toHaveProperty('notifyPort');
  });

  it('refuses bad ports, missing values and unknown options with a usage message', () => {
    for (const argv of [
      ['--port', 'abc'],
      ['--port', '70000'],
      ['--port'],
      ['--data-dir'],
      ['--host', '0.0.0.0'],
      ['--port=-1'],
      ['--follow-up-delay-ms', '-1'],
      ['--follow-up-delay-ms', 'soon'],
      ['--follow-up-delay-ms'],
      ['--notify-port', '65536'],
      ['--notify-port', 'x'],
      ['--notify-port'],
    ]) {
      expect(() => parseWebArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
  });
});
