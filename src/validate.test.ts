import { describe, expect, it } from 'vitest';
import { SmsWebhookError } from './errors/SmsWebhookError.js';
import { safeParseWith } from './validate.js';

describe('safeParseWith', () => {
  it('returns what the parse returns', () => {
    expect(safeParseWith('telmetrics', () => 42)).toEqual({ success: true, output: 42 });
  });

  it('returns an SmsWebhookError the parse throws as it is', () => {
    const error = new SmsWebhookError('invalid_json', 'The body is not valid JSON.', {
      provider: 'textlink',
    });
    expect(
      safeParseWith('telmetrics', () => {
        throw error;
      }),
    ).toEqual({ success: false, error });
  });

  it('reports any other throw as an unreadable payload of the provider', () => {
    const result = safeParseWith('textrequest', () => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(result).toMatchObject({
      success: false,
      error: {
        code: 'invalid_payload',
        provider: 'textrequest',
        issues: [{ path: '', message: 'the payload could not be read' }],
      },
    });
    if (!result.success) expect(result.error).toBeInstanceOf(SmsWebhookError);
  });
});
