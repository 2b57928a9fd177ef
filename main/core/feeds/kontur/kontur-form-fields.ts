// Form pieces of the providers that sign in to Kontur: the sign-in scheme's option and the sign-in service address.
import type { FormField, FormFieldOption } from '../../../../preload/contract.ts';
import { t } from '../form-fields.ts';

/** The auth scheme "oidc": Feedbell runs Kontur's device flow and renews the tokens itself. */
export const KONTUR_SIGN_IN_OPTION: FormFieldOption = { value: 'oidc', label: t('Войти через Контур (рекомендуется)', 'Sign in to Kontur (recommended)') };

/** A ready access token, the other modern scheme. */
export const READY_TOKEN_OPTION: FormFieldOption = { value: 'bearer', label: t('Готовый токен OpenID Connect (Bearer)', 'A ready OpenID Connect token (Bearer)') };

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
