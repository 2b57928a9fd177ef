// Whether a link from a service may be offered as a link: https, no credentials, default port, a provider's own host.
// The hosts are the provider modules' link domains (ProviderRegistry.linkHosts); the window applies the same list.

/** Longest link accepted; a provider's page address is far shorter. */
const MAX_LINK_LENGTH = 4096;

/** True when `raw` is an https URL (default port, no user or password) to one of `domains` or a subdomain of one. */
export function isLinkToHosts(raw: unknown, domains: readonly string[]): raw is string {
  if (typeof raw !== 'string' || raw.length > MAX_LINK_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  if (url.port !== '') return false;
  // URL has already lower-cased the host and turned non-ASCII names into punycode, so look-alikes do not match.
  const host = url.hostname.replace(/\.$/, '');
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
