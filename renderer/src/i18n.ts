// UI strings in Russian (default) and English, plurals via Intl.PluralRules, dates via Intl.DateTimeFormat.
import { createContext, useContext } from 'react';
import type { FeedErrorKind, FeedPhase, Language, LocalizedText } from '../../preload/contract.ts';

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const ru = {
  appTitle: 'Feedbell',
  logTitle: 'Журнал событий',
  language: 'Язык',
  theme: 'Тема',
  themeSystem: 'Как в системе',
  themeLight: 'Светлая',
  themeDark: 'Тёмная',
  feeds: 'Ленты',
  allFeeds: 'Все ленты',
  syncAll: 'Обновить все',
  pauseAll: 'Приостановить все',
  resumeAll: 'Возобновить все',
  syncNow: 'Обновить',
  addFeed: 'Добавить ленту',
  editFeed: 'Настройки ленты «{name}»',
  syncFeedNow: 'Обновить ленту «{name}»',
  pause: 'Пауза',
  resume: 'Продолжить',
  pauseFeed: 'Приостановить ленту «{name}»',
  resumeFeed: 'Возобновить ленту «{name}»',
  unreadInFeed: 'Непрочитанных: {count}',
  markAllRead: 'Отметить всё прочитанным',
  search: 'Поиск',
  searchPlaceholder: 'Поиск по событиям  ( / )',
  filterProvider: 'Сервис',
  filterType: 'Тип события',
  filterFeed: 'Лента',
  anyProvider: 'Все сервисы',
  anyType: 'Все типы',
  unreadOnly: 'Только непрочитанные',
  from: 'С',
  to: 'По',
  resetFilters: 'Сбросить',
  filters: 'Фильтры',
  eventList: 'События',
  loading: 'Загрузка…',
  loadingMore: 'Загружаем ещё…',
  noEvents: 'Событий нет',
  noMatches: 'Ничего не найдено. Измените фильтры или строку поиска.',
  endOfList: 'Это все события',
  selectEvent: 'Выберите событие, чтобы увидеть подробности.',
  detail: 'Подробности события',
  markUnread: 'Отметить непрочитанным',
  markRead: 'Отметить прочитанным',
  openInProvider: 'Открыть в сервисе {provider}',
  close: 'Закрыть',
  fieldTitle: 'Заголовок',
  fieldSummary: 'Описание',
  fieldProvider: 'Сервис',
  fieldFeed: 'Лента',
  fieldType: 'Тип',
  fieldId: 'ID события',
  fieldKey: 'Ключ в журнале',
  fieldOccurredAt: 'Произошло',
  fieldReceivedAt: 'Получено',
  fieldRead: 'Прочитано',
  fieldLink: 'Ссылка',
  yes: 'да',
  no: 'нет',
  none: '—',
  payload: 'Исходные данные (JSON)',
  showAll: 'Показать полностью',
  showLess: 'Свернуть',
  moreDetails: 'Подробнее',
  linkNotOffered: 'адрес не на сайте сервиса, не открывается',
  demoData: 'демонстрационные данные',
  unread: 'Не прочитано',
  phase_idle: 'Ожидает',
  phase_syncing: 'Синхронизация…',
  phase_ok: 'OK',
  phase_error: 'Ошибка',
  phase_paused: 'Приостановлена',
  phase_disabled: 'Отключена',
  okAt: 'OK в {time}',
  nextPollAt: 'следующая проверка в {time}',
  errorAt: 'Ошибка в {time}',
  err_auth: 'Нужно войти заново',
  err_subscription: 'Нет подписки',
  err_forbidden: 'Нет доступа',
  'err_rate-limit': 'Слишком много запросов',
  err_server: 'Ошибка сервера',
  err_network: 'Нет связи',
  err_protocol: 'Непонятный ответ сервиса',
  err_config: 'Ошибка настройки',
  err_storage: 'Не записать журнал на диск',
  welcomeTitle: 'Добро пожаловать в Feedbell',
  welcomeText:
    'Feedbell следит за лентами событий Эвотора, Диадока, Контур.Экстерна и Контур.Реестро и сообщает о новых событиях. Чтобы посмотреть, как это работает, добавьте демонстрационную ленту — она генерирует события сама, без учётных данных.',
  addDemo: 'Добавить демо-ленту',
  addFeedWelcome: 'Подключить сервис',
  addingDemo: 'Добавляем…',
  dismiss: 'Понятно',
  firstRunNote: 'Первый запуск: лента уже настроена, новые события появятся здесь сами.',
  noBridge: 'Окно запущено без связи с Feedbell.',
  requestFailed: 'Не удалось выполнить запрос: {message}',
  newEvents: {
    one: '{count} новое событие',
    few: '{count} новых события',
    many: '{count} новых событий',
    other: '{count} нового события',
  } as PluralForms,
  eventsLoaded: {
    one: '{count} событие',
    few: '{count} события',
    many: '{count} событий',
    other: '{count} события',
  } as PluralForms,
  newestShown: { one: 'Показаны последние {count}', other: 'Показаны последние {count}' } as PluralForms,
  unreadCount: {
    one: '{count} непрочитанное',
    few: '{count} непрочитанных',
    many: '{count} непрочитанных',
    other: '{count} непрочитанного',
  } as PluralForms,
  keyboardHint: '↑↓ — выбор, Enter — открыть, U — прочитано/нет, / — поиск',
};

type Messages = typeof ru;
type MessageKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
type PluralKey = { [K in keyof Messages]: Messages[K] extends PluralForms ? K : never }[keyof Messages];

