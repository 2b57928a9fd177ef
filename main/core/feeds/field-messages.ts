// Zod messages in both languages. A schema's message is the text a config file's error prints (the CLI shows it as it
// is); this table gives the window both languages of it, so one schema serves the config file, an import and the
// feed form. Only texts made of constants are registered, never a user's input.
import { z } from 'zod';
import type { LocalizedText } from '../../../preload/contract.ts';

const TEXTS = new Map<string, LocalizedText>();
const RU = z.locales.ru();
const EN = z.locales.en();

/** A message for a zod check: `printed` (by default the English) is what a config error says, `text` what the form says. */
export function fieldMessage(text: LocalizedText, printed: string = text.en): string {
  TEXTS.set(printed, text);
  return printed;
}

function localeMessage(locale: ReturnType<typeof z.locales.en>, issue: z.core.$ZodIssue): string | undefined {
  const said = locale.localeError(issue as unknown as z.core.$ZodRawIssue);
  return typeof said === 'string' ? said : said?.message;
}

/**
 * What the form shows for an issue: its registered text, else zod's own words in both languages (when the message is
 * zod's English), else the message as it is in both.
 */
export function issueText(issue: z.core.$ZodIssue): LocalizedText {
  const known = TEXTS.get(issue.message);
  if (known) return known;
  if (localeMessage(EN, issue) === issue.message) return { ru: localeMessage(RU, issue) ?? issue.message, en: issue.message };
  return { ru: issue.message, en: issue.message };
}
