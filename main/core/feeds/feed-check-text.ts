// "Test connection" answers in human terms: what went wrong, in the provider's terms where its module has some, in
// both languages, with the service's own words (and the provider's hint) kept underneath for the curious and support.
import type { FeedFix, FeedTestResult, LocalizedText } from '../../../preload/contract.ts';
import type { FeedError } from '../model.ts';
import type { ProviderWording } from './provider-module.ts';

type Texts = Partial<Record<FeedError['kind'] | 'noSecret', LocalizedText>>;

const t = (ru: string, en: string): LocalizedText => ({ ru, en });

const GENERIC: Required<Texts> = {
  noSecret: t('Токен не задан: введите его в настройках ленты', 'No token is set: enter it in the feed settings'),
  auth: t('Токен не подходит: войдите заново', 'The token was not accepted: sign in again'),
  subscription: t('Подписка на API сервиса закончилась', 'The API subscription has ended'),
  forbidden: t(
    'Сервис не дал доступа: у этого входа нет прав на ленту',
    'The service refused access: this sign-in has no rights to the feed',
  ),
  'rate-limit': t('Сервис просит подождать: слишком много запросов', 'The service asks to wait: too many requests'),
  server: t(
    'Сервис сейчас не отвечает как надо: ошибка на его стороне, попробуйте позже',
    'The service has a problem on its side: try again later',
  ),
  network: t(
    'Нет связи с сервисом: проверьте интернет, прокси и адрес API',
    'Cannot reach the service: check the internet connection, the proxy and the API address',
  ),
  protocol: t(
    'Сервис ответил не так, как ожидалось: проверьте адрес API и настройки',
    'The service answered unexpectedly: check the API address and settings',
  ),
  config: t('В настройках ленты ошибка', 'The feed settings have a mistake'),
  storage: t(
    'Журнал событий на этом компьютере не удалось записать: проверьте место на диске и права на папку данных',
    'The event log on this computer could not be written: check the free disk space and the data folder’s permissions',
  ),
};

const OK = t('Подключение работает', 'The connection works');

/** The answer for a check that came to `error` (null: it worked) for a feed of a provider with this `wording`. */
export function describeCheck(error: FeedError | null, wording: Pick<ProviderWording, 'check'>): FeedTestResult {
  if (error === null) return { ok: true, title: OK };
  const missing = error.kind === 'auth' && /^No\b.*\bis set\b/i.test(error.message);
  const key = missing ? 'noSecret' : error.kind;
  const text = (!missing ? wording.check?.[error.kind] : undefined) ?? GENERIC[key];
  const lines = [error.message, error.hint, error.detail].filter((line): line is string => Boolean(line));
  return lines.length > 0 ? { ok: false, title: text, detail: lines.join('\n') } : { ok: false, title: text };
}

/**
 * The one-click fix for a feed's error: enter the token again (or sign in again, for a feed that signs in), correct
 * the settings, or try again now; none where the user can do nothing in Feedbell (an ended subscription).
 */
export function errorFix(error: Pick<FeedError, 'kind' | 'message'>, signsIn: boolean): FeedFix | undefined {
  switch (error.kind) {
    case 'auth':
      return signsIn ? { kind: 'signIn' } : { kind: 'secret', field: 'secret' };
    case 'forbidden':
    case 'config':
    case 'protocol':
      return { kind: 'settings' };
    case 'rate-limit':
    case 'server':
    case 'network':
    case 'storage':
      return { kind: 'retry' };
    case 'subscription':
      return undefined;
  }
}
