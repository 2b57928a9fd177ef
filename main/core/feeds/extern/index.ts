// Kontur.Extern: the docflow events (reports, demands, tax office replies) of the accounts that share them.
import { t } from '../form-fields.ts';
import { KONTUR_LINK_HOSTS } from '../kontur/kontur-sites.ts';
import type { ProviderModule } from '../provider-module.ts';
import { externForm } from './extern-form.ts';
import { externProvider } from './extern-provider.ts';

export const externModule: ProviderModule<'extern'> = {
  id: 'extern',
  name: t('Контур.Экстерн', 'Kontur.Extern'),
  accent: 'green',
  linkHosts: KONTUR_LINK_HOSTS,
  provider: externProvider,
  form: externForm,
  wording: {
    where: t('в Экстерне', 'in Kontur.Extern'),
    check: {
      auth: t('Токен не подходит: войдите заново', 'The Kontur.Extern token was not accepted: sign in again'),
      subscription: t('Подписка на API Экстерна закончилась', 'The Kontur.Extern API subscription has ended'),
      forbidden: t('Экстерн не дал доступа: у учётной записи нет прав на события', 'Kontur.Extern refused access: the account has no rights to the events'),
    },
  },
  capabilities: {},
};
