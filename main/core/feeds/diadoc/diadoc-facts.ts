// What the detail pane leads with for a Diadoc event: the counterparty, the document (kind, number and date), its
// amount and its state. Box, message and entity GUIDs stay under «Подробнее».
import type { EventFact, LocalizedText } from '../../../../preload/contract.ts';
import { fact, fields, firstText, wordsFact, type Fields } from '../event-facts.ts';
import { boxEventSchema } from './diadoc-schema.ts';
import { DOCUMENT_KIND, documentAmount, documentFunction, patchAction } from './diadoc-texts.ts';

function kindOf(entity: Fields): LocalizedText {
  const info = fields(entity['DocumentInfo']);
  const named = firstText(info, 'TypeNamedId');
  const attachment = firstText(entity, 'AttachmentType');
  return (named && DOCUMENT_KIND[named]) || (attachment && DOCUMENT_KIND[attachment]) || { ru: 'документ', en: 'document' };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function diadocFacts(event: { type: string; payload: unknown }): EventFact[] {
  const raw = fields(event.payload);
  const message = fields(raw['Message']);
  const patch = fields(raw['Patch']);
  const entities = [
    ...(Array.isArray(message['Entities']) ? message['Entities'] : []),
    ...(Array.isArray(patch['Entities']) ? patch['Entities'] : []),
  ].map(fields);
  const document =
    entities.find((e) => e['DocumentInfo'] !== undefined && e['DocumentInfo'] !== null) ??
    entities.find((e) => e['EntityType'] === 'Attachment');
  const info = fields(document?.['DocumentInfo']);
  const direction = firstText(info, 'DocumentDirection');
  const from = firstText(message, 'FromTitle');
  const to = firstText(message, 'ToTitle');
  const counterparty = direction === 'Outbound' ? to : direction === 'Inbound' ? from : (from ?? to);
  const kind = document ? kindOf(document) : null;
  const number = firstText(info, 'DocumentNumber');
  const date = firstText(info, 'DocumentDate');
  // A УПД's function says what it stands for: «УПД (СЧФДОП) № 123 от 05.03.2026».
  const fn = documentFunction(info);
  const name: LocalizedText | null = kind
    ? {
        ru: `${capital(kind.ru)}${fn ? ` (${fn})` : ''}${number ? ` № ${number}` : ''}${date ? ` от ${date}` : ''}`,
        en: `${capital(kind.en)}${fn ? ` (${fn})` : ''}${number ? ` No. ${number}` : ''}${date ? ` of ${date}` : ''}`,
      }
    : null;
  // A patch's state is what it did («Документ подписан»); a message's, whether it waits for us.
  const parsed = Object.keys(patch).length > 0 ? boxEventSchema.safeParse(event.payload) : null;
  const done = parsed?.success && parsed.data.Patch ? patchAction(parsed.data.Patch).text : null;
  const state: LocalizedText | null =
    done ??
    (document?.['NeedRecipientSignature'] === true && direction === 'Inbound'
      ? { ru: 'Ждёт подписи', en: 'Awaiting signature' }
      : direction === 'Inbound'
        ? { ru: 'Входящий', en: 'Incoming' }
        : direction === 'Outbound'
          ? { ru: 'Исходящий', en: 'Outgoing' }
          : null);
  return [
    ...fact('Контрагент', 'Counterparty', counterparty),
    ...wordsFact('Документ', 'Document', name),
    ...fact('Сумма', 'Amount', documentAmount(info)),
    ...wordsFact('Состояние', 'State', state),
  ];
}

/** The counterparty an event concerns: its box (the notification rules' key) and its name as Diadoc gives it. */
export function diadocOrganisation(event: { payload: unknown }): { key: string; name: string } | null {
  const raw = fields(event.payload);
  const message = fields(raw['Message'] ?? raw['Patch']);
  const entities = (Array.isArray(message['Entities']) ? message['Entities'] : []).map(fields);
  const direction = entities.map((e) => firstText(fields(e['DocumentInfo']), 'DocumentDirection')).find(Boolean);
  const outbound = direction === 'Outbound';
  const box = firstText(message, outbound ? 'ToBoxId' : 'FromBoxId');
  const title = firstText(message, outbound ? 'ToTitle' : 'FromTitle');
  return box ? { key: box, name: title ?? box } : null;
}
