// Human titles and summaries of realty-check events, in Russian and English. Unknown check types and
// states get a generic but useful text (invariant 4): never a throw.
import type { LocalizedText } from '../../model.ts';
import { firstText, isGuid } from '../event-facts.ts';
import type { RealtyCheckEvent } from './realty-schema.ts';

/**
 * Check kinds, keyed by the lower-cased `checkType`. Only "Fssp" is documented; the other spellings are
 * UNCONFIRMED (seen in third-party create-check bodies), so lookup ignores case, "_" and "-".
 * `ru` is the genitive form that follows "Проверка".
 */
const CHECK_KINDS: Record<string, LocalizedText> = {
  fssp: { ru: 'ФССП', en: 'FSSP (bailiffs)' },
  bankruptcy: { ru: 'банкротства', en: 'bankruptcy' },
  rosfinmonitoring: { ru: 'Росфинмониторинга', en: 'Rosfinmonitoring' },
  arbitration: { ru: 'арбитражных дел', en: 'arbitration cases' },
  pledge: { ru: 'залогов', en: 'pledges' },
  foreignagent: { ru: 'реестра иноагентов', en: 'foreign agents register' },
};

function kindOf(checkType: string | null | undefined): LocalizedText | null {
  if (!checkType?.trim()) return null;
  const known =
    CHECK_KINDS[
      checkType
        .trim()
        .toLowerCase()
        .replace(/[_\-\s]/g, '')
    ];
  if (known) return known;
  const raw = clip(checkType.trim(), 60);
  return { ru: `«${raw}»`, en: `"${raw}"` };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function realtyTitle(event: RealtyCheckEvent): LocalizedText {
  const kind = kindOf(event.checkType);
  const ruWhat = kind ? `Проверка ${kind.ru}` : 'Проверка';
  const enWhat = kind ? `${kind.en.charAt(0).toUpperCase()}${kind.en.slice(1)} check` : 'Check';
  const state = (event.checkState ?? '').trim();
  switch (state.toLowerCase()) {
    case 'processed':
      return { ru: `${ruWhat} завершена`, en: `${enWhat} completed` };
    case 'error':
      return { ru: `${ruWhat} завершена с ошибкой`, en: `${enWhat} failed` };
    case '':
      return { ru: `${ruWhat}: новое событие`, en: `${enWhat}: new event` };
    default: {
      const raw = clip(state, 40);
      return { ru: `${ruWhat}: состояние «${raw}»`, en: `${enWhat}: state "${raw}"` };
    }
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The object a check is about, in words, when the payload has any: address, cadastral number, a reference that is not a GUID. */
export function realtyObject(p: Record<string, unknown>): string | null {
  const named = firstText(p, 'address', 'objectAddress', 'objectName', 'name', 'cadastralNumber', 'cadastreNumber');
  if (named) return named;
  const external = firstText(p, 'externalId');
  return external && !isGuid(external) ? external : null;
}

/**
 * What happened, naming the object in words where the payload has them (its address, cadastral number, or the
 * user's own reference when that is not a GUID); never ids alone (the check and correlation ids are in the detail).
 */
export function realtySummary(event: RealtyCheckEvent): LocalizedText {
  const object = realtyObject(event as Record<string, unknown>);
  const state = (event.checkState ?? '').trim().toLowerCase();
  const result: LocalizedText =
    state === 'processed'
      ? { ru: 'результат проверки готов', en: 'the check’s result is ready' }
      : state === 'error'
        ? { ru: 'проверку не удалось выполнить — запустите её снова', en: 'the check could not be done — run it again' }
        : { ru: 'состояние проверки изменилось', en: 'the check’s state changed' };
  if (object) return { ru: `Объект ${clip(object, 80)}: ${result.ru}`, en: `Object ${clip(object, 80)}: ${result.en}` };
  return { ru: capital(result.ru), en: capital(result.en) };
}

/** A stored type ("Fssp.Processed": check kind and state) in words: «Проверка ФССП завершена». */
export function realtyTypeName(type: string): LocalizedText | null {
  const dot = type.lastIndexOf('.');
  if (dot <= 0) return null;
  const checkType = type.slice(0, dot);
  const checkState = type.slice(dot + 1);
  return realtyTitle({
    checkType: checkType === 'Unknown' ? null : checkType,
    checkState: checkState === 'Unknown' ? null : checkState,
  } as RealtyCheckEvent);
}

/** The documented check kind's types, in words (others are named by realtyTypeName). */
export const REALTY_TYPE_NAMES: Record<string, LocalizedText> = {
  'Fssp.Processed': realtyTypeName('Fssp.Processed')!,
  'Fssp.Error': realtyTypeName('Fssp.Error')!,
};
