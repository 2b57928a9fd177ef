// Built on first use, then kept: an Intl formatter costs milliseconds to construct (its locale data is loaded then),
// and the window's first screen needs only a few of them.
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
