// The forms in which a careless server or proxy may echo a secret back, for the redaction tests and the secret scans.

/** A secret as a server may echo it: whole, its first part, base64, base64url, URL-encoded, lower- and upper-cased. */
export function echoForms(secret: string): Record<string, string> {
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  return {
    exact: secret,
    prefix: secret.slice(0, Math.max(8, Math.ceil(secret.length / 2))),
    base64,
    base64url: base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    urlEncoded: encodeURIComponent(secret),
    lowerCase: secret.toLowerCase(),
    upperCase: secret.toUpperCase(),
  };
}

/** A proxy's credentials as it may echo them: user:password, its Basic base64 and the password alone. */
export function proxyEchoForms(user: string, password: string): Record<string, string> {
  return {
    proxyUserPassword: `${user}:${password}`,
    proxyBasic: Buffer.from(`${user}:${password}`, 'utf8').toString('base64'),
    proxyPassword: password,
  };
}

/** The forms as byte strings to look for in files: UTF-8, and the secret itself also as UTF-16LE. */
export function formNeedles(secret: string, forms: Record<string, string>): Buffer[] {
  return [...Object.values(forms).map((form) => Buffer.from(form, 'utf8')), Buffer.from(secret, 'utf16le')];
}

/** The names of the forms found in `text` (an empty list when none leaked). */
export function leakedForms(text: string, forms: Record<string, string>): string[] {
  return Object.entries(forms)
    .filter(([, form]) => text.includes(form))
    .map(([name]) => name);
}
