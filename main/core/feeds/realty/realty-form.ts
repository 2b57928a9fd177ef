// The realty checks feed form: fields, where each value comes from, defaults.
import type { ProviderFormInfo } from '../../../../preload/contract.ts';
import { apiAddressField, EXAMPLE_GUID, t } from '../form-fields.ts';
import { DEFAULT_BASE_URL } from './realty-schema.ts';

export const realtyForm: ProviderFormInfo = {
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
      help: t(
        'auth.sid — сессия пользователя; API-ключ выдаёт Контур для интеграций.',
        'auth.sid is a user session; Kontur issues API keys for integrations.',
      ),
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
    apiAddressField(DEFAULT_BASE_URL, t('Контура', 'Kontur')),
  ],
};
