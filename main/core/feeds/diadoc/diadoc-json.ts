// Lossless reading of Diadoc's JSON: .NET ticks (about 6.4e17) exceed Number.MAX_SAFE_INTEGER, and JSON.parse
// would round them to multiples of 128 ticks. Integers of 16 or more digits outside strings are read as strings.

/** Ticks (100 ns units since 0001-01-01 UTC) at the Unix epoch. */
export const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;
const TICKS_PER_MS = 10_000n;

/**
 * A string literal (skipped as a whole, so nothing inside strings is touched), or an integer of 16+ digits that is
 * not part of a fraction or exponent (not preceded by a digit, ".", "e", "+" or "-", not followed by a digit, "." or "e").
 */
const STRING_OR_BIG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;

/** Quotes every integer of 16+ digits that stands outside a string, so JSON.parse keeps all its digits. */
export function quoteBigIntegers(text: string): string {
  return text.replace(STRING_OR_BIG_INTEGER, (token) => (token.startsWith('"') ? token : `"${token}"`));
}

/** JSON.parse with big integers kept exactly, as decimal strings. Throws SyntaxError like JSON.parse. */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteBigIntegers(text));
}

/** Epoch milliseconds of .NET ticks (a decimal string); null when unreadable. */
export function ticksToMs(ticks: string): number | null {
  if (!/^-?\d{1,20}$/.test(ticks)) return null;
  const ms = Number((BigInt(ticks) - TICKS_AT_UNIX_EPOCH) / TICKS_PER_MS);
  return Number.isSafeInteger(ms) ? ms : null;
}

/** Exact .NET ticks (decimal string) of epoch milliseconds. */
export function msToTicks(ms: number): string {
  return (BigInt(Math.trunc(ms)) * TICKS_PER_MS + TICKS_AT_UNIX_EPOCH).toString();
}

/** Compares two tick strings numerically. */
export function compareTicks(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
