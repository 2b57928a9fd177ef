// The addresses a feed may send its secrets to: https, or plain http only to this computer (a test stand or a mock on
// 127.0.0.1), never with a user:password inside. Every provider's settings schema checks its URLs with this.
import { z } from 'zod';
import { fieldMessage } from '../feeds/field-messages.ts';
import type { LocalizedText } from '../model.ts';

/** Whether a URL's host is this computer: localhost, 127.0.0.0/8 or ::1 (as the WHATWG URL parser writes them). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export type ServiceUrlProblem = 'not-a-url' | 'scheme' | 'credentials' | 'plain-http';

/** What is wrong with a service address, or null when a secret may be sent there. */
export function serviceUrlProblem(value: string): ServiceUrlProblem | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not-a-url';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'scheme';
  if (url.username !== '' || url.password !== '') return 'credentials';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return 'plain-http';
  return null;
}

function problemWords(problem: ServiceUrlProblem, field: LocalizedText, example: string): LocalizedText {
  switch (problem) {
    case 'not-a-url':
    case 'scheme':
      return { ru: `${field.ru}: нужен адрес вида ${example}`, en: `${field.en}: needs an address like ${example}` };
    case 'credentials':
      return {
        ru: `${field.ru}: уберите из адреса имя и пароль (user:password@)`,
        en: `${field.en}: remove the user name and password (user:password@) from the address`,
      };
    case 'plain-http':
      return {
        ru: `${field.ru}: нужен адрес https://, например ${example}; http:// допускается только для этого компьютера (localhost, 127.0.0.1, ::1)`,
        en: `${field.en}: needs an https:// address, e.g. ${example}; http:// is allowed only for this computer (localhost, 127.0.0.1, ::1)`,
      };
  }
}

/** A config file's error carries both languages ("русский / English"); the form shows the window's one. */
function problemText(problem: ServiceUrlProblem, field: LocalizedText, example: string): string {
  const words = problemWords(problem, field, example);
  return fieldMessage(words, `${words.ru} / ${words.en}`);
}

/**
 * A zod schema for a service address setting: trimmed, checked, trailing slashes dropped. Its error names the field in
 * words (`field`, e.g. «Адрес API (baseUrl)») and shows `example`.
 */
export function serviceUrlSchema(field: LocalizedText, example: string) {
  return z
    .string({ error: problemText('not-a-url', field, example) })
    .trim()
    .superRefine((value, ctx) => {
      const problem = serviceUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problemText(problem, field, example) });
    })
    .transform((url) => url.replace(/\/+$/, ''));
}

/** The field names the schemas use, so every error reads the same. */
export const API_ADDRESS: LocalizedText = { ru: 'Адрес API (baseUrl)', en: 'API address (baseUrl)' };
export const IDENTITY_ADDRESS: LocalizedText = {
  ru: 'Адрес сервиса входа Контура (identityUrl)',
  en: 'Kontur sign-in address (identityUrl)',
};
