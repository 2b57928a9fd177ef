// Which links the app may hand to the system browser: https only, and only to the providers' own domains (DESIGN.md
// section 10): the union of the provider modules' link hosts, the list the window also gets through providers:list.
import { BUILT_IN_PROVIDERS } from '../core/feeds/registry.ts';
import { isLinkToHosts } from '../core/text/provider-links.ts';

/** Registrable domains of the providers; a link may go to one of these or any of its subdomains. */
export const EXTERNAL_LINK_DOMAINS: readonly string[] = BUILT_IN_PROVIDERS.linkHosts();

/** True when `raw` is an https URL (default port, no credentials) to an allowed provider host. */
export function isAllowedExternalLink(raw: string): boolean {
  return isLinkToHosts(raw, EXTERNAL_LINK_DOMAINS);
}
