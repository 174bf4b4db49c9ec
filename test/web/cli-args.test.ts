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
    ]) {
      expect(() => parseWebArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
  });
});
