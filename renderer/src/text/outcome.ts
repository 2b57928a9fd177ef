// A capability step's outcome as one line for the window: main's words in the window's language, then the
// service's own words (untranslated, cleaned and bounded) when it said more.
import type { LocalizedText } from '../../../preload/contract.ts';
import type { Translator } from '../i18n/translator.ts';
import { oneLine } from './remote-text.ts';

export function outcomeText(i18n: Translator, outcome: { message: LocalizedText; detail?: string | undefined }): string {
  const message = i18n.text(outcome.message);
  if (!outcome.detail) return message;
  return `${message}${/[.!?:]$/.test(message) ? ' ' : ': '}${oneLine(outcome.detail, 400)}`;
}
