import { describe, expect, it } from 'vitest';
import { thrownOf } from '../../test/support/thrown.js';
import { parseCommandArgs, readParseKind, readScheme } from './arguments.js';
import { UsageError } from './UsageError.js';

/** Runs `fn` and returns the usage error it threw, failing when it throws none. */
const usageError = (fn: () => unknown): UsageError => thrownOf(UsageError, fn);

describe('parseCommandArgs', () => {
  const options = { url: { type: 'string' }, json: { type: 'boolean' } } as const;

  it('reads the options and the positionals', () => {
    expect(parseCommandArgs(['a.json', '--url', 'http://x/', '--json'], options)).toEqual({
      values: { url: 'http://x/', json: true },
      positionals: ['a.json'],
    });
    expect(parseCommandArgs([], options).values).toEqual({});
  });

  it('reports an unknown option or a missing value in one sentence', () => {
    expect(usageError(() => parseCommandArgs(['--nope'], options)).message).toBe(
      "Unknown option '--nope'.",
    );
    expect(usageError(() => parseCommandArgs(['--url'], options)).message).toMatch(
      /^Option '--url <value>' argument missing\. Give it a value, or leave the option out\.$/,
    );
  });

  it('suggests the option meant by a typo', () => {
    expect(usageError(() => parseCommandArgs(['--ulr', 'x'], options)).message).toBe(
      'Unknown option \'--ulr\'. Did you mean "--url"?',
    );
  });
});

describe('readParseKind', () => {
  it('accepts a kind of the given provider, or of any provider', () => {
    expect(readParseKind(undefined, 'textlink')).toBeUndefined();
    expect(readParseKind('failed', 'textlink')).toBe('failed');
    expect(readParseKind('failed', undefined)).toBe('failed');
  });

  it('says why a kind is refused', () => {
    expect(usageError(() => readParseKind('failed', 'textrequest')).message).toBe(
      '--kind does not apply to textrequest, whose body says what it is.',
    );
    expect(usageError(() => readParseKind('nope', 'textlink')).message).toBe(
      '--kind must be a webhook kind (textlink: received, sent, failed, tag_changed).',
    );
  });
});

describe('readScheme', () => {
  it('accepts a scheme of the given provider, or of any provider', () => {
    expect(readScheme(undefined, 'telmetrics')).toBeUndefined();
    expect(readScheme('url-token', 'telmetrics')).toBe('url-token');
    expect(readScheme('body-secret', undefined)).toBe('body-secret');
  });

  it('lists the schemes of the providers it could apply to', () => {
    expect(usageError(() => readScheme('url-token', 'textrequest')).message).toBe(
      '--scheme must be one of hmac-sha256.',
    );
    expect(usageError(() => readScheme('nope', undefined)).message).toBe(
      '--scheme must be one of ms-signature, url-token, body-secret, hmac-sha256.',
    );
  });
});
