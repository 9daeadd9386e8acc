import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSecret } from './check-secret.js';
import {
  smsVerificationFailureMessages,
  smsVerificationFailureReasons,
  verificationFailure,
} from './verification-result.js';
import { verifySecret } from './verify-secret.js';

const messages = { missing: 'absent', malformed: 'not a string', mismatch: 'wrong' };

describe('checkSecret', () => {
  it('names each reason a secret fails for, with the message given for it', () => {
    expect(checkSecret('s3cret', ['old', 's3cret'], messages)).toEqual({ ok: true });
    expect(checkSecret('s3cret', ['', ''], messages)).toEqual({
      ok: false,
      reason: 'no_secret',
      message: smsVerificationFailureMessages.no_secret,
    });
    for (const absent of [undefined, null, '']) {
      expect(checkSecret(absent, 's3cret', messages)).toEqual({
        ok: false,
        reason: 'missing_secret',
        message: 'absent',
      });
    }
    expect(checkSecret(123, '123', messages)).toMatchObject({
      reason: 'malformed_secret',
      message: 'not a string',
    });
    expect(checkSecret('guess', 's3cret', messages)).toMatchObject({
      reason: 'secret_mismatch',
      message: 'wrong',
    });
  });

  it('passes exactly when verifySecret does, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.anything()),
        fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
        (received, expected) => {
          expect(checkSecret(received, expected, messages).ok).toBe(
            verifySecret(received, expected),
          );
        },
      ),
    );
  });
});

describe('verification results', () => {
  it('have a message for every reason, and a failure carries its reason', () => {
    expect(Object.keys(smsVerificationFailureMessages).sort()).toEqual(
      [...smsVerificationFailureReasons].sort(),
    );
    for (const reason of smsVerificationFailureReasons) {
      expect(verificationFailure(reason)).toEqual({
        ok: false,
        reason,
        message: smsVerificationFailureMessages[reason],
      });
    }
  });
});
