// Kontur.Extern: the docflow events (reports, demands, tax office replies) of the accounts that share them.
import { t } from '../form-fields.ts';
import type { KonturScopes } from '../kontur/kontur-oidc.ts';
import { konturSignIn } from '../kontur/kontur-sign-in.ts';
import { KONTUR_LINK_HOSTS } from '../kontur/kontur-sites.ts';
import type { ProviderModule } from '../provider-module.ts';
import { externActions } from './extern-actions.ts';
import { externForm } from './extern-form.ts';
import { externProvider } from './extern-provider.ts';
import { externFacts, externOrganisation } from './extern-facts.ts';
import { EXTERN_TYPE_NAMES } from './extern-texts.ts';
import { externSharing } from './extern-sharing-service.ts';

export const EXTERN_KONTUR_SCOPES: KonturScopes = {
  production: 'openid offline_access extern.api',
  test: 'openid offline_access extern.api',
};

export const externModule: ProviderModule<'extern'> = {
  id: 'extern',
  name: t('Контур.Экстерн', 'Kontur.Extern'),
  accent: 'green',
  linkHosts: KONTUR_LINK_HOSTS,
  provider: externProvider,
  form: externForm,
  typeNames: EXTERN_TYPE_NAMES,
  facts: externFacts,
  actions: externActions,
  organisationOf: externOrganisation,
  wording: {
    where: t('в Экстерне', 'in Kontur.Extern'),
    check: {
      auth: t('Токен не подходит: войдите заново', 'The Kontur.Extern token was not accepted: sign in again'),
      subscription: t('Подписка на API Экстерна закончилась', 'The Kontur.Extern API subscription has ended'),
      forbidden: t(
        'Экстерн не дал доступа: у учётной записи нет прав на события',
        'Kontur.Extern refused access: the account has no rights to the events',
      ),
    },
  },
  capabilities: { konturSignIn: konturSignIn({ scopes: EXTERN_KONTUR_SCOPES }), sharing: externSharing() },
};
