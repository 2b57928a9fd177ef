// Which links the app may hand to the system browser: https only, and only to the providers' own domains (DESIGN.md section 10).

/** Registrable domains of the providers; a link may go to one of these or any of its subdomains. */
export const EXTERNAL_LINK_DOMAINS: readonly string[] = [
  'evotor.ru', // Evotor: market.evotor.ru, dev.evotor.ru, ...
  'kontur.ru', // Kontur: diadoc.kontur.ru, extern.kontur.ru, realty checks, ...
  'testkontur.ru', // Kontur's public test stands, used by test feeds
];

/** True when `raw` is an https URL (default port, no credentials) to an allowed provider host. */
export function isAllowedExternalLink(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length > 4096) return false;
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
  return EXTERNAL_LINK_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
