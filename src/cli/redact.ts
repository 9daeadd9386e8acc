const WORD = /[A-Za-z0-9]/;

/**
 * Replaces each occurrence of `secret` in `text` that stands on its own with `***`: an occurrence
 * inside a longer word (`k` in `ok`) is left alone, as it is no sign of the secret.
 */
function maskWhereStandalone(text: string, secret: string): string {
  const startsWithWord = WORD.test(secret.charAt(0));
  const endsWithWord = WORD.test(secret.charAt(secret.length - 1));
  let result = '';
  let from = 0;
  for (;;) {
    const at = text.indexOf(secret, from);
    if (at === -1) return result + text.slice(from);
    const end = at + secret.length;
    const standalone =
      !(startsWithWord && at > 0 && WORD.test(text.charAt(at - 1))) &&
      !(endsWithWord && end < text.length && WORD.test(text.charAt(end)));
    result += text.slice(from, at) + (standalone ? '***' : secret);
    from = end;
  }
}

function maskAllForms(text: string, secret: string): string {
  let masked = text;
  // The secret as it would appear in a URL or in a JSON string, as well as verbatim.
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  for (const form of forms) if (form !== '') masked = maskWhereStandalone(masked, form);
  return masked;
}

// A JSON string literal, and whether it is followed by a colon (an object key).
const JSON_STRING = /"(?:[^"\\]|\\.)*"(\s*:)?/g;

/**
 * Hides a secret in text printed from somewhere else (a server's answer, an error): where it
 * stands on its own, and in a JSON body only inside string values, never in keys or in other
 * words, so `{"ok":true}` stays readable whatever the secret is.
 */
export function maskSecret(text: string, secret: string | undefined): string {
  if (secret === undefined || secret === '') return text;
  let isJson = false;
  try {
    JSON.parse(text);
    isJson = true;
  } catch {
    // Not JSON: mask wherever the secret stands on its own.
  }
  if (!isJson) return maskAllForms(text, secret);
  return text.replace(JSON_STRING, (literal: string, colon: string | undefined) =>
    colon === undefined ? maskAllForms(literal, secret) : literal,
  );
}
