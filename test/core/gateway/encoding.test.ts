import { describe, expect, it } from 'vitest';
import { encodeForm } from '../../../electron/core/gateway/encoding.js';
import { decodeGatewayForm } from '../../support/fault-server.js';

describe('encodeForm', () => {
  it('writes method then params[KEY], brackets percent-encoded and spaces as +, like http_build_query', () => {
    expect(encodeForm('payment', { AMOUNT: '100', CARDFULLNAME: 'Jane Doe' })).toBe('method=payment&params%5BAMOUNT%5D=100&params%5BCARDFULLNAME%5D=Jane+Doe');
  });

  it('nests one level', () => {
    expect(encodeForm('payment', { AMOUNTS: { '2015-01-01': '100', '2015-02-01': '100' } })).toBe(
      'method=payment&params%5BAMOUNTS%5D%5B2015-01-01%5D=100&params%5BAMOUNTS%5D%5B2015-02-01%5D=100',
    );
  });

  it('round-trips every awkward character through a standard form decoder', () => {
    const params = {
      DESCRIPTION: 'a&b=c+d e%f#g?h/i\\j"k\'l<m>n;o',
      ORDERID: 'Ω-1 € — 日本 😀',
      CLIENTADDRESS: 'line 1\r\nline 2\ttab',
      '3DSECURE': 'yes',
      AMOUNTS: { '2026-03-15': '1', '2026-04-15': '2' },
    };
    const decoded = decodeGatewayForm(encodeForm('payment', params));
    expect(decoded.method).toBe('payment');
    expect(decoded.params).toEqual(params);
  });
});
