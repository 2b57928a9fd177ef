// The Evotor feed form: fields, where each value comes from, defaults and the type filters.
import type { ProviderFormInfo } from '../../../../preload/contract.ts';
import { apiAddressField, EXAMPLE_GUID, t } from '../form-fields.ts';
import { EVOTOR_DEFAULT_BASE_URL } from './evotor-schema.ts';

export const evotorForm: ProviderFormInfo = {
  intro: t(
    'События вашего приложения в Эвоторе: покупки в маркете, документы, товары. Нужны ID приложения и токен издателя с правом event:read.',
    'Events of your Evotor app: marketplace purchases, documents, products. You need the app id and a publisher token with the event:read scope.',
  ),
  defaultIntervalSec: 60,
  fields: [
    {
      key: 'appId',
      kind: 'guid',
      label: t('ID приложения', 'App id'),
      help: t(
        'На dev.evotor.ru: «Мои приложения» → ваше приложение → идентификатор приложения (вида 0f8fad5b-…).',
        'On dev.evotor.ru: My apps → your app → the application id (like 0f8fad5b-…).',
      ),
      required: true,
      placeholder: EXAMPLE_GUID,
      source: true,
    },
    {
      key: '',
      kind: 'password',
      label: t('Токен издателя', 'Publisher token'),
      help: t(
        'Ключ доступа издателя на dev.evotor.ru (профиль → токены) с правом event:read. Когда меняются права токена, меняется и сам токен — вставьте новый. Или оставьте пустым, сохраните ленту и нажмите «Получить токен через кабинет разработчика».',
        'The publisher access token on dev.evotor.ru (profile → tokens) with the event:read scope. Changing its scopes changes the token: paste the new one.',
      ),
      // The token assistant can fetch it once the feed is saved.
      required: false,
    },
    {
      key: 'types',
      kind: 'multiselect',
      label: t('Типы событий', 'Event types'),
      help: t(
        'Ничего не выбрано — все типы, что включены в настройках событий версии приложения.',
        "Nothing chosen: every type enabled in the app version's event settings.",
      ),
      required: false,
      default: [],
      options: [
        { value: 'marketplace.purchase', label: t('Покупки в маркете', 'Marketplace purchases') },
        { value: 'document', label: t('Документы', 'Documents') },
        { value: 'product', label: t('Товары', 'Products') },
        { value: 'product-group', label: t('Группы товаров', 'Product groups') },
        { value: 'store', label: t('Магазины', 'Stores') },
      ],
    },
    {
      key: 'mode',
      kind: 'select',
      label: t('Получение', 'Delivery'),
      help: t(
        'Опрос раз в интервал, или постоянное соединение, по которому события приходят сразу.',
        'Polling once per interval, or a standing connection that delivers events at once.',
      ),
      required: false,
      default: 'poll',
      options: [
        { value: 'poll', label: t('Опрос', 'Polling') },
        { value: 'stream', label: t('Поток (сразу)', 'Stream (at once)') },
      ],
      advanced: true,
    },
    apiAddressField(EVOTOR_DEFAULT_BASE_URL, t('Эвотора', 'Evotor')),
  ],
};
