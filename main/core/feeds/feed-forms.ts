// The feed form of each service, as data: fields, labels, plain-language help (where each value comes from),
// defaults and the type filters the service has. The window renders its forms from this (providers:list).
import type { FormField, LocalizedText, ProviderForm, ProviderId } from '../../../preload/contract.ts';
import { findProvider } from './registry.ts';

const t = (ru: string, en: string): LocalizedText => ({ ru, en });

/** Kontur's identity provider, for Diadoc and Extern feeds that sign in (auth "oidc"). */
const KONTUR_IDENTITY_URL: FormField = {
  key: 'identityUrl',
  kind: 'url',
  label: t('Сервис входа Контура', 'Kontur sign-in service'),
  help: t(
    'Менять не нужно: https://identity.kontur.ru. Другой адрес бывает у тестовой площадки Контура.',
    "No need to change: https://identity.kontur.ru. Kontur's test environment has another.",
  ),
  required: false,
  placeholder: 'https://identity.kontur.ru',
  showWhen: { key: 'auth', values: ['oidc'] },
  advanced: true,
};

function baseUrl(defaultUrl: string, service: LocalizedText): FormField {
  return {
    key: 'baseUrl',
    kind: 'url',
    label: t('Адрес API', 'API address'),
    help: t(
      `Менять не нужно: это адрес API сервиса ${service.ru}. Другой адрес бывает у тестовой площадки или прокси вашей компании.`,
      `No need to change: this is the ${service.en} API address. A test environment or your company's gateway may have another.`,
    ),
    required: false,
    default: defaultUrl,
    placeholder: defaultUrl,
    advanced: true,
    source: true,
  };
}

const EXAMPLE_GUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

