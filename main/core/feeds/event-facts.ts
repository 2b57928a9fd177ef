// Helpers the provider modules use to say what an event is about in people's words: the detail pane's facts and the
// list's titles (counterparty, document number and date, amount, state). Never throws on odd values.
import type { EventFact, LocalizedText } from '../../../preload/contract.ts';

export type Fields = Record<string, unknown>;

/** An object's fields, or {} for anything else. */
export function fields(value: unknown): Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
}

/** A short printable value, or null for absent, empty and non-scalar values. */
export function text(value: unknown, max = 200): string | null {
  if (typeof value === 'string') {
    const clean = value.replace(/\s+/g, ' ').trim();
    return clean === '' ? null : clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return null;
}

/** The first of `keys` with a printable value. */
export function firstText(f: Fields, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = text(f[key]);
    if (value !== null) return value;
  }
  return null;
}

const rub = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' });

/** «12 500,00 ₽» from a number or a numeric string; null otherwise. */
export function money(value: unknown): string | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value.replace(',', '.'))
        : Number.NaN;
  return Number.isFinite(n) ? rub.format(n) : null;
}

const GUID = /^[{(]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}[)}]?$/i;

/** Whether a value is a GUID (never shown where a person reads). */
export function isGuid(value: string): boolean {
  return GUID.test(value.trim());
}

/** Whether a text is made of ids only (GUIDs, long digit runs, separators): not people's words. */
export function idsOnly(value: string): boolean {
  const words = value.split(/[\s·,;:]+/).filter(Boolean);
  return words.length > 0 && words.every((word) => isGuid(word) || /^[0-9a-f-]{16,}$/i.test(word));
}

/** A fact, or nothing when the value is empty. */
export function fact(ru: string, en: string, value: string | null | undefined): EventFact[] {
  return value ? [{ label: { ru, en }, value }] : [];
}

/** A fact whose value is words in both languages. */
export function wordsFact(ru: string, en: string, value: LocalizedText | null | undefined): EventFact[] {
  return value ? [{ label: { ru, en }, value: value.ru, valueText: value }] : [];
}

export const FACT = {
  counterparty: ['Контрагент', 'Counterparty'],
  organization: ['Организация', 'Organization'],
  document: ['Документ', 'Document'],
  amount: ['Сумма', 'Amount'],
  state: ['Состояние', 'State'],
  store: ['Магазин', 'Store'],
  object: ['Объект', 'Object'],
  period: ['Период', 'Period'],
} as const satisfies Record<string, readonly [string, string]>;
