// Counted words through Intl.PluralRules: each language names the forms it has ("one", "few", "many", "other").
import type { Language } from '../../../preload/contract.ts';
import { once } from './once.ts';

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** `count(n, forms)` in `lang`: the form the language's rules pick for n, with `#` as n formatted. */
export function plural(lang: Language): (n: number, forms: PluralForms) => string {
  // Made on first use: both catalogues call this when they load, and a window shows one language.
  const rules = once(() => new Intl.PluralRules(lang));
  const numbers = once(() => new Intl.NumberFormat(lang));
  return (n, forms) => (forms[rules().select(n)] ?? forms.other).replace('#', numbers().format(n));
}