const en: Messages = {
  appTitle: 'Feedbell',
  logTitle: 'Event log',
  language: 'Language',
  theme: 'Theme',
  themeSystem: 'System',
  themeLight: 'Light',
  themeDark: 'Dark',
  feeds: 'Feeds',
  allFeeds: 'All feeds',
  syncAll: 'Sync all',
  pauseAll: 'Pause all',
  resumeAll: 'Resume all',
  syncNow: 'Sync now',
  addFeed: 'Add a feed',
  editFeed: 'Settings of the feed “{name}”',
  syncFeedNow: 'Sync feed “{name}” now',
  pause: 'Pause',
  resume: 'Resume',
  pauseFeed: 'Pause feed “{name}”',
  resumeFeed: 'Resume feed “{name}”',
  unreadInFeed: 'Unread: {count}',
  markAllRead: 'Mark all read',
  search: 'Search',
  searchPlaceholder: 'Search events  ( / )',
  filterProvider: 'Service',
  filterType: 'Event type',
  filterFeed: 'Feed',
  anyProvider: 'All services',
  anyType: 'All types',
  unreadOnly: 'Unread only',
  from: 'From',
  to: 'To',
  resetFilters: 'Reset',
  filters: 'Filters',
  eventList: 'Events',
  loading: 'Loading…',
  loadingMore: 'Loading more…',
  noEvents: 'No events yet',
  noMatches: 'Nothing found. Change the filters or the search text.',
  endOfList: 'That is all the events',
  selectEvent: 'Select an event to see its details.',
  detail: 'Event details',
  markUnread: 'Mark unread',
  markRead: 'Mark read',
  openInProvider: 'Open in {provider}',
  close: 'Close',
  fieldTitle: 'Title',
  fieldSummary: 'Summary',
  fieldProvider: 'Service',
  fieldFeed: 'Feed',
  fieldType: 'Type',
  fieldId: 'Event ID',
  fieldKey: 'Log key',
  fieldOccurredAt: 'Occurred',
  fieldReceivedAt: 'Received',
  fieldRead: 'Read',
  fieldLink: 'Link',
  yes: 'yes',
  no: 'no',
  none: '—',
  payload: 'Raw payload (JSON)',
  showAll: 'Show all',
  showLess: 'Show less',
  moreDetails: 'Details',
  linkNotOffered: 'not an address on the service’s site; not opened',
  demoData: 'demo data',
  unread: 'Unread',
  phase_idle: 'Idle',
  phase_syncing: 'Syncing…',
  phase_ok: 'OK',
  phase_error: 'Error',
  phase_paused: 'Paused',
  phase_disabled: 'Disabled',
  okAt: 'OK at {time}',
  nextPollAt: 'next check at {time}',
  errorAt: 'Error at {time}',
  err_auth: 'Sign in again',
  err_subscription: 'No subscription',
  err_forbidden: 'Access denied',
  'err_rate-limit': 'Too many requests',
  err_server: 'Server error',
  err_network: 'No connection',
  err_protocol: 'Unexpected answer from the service',
  err_config: 'Configuration error',
  err_storage: 'Cannot write the log to disk',
  welcomeTitle: 'Welcome to Feedbell',
  welcomeText:
    'Feedbell watches the event feeds of Evotor, Diadoc, Kontur.Extern and Kontur.Reestro and tells you when something new arrives. To see how it works, add the demo feed: it makes up events by itself and needs no credentials.',
  addDemo: 'Add the demo feed',
  addFeedWelcome: 'Connect a service',
  addingDemo: 'Adding…',
  dismiss: 'Got it',
  firstRunNote: 'First run: a feed is set up, new events will appear here by themselves.',
  noBridge: 'This window is not connected to Feedbell.',
  requestFailed: 'Request failed: {message}',
  newEvents: { one: '{count} new event', other: '{count} new events' },
  eventsLoaded: { one: '{count} event', other: '{count} events' },
  newestShown: { one: 'Newest {count} shown', other: 'Newest {count} shown' },
  unreadCount: { one: '{count} unread', other: '{count} unread' },
  keyboardHint: '↑↓ select, Enter open, U read/unread, / search',
};

const MESSAGES: Record<Language, Messages> = { ru, en };

function fill(template: string, params: Record<string, string | number> | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export interface Translator {
  lang: Language;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  plural(key: PluralKey, count: number): string;
  text(value: LocalizedText): string;
  phase(phase: FeedPhase): string;
  errorKind(kind: FeedErrorKind): string;
  number(n: number): string;
  dateTime(ms: number): string;
  time(ms: number): string;
  /** Compact stamp for list rows: the time today, the date otherwise. */
  shortStamp(ms: number): string;
}

export function createTranslator(lang: Language): Translator {
  const messages = MESSAGES[lang];
  const rules = new Intl.PluralRules(lang);
  const numberFormat = new Intl.NumberFormat(lang);
  const dateTimeFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
  const timeFormat = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
  const shortDateFormat = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: '2-digit' });
  return {
    lang,
    t: (key, params) => fill(messages[key], params),
    plural(key, count) {
      const forms = messages[key];
      const form = forms[rules.select(count)] ?? forms.other;
      return fill(form, { count: numberFormat.format(count) });
    },
    text: (value) => value[lang] || value.ru || value.en,
    phase: (phase) => messages[`phase_${phase}`],
    errorKind: (kind) => {
      const key = `err_${kind}` as const;
      return key in messages ? messages[key] : kind;
    },
    number: (n) => numberFormat.format(n),
    dateTime: (ms) => dateTimeFormat.format(ms),
    time: (ms) => timeFormat.format(ms),
    shortStamp(ms) {
      const date = new Date(ms);
      const now = new Date();
      const sameDay =
        date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
      return sameDay ? timeFormat.format(ms) : shortDateFormat.format(ms);
    },
  };
}

export const I18nContext = createContext<Translator>(createTranslator('ru'));

export function useI18n(): Translator {
  return useContext(I18nContext);
}
