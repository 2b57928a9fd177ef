// Which links the app may hand to the system browser: https only, and only to the providers' own domains (DESIGN.md section 10).
// The list lives in the IPC contract so that the window applies the same one when it decides what to show as a link.
import { PROVIDER_LINK_DOMAINS } from '../../preload/contract.ts';
import { isProviderLink } from '../core/text/provider-links.ts';

/** Registrable domains of the providers; a link may go to one of these or any of its subdomains. */
export const EXTERNAL_LINK_DOMAINS: readonly string[] = PROVIDER_LINK_DOMAINS;

/** True when `raw` is an https URL (default port, no credentials) to an allowed provider host. */
export function isAllowedExternalLink(raw: string): boolean {
  return isProviderLink(raw);
}
