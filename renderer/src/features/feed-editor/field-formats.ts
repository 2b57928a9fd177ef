// The value formats the feed form checks by field kind. What a service accepts beyond the plain kinds comes from its
// form description (a guid field's `guidSuffix`), never from its id. No React and no catalogue: a Node test runs these.
import type { FormField } from '../../../../preload/contract.ts';

const LOOSE_GUID = /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;

/** A GUID with or without braces and dashes, or followed by the field's own suffix (any case). */
export function isLooseGuid(value: string, field: Pick<FormField, 'guidSuffix'>): boolean {
  const suffix = field.guidSuffix;
  const bare = suffix && value.toLowerCase().endsWith(suffix.toLowerCase()) ? value.slice(0, -suffix.length) : value;
  return LOOSE_GUID.test(bare);
}

/** https anywhere; plain http only to this computer (main refuses the rest too: a token would travel in the clear). */
export function isServiceUrl(value: string): boolean {
  try {
    const url = new URL(value);
    const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
  } catch {
    return false;
  }
}
