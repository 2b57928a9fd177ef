// Pieces the providers' feed forms share: the text helper, an example GUID and the API address field.
import type { FormField, LocalizedText } from '../../../preload/contract.ts';

export const t = (ru: string, en: string): LocalizedText => ({ ru, en });

export const EXAMPLE_GUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** The API address (settings.baseUrl): rarely changed, and a change points the feed at another source. */
export function apiAddressField(defaultUrl: string, service: LocalizedText): FormField {
  return {
    key: 'baseUrl',
    kind: 'url',
    label: t('Адрес API', 'API address'),
    help: t(
      `Менять не нужно: это адрес API сервиса ${service.ru}. Другой адрес бывает у тестовой площадки или прокси вашей компании.`,
      `No need to change: this is the ${service.en} API address. A test environment or your company's gateway may have another.`,
    ),
    required: false,
    default: defaultUrl,
    placeholder: defaultUrl,
    advanced: true,
    source: true,
  };
}
