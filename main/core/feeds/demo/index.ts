// The offline demo feed: made-up events to try Feedbell with, no account and no secret needed.
import { t } from '../form-fields.ts';
import type { ProviderModule } from '../provider-module.ts';
import { demoActions } from './demo-actions.ts';
import { DEMO_TYPE_NAMES, demoFacts } from './demo-facts.ts';
import { demoProvider } from './demo-provider.ts';

export const demoModule: ProviderModule<'demo'> = {
  id: 'demo',
  name: t('Демо-лента', 'Demo feed'),
  accent: 'violet',
  // Its made-up documents and reports link to Kontur's public pages.
  linkHosts: ['kontur.ru'],
  provider: demoProvider,
  form: {
    intro: t(
      'Учебная лента без сети: события появляются сами, чтобы можно было попробовать приложение.',
      'A practice feed with no network: events appear by themselves, to try the app out.',
    ),
    defaultIntervalSec: 15,
    fields: [
      {
        key: 'ratePerMinute',
        kind: 'number',
        label: t('Событий в минуту', 'Events per minute'),
        help: t('Как часто появляются новые события.', 'How often new events appear.'),
        required: false,
        default: 4,
        min: 0.01,
        max: 600,
      },
    ],
  },
  wording: { where: t('в демо-ленте', 'in the demo feed') },
  typeNames: DEMO_TYPE_NAMES,
  facts: demoFacts,
  actions: demoActions,
  sampleFeed: {
    id: 'demo',
    name: 'Демо-лента',
    intervalSec: 15,
    start: 'beginning',
    settings: { historyHours: 6, ratePerMinute: 2 },
  },
  capabilities: {},
};