const FORMS: Record<Exclude<ProviderId, 'demo'>, Omit<ProviderForm, 'id' | 'name'>> = {
  diadoc: {
    intro: t(
      'События ящика Диадока: входящие и исходящие документы, подписи, отказы. Нужны идентификатор ящика и токен доступа к API.',
      'Events of a Diadoc box: incoming and outgoing documents, signatures, rejections. You need the box id and an API access token.',
    ),
    defaultIntervalSec: 60,
    fields: [
      {
        key: 'boxId',
        kind: 'guid',
        label: t('Идентификатор ящика', 'Box id'),
        help: t(
          'В веб-Диадоке: «Настройки» → «Реквизиты организации» → «Идентификатор ящика». Подойдёт и вид …@diadoc.ru.',
          'In Diadoc on the web: Settings → Organization details → "Box id". The …@diadoc.ru form works too.',
        ),
        required: true,
        placeholder: `${EXAMPLE_GUID}@diadoc.ru`,
        source: true,
      },
      {
        key: 'auth',
        kind: 'select',
        label: t('Схема входа', 'Sign-in scheme'),
        help: t(
          'Проще всего — войти через Контур: Feedbell покажет код, вы подтвердите его в браузере, а токены Feedbell будет обновлять сам. Можно и вставить готовый токен; устаревшей схеме DiadocAuth нужен ключ клиента API.',
          'Easiest: sign in to Kontur. Feedbell shows a code, you approve it in the browser, and Feedbell renews the tokens itself. You can also paste a ready token; the legacy DiadocAuth scheme needs the API client id.',
        ),
        required: false,
        default: 'bearer',
        options: [
          { value: 'oidc', label: t('Войти через Контур (рекомендуется)', 'Sign in to Kontur (recommended)') },
          { value: 'bearer', label: t('Готовый токен OpenID Connect (Bearer)', 'A ready OpenID Connect token (Bearer)') },
          { value: 'diadocauth', label: t('Устаревшая: DiadocAuth', 'Legacy: DiadocAuth') },
        ],
      },
      {
        key: 'clientId',
        kind: 'text',
        label: t('Client ID (ключ клиента API)', 'Client id (API client id)'),
        help: t(
          'Выдаётся в «Кабинете интегратора» Контура (integrator.kontur.ru) при подключении к API: раздел вашего приложения → client_id.',
          "Issued in Kontur's integrator cabinet (integrator.kontur.ru) with API access: your application's page → client_id.",
        ),
        required: true,
        showWhen: { key: 'auth', values: ['diadocauth', 'oidc'] },
      },
      {
        key: '',
        kind: 'password',
        label: t('Токен доступа', 'Access token'),
        help: t(
          'Токен доступа к API Диадока (Bearer), который выдаёт вход через Контур (identity.kontur.ru). Для устаревшей схемы — токен из метода Authenticate. Хранится в системной связке ключей.',
          'The Diadoc API access token (Bearer) issued by Kontur sign-in (identity.kontur.ru); for the legacy scheme, the token from Authenticate. Kept in the system keychain.',
        ),
        required: true,
        showWhen: { key: 'auth', values: ['bearer', 'diadocauth'] },
      },
      {
        key: 'documentDirection',
        kind: 'multiselect',
        label: t('Только документы', 'Only documents'),
        help: t('Ничего не выбрано — все события ящика.', 'Nothing chosen: every event of the box.'),
        required: false,
        default: [],
        options: [
          { value: 'Inbound', label: t('Входящие', 'Incoming') },
          { value: 'Outbound', label: t('Исходящие', 'Outgoing') },
          { value: 'Internal', label: t('Внутренние', 'Internal') },
        ],
      },
      {
        key: 'messageType',
        kind: 'multiselect',
        label: t('Только сообщения', 'Only messages'),
        help: t('Ничего не выбрано — все виды сообщений.', 'Nothing chosen: every kind of message.'),
        required: false,
        default: [],
        options: [
          { value: 'Letter', label: t('Письма', 'Letters') },
          { value: 'Draft', label: t('Черновики', 'Drafts') },
          { value: 'Template', label: t('Шаблоны', 'Templates') },
        ],
      },
      {
        key: 'departmentId',
        kind: 'guid',
        label: t('Подразделение', 'Department'),
        help: t(
          'Необязательно. Идентификатор подразделения из «Настройки» → «Структура организации», если нужны события только одного подразделения.',
          'Optional. A department id from Settings → Organization structure, to see one department only.',
        ),
        required: false,
        advanced: true,
        source: true,
      },
      KONTUR_IDENTITY_URL,
      baseUrl('https://diadoc-api.kontur.ru', t('Диадока', 'Diadoc')),
    ],
  },
  evotor: {
    intro: t(
      'События вашего приложения в Эвоторе: покупки в маркете, документы, товары. Нужны ID приложения и токен издателя с правом event:read.',
      'Events of your Evotor app: marketplace purchases, documents, products. You need the app id and a publisher token with the event:read scope.',
    ),
    defaultIntervalSec: 60,
    fields: [
      {
        key: 'appId',
        kind: 'guid',
        label: t('ID приложения', 'App id'),
        help: t(
          'На dev.evotor.ru: «Мои приложения» → ваше приложение → идентификатор приложения (вида 0f8fad5b-…).',
          'On dev.evotor.ru: My apps → your app → the application id (like 0f8fad5b-…).',
        ),
        required: true,
        placeholder: EXAMPLE_GUID,
        source: true,
      },
      {
        key: '',
        kind: 'password',
        label: t('Токен издателя', 'Publisher token'),
        help: t(
          'Ключ доступа издателя на dev.evotor.ru (профиль → токены) с правом event:read. Когда меняются права токена, меняется и сам токен — вставьте новый. Или оставьте пустым, сохраните ленту и нажмите «Получить токен через кабинет разработчика».',
          'The publisher access token on dev.evotor.ru (profile → tokens) with the event:read scope. Changing its scopes changes the token: paste the new one.',
        ),
        required: false,
      },
      {
        key: 'types',
        kind: 'multiselect',
        label: t('Типы событий', 'Event types'),
        help: t(
          'Ничего не выбрано — все типы, что включены в настройках событий версии приложения.',
          "Nothing chosen: every type enabled in the app version's event settings.",
        ),
        required: false,
        default: [],
        options: [
          { value: 'marketplace.purchase', label: t('Покупки в маркете', 'Marketplace purchases') },
          { value: 'document', label: t('Документы', 'Documents') },
          { value: 'product', label: t('Товары', 'Products') },
          { value: 'product-group', label: t('Группы товаров', 'Product groups') },
          { value: 'store', label: t('Магазины', 'Stores') },
        ],
      },
      {
        key: 'mode',
        kind: 'select',
        label: t('Получение', 'Delivery'),
        help: t(
          'Опрос раз в интервал, или постоянное соединение, по которому события приходят сразу.',
          'Polling once per interval, or a standing connection that delivers events at once.',
        ),
        required: false,
        default: 'poll',
        options: [
          { value: 'poll', label: t('Опрос', 'Polling') },
          { value: 'stream', label: t('Поток (сразу)', 'Stream (at once)') },
        ],
        advanced: true,
      },
      baseUrl('https://api.evotor.ru', t('Эвотора', 'Evotor')),
    ],
  },
  extern: {
    intro: t(
      'События документооборотов Контур.Экстерна (отчёты, требования, ответы ФНС) по учётным записям, которые поделились событиями. Нужен токен доступа.',
      'Docflow events of Kontur.Extern (reports, demands, tax office replies) of the accounts that share their events. You need an access token.',
    ),
    defaultIntervalSec: 120,
    fields: [
      {
        key: 'auth',
        kind: 'select',
        label: t('Схема входа', 'Sign-in scheme'),
        help: t(
          'Обычно — токен OpenID Connect. Устаревшая схема: auth.sid сессии и API-ключ.',
          'Usually an OpenID Connect token. The legacy scheme: a session auth.sid and an API key.',
        ),
        required: false,
        default: 'bearer',
        options: [
          { value: 'oidc', label: t('Войти через Контур (рекомендуется)', 'Sign in to Kontur (recommended)') },
          { value: 'bearer', label: t('Готовый токен OpenID Connect (Bearer)', 'A ready OpenID Connect token (Bearer)') },
          { value: 'sid', label: t('Устаревшая: auth.sid и API-ключ', 'Legacy: auth.sid and API key') },
        ],
      },
      {
        key: 'clientId',
        kind: 'text',
        label: t('Client ID', 'Client id'),
        help: t(
          'Выдаётся в «Кабинете интегратора» Контура (integrator.kontur.ru) при подключении к API Экстерна: страница вашего приложения → client_id.',
          "Issued in Kontur's integrator cabinet (integrator.kontur.ru) with Extern API access: your application's page → client_id.",
        ),
        required: true,
        showWhen: { key: 'auth', values: ['oidc'] },
      },
      {
        key: '',
        kind: 'password',
        label: t('Токен доступа или auth.sid', 'Access token or auth.sid'),
        help: t(
          'Токен доступа, который выдаёт вход через Контур (identity.kontur.ru), или auth.sid сессии для устаревшей схемы.',
          'The access token issued by Kontur sign-in (identity.kontur.ru), or the session auth.sid for the legacy scheme.',
        ),
        required: true,
        showWhen: { key: 'auth', values: ['bearer', 'sid'] },
      },
      {
        key: 'apikey',
        kind: 'password',
        label: t('API-ключ', 'API key'),
        help: t(
          'Выдаётся Контуром вместе с доступом к API Экстерна (в «Кабинете интегратора»). Нужен для схемы auth.sid.',
          'Issued by Kontur with access to the Extern API (integrator cabinet). Needed for the auth.sid scheme.',
        ),
        required: true,
        showWhen: { key: 'auth', values: ['sid'] },
      },
      {
        key: 'accountId',
        kind: 'guid',
        label: t('Учётная запись', 'Account'),
        help: t(
          'Необязательно: только события этой учётной записи Экстерна (её GUID). Пусто — все, что поделились событиями.',
          'Optional: only events of this Extern account (its GUID). Empty: every account that shares its events.',
        ),
        required: false,
        placeholder: EXAMPLE_GUID,
        source: true,
      },
      {
        key: 'take',
        kind: 'number',
        label: t('Событий за запрос', 'Events per request'),
        help: t('Менять не нужно.', 'No need to change.'),
        required: false,
        default: 100,
        min: 1,
        max: 1000,
        advanced: true,
      },
      KONTUR_IDENTITY_URL,
      baseUrl('https://extern-api.kontur.ru', t('Экстерна', 'Extern')),
    ],
  },
  realty: {
    intro: t(
      'Проверки объектов недвижимости в Контуре (Реестро): готовые отчёты и изменения. Нужны ID организации и auth.sid или API-ключ.',
      'Kontur realty checks (Reestro): finished reports and changes. You need the organization id and an auth.sid or an API key.',
    ),
    defaultIntervalSec: 300,
    fields: [
      {
        key: 'orgId',
        kind: 'guid',
        label: t('ID организации', 'Organization id'),
        help: t(
          'Идентификатор организации в Контуре (portal.orgid): его показывает служба поддержки или адрес страницы организации в личном кабинете.',
          "The organization's Kontur id (portal.orgid): support can tell it, and the organization's page address in the cabinet shows it.",
        ),
        required: true,
        placeholder: EXAMPLE_GUID,
        source: true,
      },
      {
        key: 'auth',
        kind: 'select',
        label: t('Чем входить', 'Sign in with'),
        help: t('auth.sid — сессия пользователя; API-ключ выдаёт Контур для интеграций.', 'auth.sid is a user session; Kontur issues API keys for integrations.'),
        required: false,
        default: 'sid',
        options: [
          { value: 'sid', label: t('auth.sid сессии', 'Session auth.sid') },
          { value: 'apiKey', label: t('API-ключ', 'API key') },
        ],
      },
      {
        key: '',
        kind: 'password',
        label: t('auth.sid или API-ключ', 'auth.sid or API key'),
        help: t(
          'То, что выбрано выше: auth.sid после входа в Контур или API-ключ интеграции.',
          'Whatever is chosen above: the auth.sid after signing in to Kontur, or the integration API key.',
        ),
        required: true,
      },
      {
        key: 'count',
        kind: 'number',
        label: t('Событий за запрос', 'Events per request'),
        help: t('1–100; менять не нужно.', '1–100; no need to change.'),
        required: false,
        default: 100,
        min: 1,
        max: 100,
        advanced: true,
      },
      baseUrl('https://api.kontur.ru', t('Контура', 'Kontur')),
    ],
  },
};

