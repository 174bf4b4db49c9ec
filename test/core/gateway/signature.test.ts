import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signParams, signingString, SignatureInputError, verifySignature, type SignableParams } from '../../../electron/core/gateway/signature.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('signParams: fact sheet vectors', () => {
  it('V1: simple params, sorted', () => {
    expect(signParams({ c: '3', a: '1', b: '2' }, 'password')).toBe('77c71c1e70ea28525cf078537d22d1932922e3741ed83287b0dc0a117bf77999');
  });

  it('V2: a HASH already present does not change the signature', () => {
    expect(signParams({ c: '3', a: '1', b: '2', HASH: 'shouldnotimpact' }, 'password')).toBe(
      '77c71c1e70ea28525cf078537d22d1932922e3741ed83287b0dc0a117bf77999',
    );
  });

  it('V3: one nested level, children sorted, written PARENT[child]', () => {
    const params = { c: '3', a: '1', b: '2', d: { y: '43', x: '42' } };
    expect(signingString(params, 'password')).toBe('passworda=1passwordb=2passwordc=3passwordd[x]=42passwordd[y]=43password');
    expect(signParams(params, 'password')).toBe('376383093261372eb97909ed1a44b1adb5e8f2687f7a64f1c41d5a0c8cc0b0fa');
  });

  it('V9: the worked example of the integration guide', () => {
    const params = { IDENTIFIER: '123', DESCRIPTION: 'desc', CLIENTIDENT: 'johndoe', AMOUNT: '1000' };
    expect(signingString(params, 'secret')).toBe('secretAMOUNT=1000secretCLIENTIDENT=johndoesecretDESCRIPTION=descsecretIDENTIFIER=123secret');
    expect(signParams(params, 'secret')).toBe('879e317b04d4b7c3376b1c9691a1cea45ba75b9c508a99e379705f3ab44b6088');
  });

  it('V11: no params at all is the hash of the password', () => {
    expect(signParams({}, 'HeyYou')).toBe('e6782449ad8c6c6c50563901573179137ac8056dff3b333be8c9561a7edb659e');
  });
});

