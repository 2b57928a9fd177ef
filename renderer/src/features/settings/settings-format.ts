// The Settings view's numbers in words: a size on disk («12,3 МБ»), the retention choices. No React here.
import type { Translator } from '../../i18n/translator.ts';

/** Bytes as a person reads them, in the window's language: «850 КБ», «12,3 МБ», «1,2 ГБ». */
export function sizeText(i18n: Translator, bytes: number): string {
  const units = [
    ['gigabyte', 1024 ** 3],
    ['megabyte', 1024 ** 2],
    ['kilobyte', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size || unit === 'kilobyte') {
      const format = new Intl.NumberFormat(i18n.lang, { style: 'unit', unit, maximumFractionDigits: 1 });
      return format.format(bytes / size);
    }
  }
  return String(bytes);
}

/** The retention choices in days; null keeps everything. */
export const RETENTION_CHOICES: readonly (number | null)[] = [null, 30, 90, 180, 365, 730, 1825];
