// The demo feed's event types in words and the facts its detail leads with (its payloads are shaped like the real
// services' events).
import type { EventFact, LocalizedText } from '../../../../preload/contract.ts';
import { fact, FACT, fields, firstText, money, text, wordsFact } from '../event-facts.ts';
import { t } from '../form-fields.ts';
import { CHECK_TEXT, reportStateText, SUBSCRIPTION_TEXT, TILL_DOCUMENT_TEXT } from './demo-provider.ts';

export const DEMO_TYPE_NAMES: Record<string, LocalizedText> = {
  'demo.purchase': t('Покупка приложения', 'App purchase'),
  'demo.till-document': t('Документ на кассе', 'Till document'),
  'demo.invoice': t('Счёт-фактура', 'Invoice'),
  'demo.utd': t('УПД', 'UTD'),
  'demo.report': t('Отчётность', 'Report'),
  'demo.check': t('Проверка объекта', 'Property check'),
  'demo.demand': t('Требование', 'Demand'),
  'demo.document': t('Документ на подпись', 'Document to sign'),
};

const f = (pair: readonly [string, string], value: string | null) => fact(pair[0], pair[1], value);

export function demoFacts(event: { type: string; payload: unknown }): EventFact[] {
  const b = fields(event.payload);
  switch (event.type) {
    case 'demo.purchase': {
      const p = fields(b['payload']);
      return [
        ...f(FACT.store, firstText(p, 'storeName')),
        ...wordsFact('Событие', 'Event', SUBSCRIPTION_TEXT[String(p['type'])] ?? null),
        ...fact('Тариф', 'Plan', firstText(p, 'planId')),
        ...fact('Касс', 'Terminals', firstText(p, 'deviceNumber')),
      ];
    }
    case 'demo.till-document': {
      const p = fields(b['payload']);
      const kind = TILL_DOCUMENT_TEXT[String(p['type'])];
      const number = firstText(p, 'number');
      return [
        ...f(FACT.store, firstText(p, 'store_name')),
        ...wordsFact(
          'Документ',
          'Document',
          kind ? t(`${kind.ru}${number ? ` № ${number}` : ''}`, `${kind.en}${number ? ` No. ${number}` : ''}`) : null,
        ),
        ...f(FACT.amount, money(p['sum'])),
        ...fact('Смена', 'Shift', firstText(p, 'session_number')),
      ];
    }
    case 'demo.invoice':
    case 'demo.utd': {
      const message = fields(b['Message']);
      const entities = Array.isArray(message['Entities']) ? message['Entities'] : [];
      const info = fields(fields(entities[0])['DocumentInfo']);
      const kind = DEMO_TYPE_NAMES[event.type]!;
      const number = firstText(info, 'DocumentNumber');
      const date = firstText(info, 'DocumentDate');
      return [
        ...f(FACT.counterparty, text(message['FromTitle'])),
        ...wordsFact(
          'Документ',
          'Document',
          t(
            `${kind.ru}${number ? ` № ${number}` : ''}${date ? ` от ${date}` : ''}`,
            `${kind.en}${number ? ` No. ${number}` : ''}${date ? ` of ${date}` : ''}`,
          ),
        ),
        ...f(FACT.amount, money(info['Total'])),
        ...wordsFact('Состояние', 'State', t('Ждёт подписи', 'Awaiting signature')),
      ];
    }
    case 'demo.report': {
      const organization = firstText(b, 'organization');
      const inn = firstText(b, 'inn');
      return [
        ...f(FACT.organization, organization ? `${organization}${inn ? `, ИНН ${inn}` : ''}` : null),
        ...fact('Форма', 'Form', firstText(b, 'form')),
        ...f(FACT.period, firstText(b, 'period')),
        ...wordsFact('Состояние', 'State', reportStateText(b['new-state'], b['docflow-type'])),
      ];
    }
    case 'demo.check': {
      const check = CHECK_TEXT[String(b['checkType'])];
      return [
        ...f(FACT.object, firstText(b, 'externalId')),
        ...fact('Кадастровый номер', 'Cadastral number', firstText(b, 'cadastralNumber')),
        ...wordsFact('Проверка', 'Check', check ? t(`Проверка ${check.ru}`, `Check of ${check.en}`) : null),
        ...wordsFact(
          'Результат',
          'Result',
          b['checkState'] === 'Error' ? t('Завершена с ошибкой', 'Failed') : t('Завершена', 'Completed'),
        ),
      ];
    }
    default:
      return [];
  }
}
