import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { classifyFailure, errorCode } from '../../../electron/core/gateway/network-errors.js';

const error = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(code), { code, ...extra });

describe('classifyFailure without a socket that became ready', () => {
  it.each([
    ['ECONNREFUSED', 'refused'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['EHOSTUNREACH', 'unreachable'],
    ['ENETUNREACH', 'unreachable'],
    ['GATEWAY_CONNECT_TIMEOUT', 'connect_timeout'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
  ])('%s -> not sent (%s)', (code, cause) => {
    expect(classifyFailure(error(code), { timedOut: false, secure: true })).toEqual({ kind: 'not_sent', cause, detail: code });
  });

  it('a reset during the TLS handshake is a handshake failure', () => {
    expect(classifyFailure(error('ECONNRESET'), { timedOut: false, secure: true })).toMatchObject({ kind: 'not_sent', cause: 'tls' });
  });

  it('our total timeout before the socket was ready is a connect timeout', () => {
    expect(classifyFailure(error('ERR_CANCELED'), { timedOut: true, secure: false })).toMatchObject({ kind: 'not_sent', cause: 'connect_timeout' });
  });

  it('reads the code of a dual-stack AggregateError', () => {
    const aggregate = new AggregateError([error('ECONNREFUSED'), error('ECONNREFUSED')], '');
    expect(errorCode(aggregate)).toBe('ECONNREFUSED');
    expect(classifyFailure(aggregate, { timedOut: false, secure: false })).toMatchObject({ kind: 'not_sent', cause: 'refused' });
  });
});

describe('classifyFailure once the request may have left', () => {
  it('a response already started means truncated, or timeout if ours fired', () => {
    const withResponse = error('ECONNRESET', { response: { status: 200 } });
    expect(classifyFailure(withResponse, { timedOut: false, secure: false })).toMatchObject({ kind: 'maybe_sent', cause: 'truncated' });
    expect(classifyFailure(withResponse, { timedOut: true, secure: false })).toMatchObject({ kind: 'maybe_sent', cause: 'timeout' });
  });

  it('a reused keep-alive socket may have carried the request', () => {
    const onReused = error('ECONNRESET', { request: { reusedSocket: true, socket: null } });
    expect(classifyFailure(onReused, { timedOut: false, secure: false })).toMatchObject({ kind: 'maybe_sent', cause: 'connection_lost' });
  });

  it('a socket it never saw open is treated as used (the safe side)', () => {
    const unknownSocket = error('ECONNREFUSED', { request: { socket: new net.Socket() } });
    expect(classifyFailure(unknownSocket, { timedOut: false, secure: false })).toMatchObject({ kind: 'maybe_sent' });
  });

  it('an oversized answer is its own cause', () => {
    const big = Object.assign(new Error('maxContentLength size of 10 exceeded'), { code: 'ERR_BAD_RESPONSE', response: {} });
    expect(classifyFailure(big, { timedOut: false, secure: false })).toMatchObject({ kind: 'maybe_sent', cause: 'too_large' });
  });
});
