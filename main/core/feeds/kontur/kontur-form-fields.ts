// Form pieces of the providers that sign in to Kontur: the sign-in scheme's option and the sign-in service address.
import type { FormField, FormFieldOption } from '../../../../preload/contract.ts';
import { t } from '../form-fields.ts';

/**
 * The auth scheme "oidc": Feedbell runs Kontur's device flow and renews the tokens itself, but only for an application
 * registered in Kontur's integrator cabinet (its Client ID), which an accountant does not have: so it is offered second,
 * and says what it needs.
 */
export const KONTUR_SIGN_IN_OPTION: FormFieldOption = {
  value: 'oidc',
  label: t('Вход через Контур — нужен Client ID приложения', 'Kontur sign-in: needs an application client id'),
};

/** A ready access token: what a person who was given a token can use at once; offered first. */
export const READY_TOKEN_OPTION: FormFieldOption = {
  value: 'bearer',
  label: t('Токен доступа (вставить готовый)', 'An access token (paste it)'),
};

/** Where a Client ID comes from, said only on the field that needs it (shown for the schemes that use it). */
export const CLIENT_ID_WHERE = t(
  'Client ID приложения вашей организации в «Кабинете интегратора» Контура (integrator.kontur.ru → ваше приложение → client_id). Если такого приложения нет, выберите выше «Токен доступа».',
  "Your organization's application client id in Kontur's integrator cabinet (integrator.kontur.ru → your application → client_id). Without such an application, choose “An access token” above.",
);

/** Kontur's identity provider, for feeds that sign in (auth "oidc"). */
export const KONTUR_IDENTITY_URL_FIELD: FormField = {
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
