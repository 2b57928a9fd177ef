// The window's translator for every component, in the language of the preferences.
import { createContext, useContext } from 'react';
import { createTranslator, type Translator } from './translator.ts';

export const I18nContext = createContext<Translator>(createTranslator('ru'));

export function useI18n(): Translator {
  return useContext(I18nContext);
}
