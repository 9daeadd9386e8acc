import { describe, expect, it } from 'vitest';
import { maskSecret } from './redact.js';

describe('maskSecret', () => {
  it('leaves JSON keys and other words alone, whatever the secret', () => {
    expect(maskSecret('{"ok":true}', 'k')).toBe('{"ok":true}');
    expect(maskSecret('{"ok":true}', 'ok')).toBe('{"ok":true}');
    expect(maskSecret('{"ok":false,"error":{"code":"unauthorized"}}', 'o')).toBe(
      '{"ok":false,"error":{"code":"unauthorized"}}',
    );
  });

  it('masks the secret where it stands on its own in a JSON value or in text', () => {
    expect(maskSecret('{"secret":"k","text":"ok k."}', 'k')).toBe(
      '{"secret":"***","text":"ok ***."}',
    );
    expect(maskSecret('{ "echo" : "s3cr3t-1" }', 's3cr3t-1')).toBe('{ "echo" : "***" }');
    expect(maskSecret('token=s3cr3t-1&x=s3cr3t-10', 's3cr3t-1')).toBe('token=***&x=s3cr3t-10');
    expect(maskSecret('Bad secret: "k"', 'k')).toBe('Bad secret: "***"');
  });

  it('masks the URL-encoded and JSON-escaped forms too', () => {
    expect(maskSecret('GET /hook?token=a%2Fb%20c', 'a/b c')).toBe('GET /hook?token=***');
    expect(maskSecret('{"echo":"say \\"hi\\""}', 'say "hi"')).toBe('{"echo":"***"}');
  });

  it('changes nothing without a secret', () => {
    expect(maskSecret('{"secret":"k"}', undefined)).toBe('{"secret":"k"}');
    expect(maskSecret('{"secret":"k"}', '')).toBe('{"secret":"k"}');
  });
});
