// The log's words for the demo's events of «Требует действия» (a demand's docflow step, a document to sign).
import type { NormalizedEvent } from '../../model.ts';
import type { DemoRawEvent } from './demo-events.ts';

type Texts = Pick<NormalizedEvent, 'title' | 'summary' | 'link'>;

const DEMAND_STATES: Record<string, { ru: string; en: string }> = {
  'urn:transaction:document': { ru: 'Поступило требование', en: 'A demand arrived' },
  'urn:transaction:receiption-result-abonent-positive': {
    ru: 'Квитанция о приёме требования отправлена',
    en: 'The receipt of the demand was sent',
  },
  'urn:transaction:acceptance-result-positive': { ru: 'Ответ на требование принят', en: 'The reply to the demand was accepted' },
};

const DOCUMENT_STATES: Record<string, { ru: string; en: string }> = {
  WaitingForRecipientSignature: { ru: 'Документ ждёт вашей подписи', en: 'A document awaits your signature' },
  WithRecipientSignature: { ru: 'Документ подписан', en: 'The document was signed' },
  RecipientSignatureRequestRejected: { ru: 'В подписи документа отказано', en: 'Signing the document was refused' },
};

const field = (value: unknown) => (typeof value === 'string' ? value : '');

export function describeQueueEvent(raw: DemoRawEvent): Texts {
  const b = raw.body;
  if (raw.kind === 'demo.demand') {
    const state = DEMAND_STATES[field(b['new-state'])] ?? { ru: 'Событие требования', en: 'Demand event' };
    const sfr = field(b['docflow-type']).includes('fss');
    return {
      title: { ru: `${state.ru} ${sfr ? 'СФР' : 'ФНС'}`, en: `${state.en} (${sfr ? 'SFR' : 'tax service'})` },
      summary: {
        ru: `${field(b['organization'])}, ИНН ${field(b['inn'])}`,
        en: `${field(b['organization'])}, INN ${field(b['inn'])}`,
      },
      link: `https://kontur.ru/demo/docflow/${field(b['related-docflow-id']) || field(b['docflow-id'])}`,
    };
  }
  const message = (b['Message'] ?? b['Patch'] ?? {}) as Record<string, unknown>;
  const entity = ((message['Entities'] as Record<string, unknown>[] | undefined) ?? [])[0] ?? {};
  const info = (entity['DocumentInfo'] ?? {}) as Record<string, unknown>;
  const state = DOCUMENT_STATES[field(info['RecipientResponseStatus'])] ?? { ru: 'Документ изменён', en: 'Document changed' };
  return {
    title: {
      ru: `${state.ru}: УПД № ${field(info['DocumentNumber'])}`,
      en: `${state.en}: UTD No. ${field(info['DocumentNumber'])}`,
    },
    summary: { ru: `От ${field(message['FromTitle'])}`, en: `From ${field(message['FromTitle'])}` },
    link: `https://kontur.ru/demo/document/${field(message['MessageId'])}?entity=${field(entity['EntityId'])}`,
  };
}
