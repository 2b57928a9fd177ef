// A time of day typed as 24-hour HH:MM, whatever the system's locale: read, masked while typing, stepped by the arrow
// keys. Pure: unit tests under Node import it.

/**
 * What the person typed as a time of day, as HH:MM, or null when it is not one: «9:00», «09:00», «0900», «9», «9.30»
 * and «21 30» are read; «24:00», «9:60» and words are not.
 */
export function parseTime(text: string): string | null {
  const trimmed = text.trim();
  let hours: string;
  let minutes: string;
  const parts = /^(\d{1,2})(?:[:.\s](\d{2}))?$/.exec(trimmed);
  if (parts) {
    hours = parts[1]!;
    minutes = parts[2] ?? '00';
  } else if (/^\d{3,4}$/.test(trimmed)) {
    hours = trimmed.slice(0, trimmed.length - 2);
    minutes = trimmed.slice(-2);
  } else return null;
  const h = Number(hours);
  const m = Number(minutes);
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The field's mask while typing: digits and one colon, the colon added after two digits, five characters at most. */
export function maskTime(text: string, previous: string): string {
  const kept = text.replace(/[^\d:]/g, '');
  const [head = '', ...rest] = kept.split(':');
  let value = rest.length > 0 ? `${head.slice(0, 2)}:${rest.join('').slice(0, 2)}` : head.slice(0, 4);
  if (rest.length === 0 && value.length > 2) value = `${value.slice(0, 2)}:${value.slice(2)}`;
  // Two digits typed (not a colon erased): the colon follows.
  else if (rest.length === 0 && value.length === 2 && previous.length < text.length) value = `${value}:`;
  return value.slice(0, 5);
}

/** A time moved by `minutes`, around the clock (the arrow keys in a time field). */
export function stepTime(time: string, minutes: number): string {
  const parsed = parseTime(time) ?? '00:00';
  const total = (((Number(parsed.slice(0, 2)) * 60 + Number(parsed.slice(3)) + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
