// Kontur realty checks (Reestro): finished property checks and their changes.
import { t } from '../form-fields.ts';
import { KONTUR_LINK_HOSTS } from '../kontur/kontur-sites.ts';
import type { ProviderModule } from '../provider-module.ts';
import { realtyForm } from './realty-form.ts';
import { realtyProvider } from './realty-provider.ts';
import { realtyFacts } from './realty-facts.ts';
import { REALTY_TYPE_NAMES, realtyTypeName } from './realty-texts.ts';

export const realtyModule: ProviderModule<'realty'> = {
  id: 'realty',
  name: t('Контур.Реестро', 'Kontur.Reestro'),
  accent: 'teal',
  linkHosts: KONTUR_LINK_HOSTS,
  provider: realtyProvider,
  form: realtyForm,
  typeNames: REALTY_TYPE_NAMES,
  typeName: realtyTypeName,
  facts: realtyFacts,
  wording: {
    where: t('в проверках недвижимости', 'in realty checks'),
    check: {
      auth: t('auth.sid или API-ключ не подходит: войдите заново', 'The auth.sid or API key was not accepted: sign in again'),
      forbidden: t(
        'Нет доступа к организации: проверьте ID организации',
        'No access to the organization: check the organization id',
      ),
      subscription: t('Подписка на проверки недвижимости закончилась', 'The realty checks subscription has ended'),
    },
  },
  capabilities: {},
};
