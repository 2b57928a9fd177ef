// The Diadoc feed form: fields, where each value comes from, defaults and the type filters.
import type { ProviderFormInfo } from '../../../../preload/contract.ts';
import { apiAddressField, EXAMPLE_GUID, t } from '../form-fields.ts';
import { KONTUR_IDENTITY_URL_FIELD, KONTUR_SIGN_IN_OPTION, READY_TOKEN_OPTION } from '../kontur/kontur-form-fields.ts';
import { BOX_ID_SUFFIX, DIADOC_DEFAULT_BASE_URL } from './diadoc-schema.ts';

export const diadocForm: ProviderFormInfo = {
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
      placeholder: `${EXAMPLE_GUID}${BOX_ID_SUFFIX}`,
      guidSuffix: BOX_ID_SUFFIX,
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
      options: [KONTUR_SIGN_IN_OPTION, READY_TOKEN_OPTION, { value: 'diadocauth', label: t('Устаревшая: DiadocAuth', 'Legacy: DiadocAuth') }],
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
    KONTUR_IDENTITY_URL_FIELD,
    apiAddressField(DIADOC_DEFAULT_BASE_URL, t('Диадока', 'Diadoc')),
  ],
};
