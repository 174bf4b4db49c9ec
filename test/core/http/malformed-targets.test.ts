import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../../electron/core/http/request-target.js';
import { startNotificationListener, type NotificationListener } from '../../../electron/core/notifications/listener.js';
import { MemorySink } from '../notifications/support/memory-sink.js';
import { startFixture, type Fixture } from '../../support/sandbox-fixture.js';

/** The bytes given, as they are: node's own client refuses to send most of these targets. */
function rawRequest(port: number, target: string, method = 'GET'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () =>
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`),
    );
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

const MALFORMED = [
  '*',
  'dalenys/notify',
  '/dalenys/notify%',
  '/dalenys/notify%zz',
  '/dalenys%C3%28notify',
  '/dalenys/notify?IDENTIFIER=%G0',
  'http://[/dalenys/notify',
  '/sandbox/ledger%',
];

/** Issue 13 item 15: a malformed request target or a bad %-escape is a 400, never a 500 with a stack trace. */
describe('malformed request targets', () => {
  let listener: NotificationListener;
  let sandbox: Fixture;

  beforeAll(async () => {
    listener = await startNotificationListener({ secrets: { passwordFor: () => 'pw' }, sink: new MemorySink() });
    sandbox = await startFixture();
  });
  afterAll(async () => {
    await listener.close();
    await sandbox.close();
  });

  it('reads the origin and absolute forms, and refuses the rest', () => {
    expect(parseRequestTarget('/a/b?c=d')).toEqual({ path: '/a/b', decodedPath: '/a/b', query: 'c=d' });
    expect(parseRequestTarget('/caf%C3%A9')).toEqual({ path: '/caf%C3%A9', decodedPath: '/café', query: '' });
    expect(parseRequestTarget('http://127.0.0.1:8080/a?b')).toEqual({ path: '/a', decodedPath: '/a', query: 'b' });
    expect(parseRequestTarget('//evil.example/a')).toEqual({ path: '//evil.example/a', decodedPath: '//evil.example/a', query: '' });
    for (const target of ['*', 'a', '', '/%', '/%zz', '/%C3%28', '/a?b=%z1', '/a#b', 'http://[/a', 'http://a b/']) {
      expect(parseRequestTarget(target), target).toBeUndefined();
    }
    expect(parseRequestTarget(undefined)).toBeUndefined();
  });

  it('the notification listener answers 400 and stays up', async () => {
    for (const target of MALFORMED) {
      const reply = await rawRequest(listener.port, target, 'POST');
      expect(reply, target).toMatch(/^HTTP\/1\.1 400 /);
      expect(reply, target).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    expect(await rawRequest(listener.port, '/nowhere')).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('the sandbox answers 400 and stays up', async () => {
    for (const target of [...MALFORMED, '//[', '//', '/sandbox/3ds/%zz']) {
      const reply = await rawRequest(sandbox.sandbox.port, target);
      expect(reply, target).toMatch(/^HTTP\/1\.1 (400|404) /);
      expect(reply, target).not.toMatch(/^HTTP\/1\.1 5/);
      expect(reply, target).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    for (const target of ['*', '/sandbox/health%', '/front/service/rest/process%zz', 'http://[/x']) {
      expect(await rawRequest(sandbox.sandbox.port, target), target).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect(await rawRequest(sandbox.sandbox.port, '/sandbox/health')).toMatch(/^HTTP\/1\.1 200 /);
  });
});
