// The environment variable that holds a feed's secret for headless use (read first by the secret stores).
function part(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * FEEDBELL_SECRET_ + the feed id upper-cased, every character other than A-Z and 0-9 replaced by "_";
 * a named extra secret adds _<NAME> the same way (FEEDBELL_SECRET_MY_FEED_APIKEY).
 */
export function secretEnvName(feedId: string, name?: string): string {
  return `FEEDBELL_SECRET_${part(feedId)}${name ? `_${part(name)}` : ''}`;
}
