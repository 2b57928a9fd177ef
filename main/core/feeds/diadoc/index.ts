// Diadoc: the events of one e-document box (documents, signatures, rejections).
import { t } from '../form-fields.ts';
import type { KonturScopes } from '../kontur/kontur-oidc.ts';
import { konturSignIn } from '../kontur/kontur-sign-in.ts';
import { KONTUR_LINK_HOSTS } from '../kontur/kontur-sites.ts';
import type { ProviderModule } from '../provider-module.ts';
import { diadocActions } from './diadoc-actions.ts';
import { diadocForm } from './diadoc-form.ts';
import { diadocProvider } from './diadoc-provider.ts';
import { diadocFacts } from './diadoc-facts.ts';
import { DIADOC_FORMER_TYPES, DIADOC_TYPE_NAMES } from './diadoc-texts.ts';

/** The API scope of a 3p client (Diadoc's test stand uses the ".Staging" scope). */
export const DIADOC_KONTUR_SCOPES: KonturScopes = {
  production: 'openid profile email offline_access Diadoc.PublicAPI',
  test: 'openid profile email offline_access Diadoc.PublicAPI.Staging',
};

export const diadocModule: ProviderModule<'diadoc'> = {
  id: 'diadoc',
  name: t('Диадок', 'Diadoc'),
  accent: 'blue',
  linkHosts: KONTUR_LINK_HOSTS,
  provider: diadocProvider,
  form: diadocForm,
  typeNames: DIADOC_TYPE_NAMES,
  formerTypes: DIADOC_FORMER_TYPES,
  facts: diadocFacts,
  actions: diadocActions,
  wording: {
    where: t('в Диадоке', 'in Diadoc'),
    check: {
      auth: t('Токен не подходит: войдите заново', 'The Diadoc token was not accepted: sign in again'),
      subscription: t('Подписка на API Диадока закончилась', 'The Diadoc API subscription has ended'),
      forbidden: t(
        'Нет доступа к этому ящику Диадока: проверьте идентификатор ящика и права пользователя',
        'No access to this Diadoc box: check the box id and the user’s rights',
      ),
    },
  },
  capabilities: { konturSignIn: konturSignIn({ scopes: DIADOC_KONTUR_SCOPES }) },
};
