import { describe, expect, it } from 'vitest';
import { errorResponse, okResponse, statusForCode } from './responses.js';

describe('responses', () => {
  it('answers success with 200 {"ok":true} as JSON', () => {
    expect(okResponse()).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"ok":true}',
    });
  });

  it.each([
    ['invalid_json', 400],
    ['invalid_payload', 400],
    ['unknown_provider', 400],
    ['ambiguous_payload', 400],
    ['unauthorized', 401],
    ['method_not_allowed', 405],
    ['payload_too_large', 413],
    ['raw_body_unavailable', 500],
    ['internal_error', 500],
  ] as const)('answers %s with %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
    expect(errorResponse(code).status).toBe(status);
  });

  it('gives 400 answers the issues, copying only path and message', () => {
    const issue = { path: 'text', message: 'expected string, received number', input: 'hunter2' };
    const response = errorResponse('invalid_payload', { issues: [issue], message: 'not shown' });
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: {
        code: 'invalid_payload',
        issues: [{ path: 'text', message: 'expected string, received number' }],
      },
    });
  });

  it('gives 400 answers an empty issue list when there is none', () => {
    expect(JSON.parse(errorResponse('unknown_provider').body)).toEqual({
      ok: false,
      error: { code: 'unknown_provider', issues: [] },
    });
  });

  it('keeps issues and messages out of 401, 413 and internal errors', () => {
    for (const code of ['unauthorized', 'payload_too_large', 'internal_error'] as const) {
      const response = errorResponse(code, {
        issues: [{ path: 'a', message: 'b' }],
        message: 'detail',
      });
      expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code } });
    }
  });

  it('tells how to fix a raw_body_unavailable setup', () => {
    const response = errorResponse('raw_body_unavailable', { message: 'Use express.raw().' });
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: { code: 'raw_body_unavailable', message: 'Use express.raw().' },
    });
  });

  it('names the allowed method on 405', () => {
    expect(errorResponse('method_not_allowed').headers).toEqual({
      'content-type': 'application/json',
      allow: 'POST',
    });
    expect(errorResponse('method_not_allowed', { allow: ['POST', 'PUT'] }).headers).toEqual({
      'content-type': 'application/json',
      allow: 'POST, PUT',
    });
    expect(errorResponse('invalid_json', { allow: ['PUT'] }).headers).not.toHaveProperty('allow');
  });
});
