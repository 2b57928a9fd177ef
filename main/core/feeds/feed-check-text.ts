// "Test connection" answers in human terms: what went wrong, per service where it matters, in the UI language,
// with the service's own words (and the provider's hint) kept underneath for the curious and for support.
import type { FeedTestResult, Language, LocalizedText } from '../../../preload/contract.ts';
import type { FeedError, ProviderId } from '../model.ts';

type Texts = Partial<Record<FeedError['kind'] | 'noSecret', LocalizedText>>;

const t = (ru: string, en: string): LocalizedText => ({ ru, en });

const GENERIC: Required<Texts> = {
  noSecret: t('Токен не задан: введите его в настройках ленты', 'No token is set: enter it in the feed settings'),
  auth: t('Токен не подходит: войдите заново', 'The token was not accepted: sign in again'),
  subscription: t('Подписка на API сервиса закончилась', 'The API subscription has ended'),
  forbidden: t('Сервис не дал доступа: у этого входа нет прав на ленту', 'The service refused access: this sign-in has no rights to the feed'),
  'rate-limit': t('Сервис просит подождать: слишком много запросов', 'The service asks to wait: too many requests'),
  server: t('Сервис сейчас не отвечает как надо: ошибка на его стороне, попробуйте позже', 'The service has a problem on its side: try again later'),
  network: t('Нет связи с сервисом: проверьте интернет, прокси и адрес API', 'Cannot reach the service: check the internet connection, the proxy and the API address'),
  protocol: t('Сервис ответил не так, как ожидалось: проверьте адрес API и настройки', 'The service answered unexpectedly: check the API address and settings'),
  config: t('В настройках ленты ошибка', 'The feed settings have a mistake'),
  storage: t(
    'Журнал событий на этом компьютере не удалось записать: проверьте место на диске и права на папку данных',
    'The event log on this computer could not be written: check the free disk space and the data folder’s permissions',
  ),
};

const BY_PROVIDER: Partial<Record<ProviderId, Texts>> = {
  diadoc: {
    auth: t('Токен не подходит: войдите заново', 'The Diadoc token was not accepted: sign in again'),
    subscription: t('Подписка на API Диадока закончилась', 'The Diadoc API subscription has ended'),
    forbidden: t('Нет доступа к этому ящику Диадока: проверьте идентификатор ящика и права пользователя', 'No access to this Diadoc box: check the box id and the user’s rights'),
  },
  evotor: {
    auth: t('Токен издателя не подходит: возьмите актуальный на dev.evotor.ru', 'The publisher token was not accepted: get the current one on dev.evotor.ru'),
    forbidden: t('У токена нет права event:read', 'The token lacks the event:read scope'),
    subscription: t('Подписка на API Эвотора закончилась', 'The Evotor API subscription has ended'),
  },
  extern: {
    auth: t('Токен не подходит: войдите заново', 'The Kontur.Extern token was not accepted: sign in again'),
    subscription: t('Подписка на API Экстерна закончилась', 'The Kontur.Extern API subscription has ended'),
    forbidden: t('Экстерн не дал доступа: у учётной записи нет прав на события', 'Kontur.Extern refused access: the account has no rights to the events'),
  },
  realty: {
    auth: t('auth.sid или API-ключ не подходит: войдите заново', 'The auth.sid or API key was not accepted: sign in again'),
    forbidden: t('Нет доступа к организации: проверьте ID организации', 'No access to the organization: check the organization id'),
    subscription: t('Подписка на проверки недвижимости закончилась', 'The realty checks subscription has ended'),
  },
};

const OK = t('Подключение работает', 'The connection works');

/** The answer for a check that came to `error` (null: it worked) for a feed of `provider`. */
export function describeCheck(error: FeedError | null, provider: ProviderId, language: Language): FeedTestResult {
  if (error === null) return { ok: true, title: OK[language] };
  const missing = error.kind === 'auth' && /^No\b.*\bis set\b/i.test(error.message);
  const key = missing ? 'noSecret' : error.kind;
  const text = (!missing ? BY_PROVIDER[provider]?.[error.kind] : undefined) ?? GENERIC[key];
  const lines = [error.message, error.hint, error.detail].filter((line): line is string => Boolean(line));
  return lines.length > 0 ? { ok: false, title: text[language], detail: lines.join('\n') } : { ok: false, title: text[language] };
}
