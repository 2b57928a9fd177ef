// The Diadoc feed form: fields, where each value comes from, defaults and the type filters.
import type { ProviderFormInfo } from '../../../../preload/contract.ts';
import { apiAddressField, EXAMPLE_GUID, t } from '../form-fields.ts';
import {
  CLIENT_ID_WHERE,
  KONTUR_IDENTITY_URL_FIELD,
  KONTUR_SIGN_IN_OPTION,
  READY_TOKEN_OPTION,
} from '../kontur/kontur-form-fields.ts';
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
        'Токен доступа — если он у вас есть (его выдаёт администратор или интегратор вашей организации): вставьте его ' +
          'ниже. Вход через Контур сам обновляет токены, но ему нужен Client ID приложения организации; он же нужен ' +
          'устаревшей схеме DiadocAuth.',
        "An access token, if you have one (your organization's administrator or integrator gives it): paste it below. Kontur sign-in renews the tokens itself but needs your organization's application client id; so does the legacy DiadocAuth scheme.",
      ),
      required: false,
      default: 'bearer',
      options: [
        READY_TOKEN_OPTION,
        KONTUR_SIGN_IN_OPTION,
        { value: 'diadocauth', label: t('Устаревшая: DiadocAuth (нужен Client ID)', 'Legacy: DiadocAuth (needs a client id)') },
      ],
    },
    {
      key: 'clientId',
      kind: 'text',
      label: t('Client ID (ключ клиента API)', 'Client id (API client id)'),
      help: CLIENT_ID_WHERE,
      required: true,
      showWhen: { key: 'auth', values: ['diadocauth', 'oidc'] },
    },
    {
      key: '',
      kind: 'password',
      label: t('Токен доступа', 'Access token'),
      help: t(
        'Токен доступа к API Диадока; для устаревшей схемы DiadocAuth — токен, полученный при входе по логину и паролю или сертификату. Хранится в системной связке ключей.',
        'The Diadoc API access token (Bearer); for the legacy DiadocAuth scheme, the token from Authenticate. Kept in the system keychain.',
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
    {
      key: 'overdueAfterDays',
      kind: 'number',
      label: t('Считать просроченным через, дней', 'Overdue after, days'),
      help: t(
        'Необязательно. Закон не ставит срока на подпись документа: через столько дней документ, ждущий вашей подписи, отмечается в «Требует действия» как просроченный.',
        'Optional. The law sets no term to sign a document: after this many days a document awaiting your signature is marked overdue in «Требует действия».',
      ),
      required: false,
      min: 1,
      max: 365,
    },
    KONTUR_IDENTITY_URL_FIELD,
    apiAddressField(DIADOC_DEFAULT_BASE_URL, t('Диадока', 'Diadoc')),
  ],
};