describe('signParams: vectors of our own (computed with python hashlib)', () => {
  it('digits sort before letters: 3DSECURE < 3DSECUREDISPLAYMODE < ALIAS < AMOUNT < AMOUNTS', () => {
    const params = { ALIAS: 'A1', AMOUNT: '100', '3DSECUREDISPLAYMODE': 'main', '3DSECURE': 'yes', AMOUNTS: { '2015-02-01': '50' } };
    expect(signingString(params, 'pw')).toBe('pw3DSECURE=yespw3DSECUREDISPLAYMODE=mainpwALIAS=A1pwAMOUNT=100pwAMOUNTS[2015-02-01]=50pw');
    expect(signParams(params, 'pw')).toBe('ba67727e2313692814f9bb309b6511df7b7ac9883f8855e1ef46e99fd14a5e8e');
  });

  it('a realistic capture', () => {
    const params = {
      IDENTIFIER: 'COMPTOIR-MOTO',
      OPERATIONTYPE: 'capture',
      TRANSACTIONID: 'A189063',
      ORDERID: 'CMD-2024-0042',
      DESCRIPTION: 'Capture commande 42',
      AMOUNT: '2500',
      VERSION: '2.0',
    };
    expect(signParams(params, 'Sup3r-S3cret')).toBe('a02fefe2b58abb3a34e6c2f7708cf07f5cc97813c86fc87bdacaad37c123dfe9');
  });

  it('an empty value is signed as KEY= followed by the password', () => {
    expect(signingString({ b: '2', a: '' }, 'password')).toBe('passworda=passwordb=2password');
    expect(signParams({ b: '2', a: '' }, 'password')).toBe('5484ea98caa8178fb2d7043928c67bccb4359bcec54b8fb97684326aff7c30d5');
  });

  it('AMOUNTS nesting takes its place as a whole (AMOUNTS sorts before AMOUNT_NOTE by bytes)', () => {
    const params = {
      IDENTIFIER: 'ID',
      AMOUNTS: { '2015-03-01': '100', '2015-01-01': '100', '2015-02-01': '100' },
      AMOUNT_NOTE: 'x',
      AMOUNT: '300',
      CARDCODE: '4111111111111111',
    };
    expect(signingString(params, 'pw')).toBe(
      'pwAMOUNT=300pwAMOUNTS[2015-01-01]=100pwAMOUNTS[2015-02-01]=100pwAMOUNTS[2015-03-01]=100pwAMOUNT_NOTE=xpwCARDCODE=4111111111111111pwIDENTIFIER=IDpw',
    );
    expect(signParams(params, 'pw')).toBe('b6d5daf38b747e342846c34613b548e3f668a162600750a73b3b89ffa6f501e2');
  });

  it('hashes the UTF-8 bytes of non-ASCII values and passwords', () => {
    const params = { DESCRIPTION: 'Café crème – 2 €', ORDERID: 'Ω-1' };
    expect(signParams(params, 'mot de passe')).toBe('71575a6ea48a28339140632177ba7f571898deec7a937bb7565a2413a3c86c25');
  });

  it('integer-like child keys sort numerically, as PHP ksort does', () => {
    const params = { CART: { '10': 'c', '2': 'b', '1': 'a' } };
    expect(signingString(params, 'pw')).toBe('pwCART[1]=apwCART[2]=bpwCART[10]=cpw');
  });

  it('output is 64 lower-case hex characters', () => {
    expect(signParams({ A: 'B' }, 'x')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('signing order matches UTF-8 byte order', () => {
  it('orders keys exactly as Buffer.compare would, surrogate pairs included', () => {
    const alphabet = ['A', 'a', '0', '_', 'é', '\u00ff', '\u0800', '\uffef', '\ud83d\ude00', '\ue000', 'Z'];
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 200; round += 1) {
      const params: Record<string, string> = {};
      for (let k = 0; k < 6; k += 1) {
        let key = '';
        const length = 1 + Math.floor(random() * 4);
        for (let c = 0; c < length; c += 1) key += alphabet[Math.floor(random() * alphabet.length)];
        params[key] = String(k);
      }
      const expectedOrder = Object.keys(params).sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
      const expected = 'p' + expectedOrder.map((key) => `${key}=${params[key]}p`).join('');
      expect(signingString(params, 'p')).toBe(expected);
    }
  });
});

describe('only strings are signed', () => {
  it('refuses null, undefined, numbers, booleans and arrays, naming the key but never the value', () => {
    const bad: unknown[] = [null, undefined, 100, true, ['a']];
    for (const value of bad) {
      const params = { CARDCODE: '4111111111111111', OTHER: value } as unknown as SignableParams;
      let caught: unknown;
      try {
        signParams(params, 'secret-password');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SignatureInputError);
      const message = (caught as Error).message;
      expect(message).toContain('OTHER');
      expect(message).not.toContain('4111111111111111');
      expect(message).not.toContain('secret-password');
    }
  });

  it('refuses a non-string child', () => {
    expect(() => signParams({ AMOUNTS: { '2015-01-01': 100 } } as unknown as SignableParams, 'pw')).toThrow(SignatureInputError);
  });
});

describe('verifySignature', () => {
  const params = { IDENTIFIER: 'ID', OPERATIONTYPE: 'payment', EXECCODE: '0000', TRANSACTIONID: 'A1', AMOUNT: '100' };
  const hash = sha256('pwAMOUNT=100pwEXECCODE=0000pwIDENTIFIER=IDpwOPERATIONTYPE=paymentpwTRANSACTIONID=A1pw');

  it('accepts the HASH found among the params, or given apart', () => {
    expect(verifySignature({ ...params, HASH: hash }, 'pw')).toBe(true);
    expect(verifySignature(params, 'pw', hash)).toBe(true);
  });

  it('refuses upper-case or mixed-case hex, as the gateway does (fact sheet 1.1 item 6)', () => {
    expect(hash).toMatch(/[a-f]/);
    expect(verifySignature({ ...params, HASH: hash.toUpperCase() }, 'pw')).toBe(false);
    expect(verifySignature(params, 'pw', hash.toUpperCase())).toBe(false);
    const mixed = hash.replace(/[a-f]/, (letter) => letter.toUpperCase());
    expect(verifySignature({ ...params, HASH: mixed }, 'pw')).toBe(false);
    expect(verifySignature({ ...params, HASH: hash }, 'pw')).toBe(true);
  });

  it('refuses a tampered value, a wrong password, a missing or malformed HASH', () => {
    expect(verifySignature({ ...params, AMOUNT: '101', HASH: hash }, 'pw')).toBe(false);
    expect(verifySignature({ ...params, HASH: hash }, 'other')).toBe(false);
    expect(verifySignature(params, 'pw')).toBe(false);
    expect(verifySignature({ ...params, HASH: hash.slice(0, 63) }, 'pw')).toBe(false);
    expect(verifySignature({ ...params, HASH: `${hash.slice(0, 63)}é` }, 'pw')).toBe(false);
    expect(verifySignature({ ...params, HASH: { x: hash } }, 'pw')).toBe(false);
  });

  it('returns false instead of throwing on params it cannot sign', () => {
    expect(verifySignature({ A: null } as unknown as SignableParams, 'pw', hash)).toBe(false);
  });
});
