import { describe, expect, it } from 'vitest';
import { providers } from '../../providers/index.js';
import type { SmsWebhookHandlerOptions } from './options.js';
import { resolveHandlerOptions, toSecretList } from './resolve-options.js';

const onEvent = (): void => {};
const resolve = (options: Record<string, unknown>) =>
  resolveHandlerOptions(options as unknown as SmsWebhookHandlerOptions, providers);

describe('resolveHandlerOptions', () => {
  it('fills the defaults: detection, no secret, 1 MiB', () => {
    const resolved = resolve({ onEvent });
    expect(resolved.provider).toBeUndefined();
    expect(resolved.secret).toEqual({ type: 'none' });
    expect(resolved.maxBodyBytes).toBe(1_048_576);
    expect(resolved.strict).toBe(false);
    expect(resolved.onDrift).toBeUndefined();
    expect(resolved.methods).toEqual(['POST']);
  });

  it('takes the methods a hook may be registered with, once each, in the order given', () => {
    expect(resolve({ onEvent, methods: ['PUT', 'POST', 'PUT'] }).methods).toEqual(['PUT', 'POST']);
    expect(resolve({ onEvent, methods: ['DELETE'] }).methods).toEqual(['DELETE']);
  });

  it.each([[[]], [['GET']], [['post']], [['PATCH']], ['POST'], [[1]]])(
    'refuses methods %j when the handler is created',
    (methods) => {
      expect(() => resolve({ onEvent, methods })).toThrow(
        /`methods` must be a non-empty list of POST, PUT, DELETE/,
      );
    },
  );

  it('looks the provider up in the registry', () => {
    expect(resolve({ onEvent, provider: 'textrequest' }).provider?.name).toBe('Text Request');
  });

  it.each([
    [{}, /onEvent/],
    [{ onEvent: 'log' }, /onEvent/],
    [{ onEvent, onError: true }, /onError/],
    [{ onEvent, verify: 'yes' }, /verify/],
    [{ onEvent, strict: 'yes' }, /`strict` must be true or false/],
    [{ onEvent, onDrift: console }, /`onDrift` must be a function/],
    [{ onEvent, phoneNumberParser: 'US' }, /`phoneNumberParser` must be a function/],
    [{ onEvent, intentKeywords: ['STOP'] }, /`intentKeywords` must be an object/],
    [{ onEvent, intentKeywords: null }, /`intentKeywords` must be an object/],
    [{ onEvent, intentKeywords: { optOut: 'STOP' } }, /`intentKeywords.optOut` must be an array/],
    [
      { onEvent, intentKeywords: { help: { add: 'AIDE' } } },
      /`intentKeywords.help` must be an array/,
    ],
    [
      { onEvent, provider: 'twilio' },
      /Unknown provider "twilio"; expected one of telmetrics, textlink, textrequest/,
    ],
    [
      { onEvent, provider: 'telmetrics', kind: 'received' },
      /Unknown webhook kind "received"; Telmetrics takes no kind/,
    ],
    [
      { onEvent, kind: 'delivered' },
      /Unknown webhook kind "delivered"; expected one of received, sent, failed, tag_changed/,
    ],
    [
      { onEvent, provider: 'textlink', scheme: 'url-token' },
      /Unknown verification scheme "url-token"; expected one of body-secret/,
    ],
    [{ onEvent, scheme: 'basic' }, /Unknown verification scheme "basic"/],
    [{ onEvent, maxBodyBytes: 0 }, /maxBodyBytes/],
    [{ onEvent, maxBodyBytes: 1.5 }, /maxBodyBytes/],
    [{ onEvent, maxBodyBytes: Number.NaN }, /maxBodyBytes/],
    [{ onEvent, maxBodyBytes: '1mb' }, /maxBodyBytes/],
    [{ onEvent, toleranceSeconds: -1 }, /toleranceSeconds/],
    [{ onEvent, toleranceSeconds: Number.NaN }, /toleranceSeconds/],
  ])('refuses %j when the handler is created', (options, message) => {
    expect(() => resolve(options)).toThrow(TypeError);
    expect(() => resolve(options)).toThrow(message);
  });

  it('refuses options that are not an object', () => {
    expect(() => resolveHandlerOptions(undefined as never, providers)).toThrow(TypeError);
  });

  it('accepts a scheme of any provider when the provider is detected, and Infinity as tolerance', () => {
    expect(resolve({ onEvent, scheme: 'url-token', toleranceSeconds: Infinity }).scheme).toBe(
      'url-token',
    );
  });

  it('keeps a static secret as a list of its non-empty strings', () => {
    expect(resolve({ onEvent, secret: 'one' }).secret).toEqual({
      type: 'static',
      secrets: ['one'],
    });
    expect(resolve({ onEvent, secret: ['new', '', 'old'] }).secret).toEqual({
      type: 'static',
      secrets: ['new', 'old'],
    });
  });

  it('treats a secret key holding undefined or an empty string as configured with no secret', () => {
    expect(resolve({ onEvent, secret: undefined }).secret).toEqual({ type: 'static', secrets: [] });
    expect(resolve({ onEvent, secret: '' }).secret).toEqual({ type: 'static', secrets: [] });
  });

  it('keeps a secret function as a resolver', () => {
    const secret = () => 'per-tenant';
    expect(resolve({ onEvent, secret }).secret).toEqual({ type: 'resolver', resolve: secret });
  });
});

describe('toSecretList', () => {
  it.each([
    ['abc', ['abc']],
    [
      ['a', 'b'],
      ['a', 'b'],
    ],
    [['a', 3, null, ''], ['a']],
    [undefined, []],
    [null, []],
    [42, []],
    ['', []],
  ])('%j → %j', (value, expected) => {
    expect(toSecretList(value)).toEqual(expected);
  });
});
