import { describe, expect, it } from 'vitest';
import { isSmsWebhookError, SmsWebhookError } from './SmsWebhookError.js';

describe('SmsWebhookError', () => {
  it('carries its code, provider, issues and cause', () => {
    const cause = new Error('inner');
    const error = new SmsWebhookError('invalid_payload', 'Invalid', {
      provider: 'textlink',
      issues: [{ path: 'phone_number', message: 'expected string' }],
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SmsWebhookError');
    expect(error.message).toBe('Invalid');
    expect(error.code).toBe('invalid_payload');
    expect(error.provider).toBe('textlink');
    expect(error.issues).toEqual([{ path: 'phone_number', message: 'expected string' }]);
    expect(error.cause).toBe(cause);
    const bare = new SmsWebhookError('unauthorized', 'No');
    expect(bare.issues).toEqual([]);
    expect(bare.provider).toBeUndefined();
    expect('cause' in bare).toBe(false);
  });

  it('shows no brand in its enumerable properties, JSON or clones', () => {
    const error = new SmsWebhookError('invalid_json', 'Bad', {
      issues: [{ path: '', message: 'x' }],
    });
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'SmsWebhookError',
      code: 'invalid_json',
      issues: [{ path: '', message: 'x' }],
    });
    expect(structuredClone(error).message).toBe('Bad');
  });
});

describe('isSmsWebhookError', () => {
  it('recognizes the class and subclasses', () => {
    expect(isSmsWebhookError(new SmsWebhookError('unauthorized', 'No'))).toBe(true);
    class Sub extends SmsWebhookError {}
    expect(isSmsWebhookError(new Sub('invalid_json', 'x'))).toBe(true);
  });

  it('recognizes an error of another copy of the library, which carries the shared brand', () => {
    const foreign = Object.assign(new Error('x'), { code: 'invalid_json', issues: [] });
    Object.defineProperty(foreign, Symbol.for('sms-webhooks.SmsWebhookError'), { value: 1 });
    expect(isSmsWebhookError(foreign)).toBe(true);
  });

  it('is not fooled by look-alikes, other brand versions or brands without issues', () => {
    const lookAlike = Object.assign(new Error('x'), {
      name: 'SmsWebhookError',
      code: 'invalid_json',
    });
    expect(isSmsWebhookError(lookAlike)).toBe(false);
    expect(isSmsWebhookError({ name: 'SmsWebhookError', code: 'invalid_json', issues: [] })).toBe(
      false,
    );
    const brand = Symbol.for('sms-webhooks.SmsWebhookError');
    expect(isSmsWebhookError({ [brand]: 2, code: 'invalid_json', issues: [] })).toBe(false);
    expect(isSmsWebhookError({ [brand]: 1, code: 'invalid_json' })).toBe(false);
    expect(isSmsWebhookError({ [brand]: 1, code: 7, issues: [] })).toBe(false);
    expect(isSmsWebhookError({ [brand]: '1', code: 'invalid_json', issues: [] })).toBe(false);
  });

  it('says no, without throwing, for primitives and hostile proxies', () => {
    for (const value of [null, undefined, 'SmsWebhookError', 1, Symbol('x')]) {
      expect(isSmsWebhookError(value)).toBe(false);
    }
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('get');
        },
        getPrototypeOf() {
          throw new Error('prototype');
        },
      },
    );
    expect(isSmsWebhookError(hostile)).toBe(false);
  });
});
