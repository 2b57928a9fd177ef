// Evotor: the events of a publisher's app (marketplace purchases, till documents, products), polled or streamed.
import { t } from '../form-fields.ts';
import type { ProviderModule } from '../provider-module.ts';
import { evotorForm } from './evotor-form.ts';
import { evotorProvider } from './evotor-provider.ts';
import { EVOTOR_TYPE_NAMES, evotorFacts, evotorTypeName } from './evotor-texts.ts';
import { evotorTokenAssistant } from './evotor-token-assistant.ts';

export const evotorModule: ProviderModule<'evotor'> = {
  id: 'evotor',
  name: t('Эвотор', 'Evotor'),
  accent: 'orange',
  // market.evotor.ru, dev.evotor.ru, ...
  linkHosts: ['evotor.ru'],
  provider: evotorProvider,
  form: evotorForm,
  typeNames: EVOTOR_TYPE_NAMES,
  typeName: evotorTypeName,
  facts: evotorFacts,
  wording: {
    where: t('в Эвоторе', 'in Evotor'),
    check: {
      auth: t(
        'Токен издателя не подходит: возьмите актуальный на dev.evotor.ru',
        'The publisher token was not accepted: get the current one on dev.evotor.ru',
      ),
      forbidden: t('У токена нет права event:read', 'The token lacks the event:read scope'),
      subscription: t('Подписка на API Эвотора закончилась', 'The Evotor API subscription has ended'),
    },
  },
  capabilities: { tokenAssistant: evotorTokenAssistant },
};