const DEMO_FORM: Omit<ProviderForm, 'id' | 'name'> = {
  intro: t(
    'Учебная лента без сети: события появляются сами, чтобы можно было попробовать приложение.',
    'A practice feed with no network: events appear by themselves, to try the app out.',
  ),
  defaultIntervalSec: 15,
  fields: [
    {
      key: 'ratePerMinute',
      kind: 'number',
      label: t('Событий в минуту', 'Events per minute'),
      help: t('Как часто появляются новые события.', 'How often new events appear.'),
      required: false,
      default: 4,
      min: 0.01,
      max: 600,
    },
  ],
};

/** Every registered service's form; the demo feed last. */
export function providerForms(): ProviderForm[] {
  const ids: ProviderId[] = ['diadoc', 'evotor', 'extern', 'realty', 'demo'];
  return ids.flatMap((id) => {
    const provider = findProvider(id);
    if (!provider) return [];
    const form = id === 'demo' ? DEMO_FORM : FORMS[id];
    return [{ id, name: provider.name, ...structuredClone(form) }];
  });
}

export function providerForm(id: ProviderId): ProviderForm | null {
  return providerForms().find((form) => form.id === id) ?? null;
}

/** Settings keys whose change points a feed at another source (its position is then reset). */
export function sourceKeys(id: ProviderId): string[] {
  return (providerForm(id)?.fields ?? []).filter((f) => f.kind !== 'password' && f.source).map((f) => f.key);
}
