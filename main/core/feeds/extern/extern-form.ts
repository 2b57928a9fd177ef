// The Kontur.Extern feed form: fields, where each value comes from, defaults.
import type { ProviderFormInfo } from '../../../../preload/contract.ts';
import { apiAddressField, EXAMPLE_GUID, t } from '../form-fields.ts';
import {
  CLIENT_ID_WHERE,
  KONTUR_IDENTITY_URL_FIELD,
  KONTUR_SIGN_IN_OPTION,
  READY_TOKEN_OPTION,
} from '../kontur/kontur-form-fields.ts';
import { EXTERN_PROD_URL } from './extern-provider.ts';

export const externForm: ProviderFormInfo = {
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
        'Токен доступа — если он у вас есть (его выдаёт администратор или интегратор вашей организации): вставьте его ' +
          'ниже. Вход через Контур сам обновляет токены, но ему нужен Client ID приложения организации. Устаревшая схема ' +
          '— auth.sid сессии и API-ключ.',
        "An access token, if you have one (your organization's administrator or integrator gives it): paste it below. Kontur sign-in renews the tokens itself but needs your organization's application client id. The legacy scheme: a session auth.sid and an API key.",
      ),
      required: false,
      default: 'bearer',
      options: [
        READY_TOKEN_OPTION,
        KONTUR_SIGN_IN_OPTION,
        { value: 'sid', label: t('Устаревшая: auth.sid и API-ключ', 'Legacy: auth.sid and API key') },
      ],
    },
    {
      key: 'clientId',
      kind: 'text',
      label: t('Client ID', 'Client id'),
      help: CLIENT_ID_WHERE,
      required: true,
      showWhen: { key: 'auth', values: ['oidc'] },
    },
    {
      key: '',
      kind: 'password',
      label: t('Токен доступа или auth.sid', 'Access token or auth.sid'),
      help: t(
        'Токен доступа к API Экстерна или, для устаревшей схемы, ключ сеанса auth.sid.',
        'The Extern API access token (Bearer) or, for the legacy scheme, the session auth.sid.',
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
        'Необязательно: только события этой учётной записи Экстерна (её идентификатор). Пусто — все, что поделились событиями.',
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
    KONTUR_IDENTITY_URL_FIELD,
    apiAddressField(EXTERN_PROD_URL, t('Экстерна', 'Extern')),
  ],
};
