// Human titles and summaries (Russian and English) of Diadoc box events, and links into the Diadoc web UI.
import type { LocalizedText, NormalizedEvent } from '../../model.ts';
import { fields, firstText, money, type Fields } from '../event-facts.ts';
import { boxEventSchema, type DiadocBoxEvent, type DiadocEntity, type DiadocMessage, type DiadocPatch } from './diadoc-schema.ts';

type Texts = Pick<NormalizedEvent, 'type' | 'title' | 'summary' | 'link'>;

/**
 * A document kind: the type its events are stored under (the type filter offers it by `typeName`) and the word for
 * it in a title. Several Diadoc spellings (TypeNamedId, AttachmentType) are one kind for a person: a formalized and a
 * scanned ТОРГ-12 are both «ТОРГ-12»; a revision of a УПД is still a УПД.
 */
interface DocumentKind {
  type: string;
  word: LocalizedText;
}

const kindOf = (type: string, ru: string, en: string): DocumentKind => ({ type: `diadoc.${type}`, word: { ru, en } });

/** Document kinds by TypeNamedId or AttachmentType; anything else is GENERIC_KIND. */
const DOCUMENT_KINDS: Record<string, DocumentKind> = {
  Invoice: kindOf('invoice', 'счёт-фактура', 'invoice'),
  InvoiceRevision: kindOf('invoice', 'исправленный счёт-фактура', 'revised invoice'),
  InvoiceCorrection: kindOf('invoice-correction', 'корректировочный счёт-фактура', 'corrective invoice'),
  InvoiceCorrectionRevision: kindOf(
    'invoice-correction',
    'исправленный корректировочный счёт-фактура',
    'revised corrective invoice',
  ),
  UniversalTransferDocument: kindOf('utd', 'УПД', 'UTD'),
  UniversalTransferDocumentRevision: kindOf('utd', 'исправленный УПД', 'revised UTD'),
  UniversalCorrectionDocument: kindOf('ucd', 'УКД', 'UCD'),
  UniversalCorrectionDocumentRevision: kindOf('ucd', 'исправленный УКД', 'revised UCD'),
  Nonformalized: kindOf('nonformalized', 'неформализованный документ', 'non-formalized document'),
  Torg12: kindOf('torg12', 'ТОРГ-12', 'TORG-12 waybill'),
  XmlTorg12: kindOf('torg12', 'ТОРГ-12', 'TORG-12 waybill'),
  // The TypeNamedId of a ТОРГ-12 in the format of order 551 (UNCONFIRMED spelling; unknown ones fall back anyway).
  TovTorg551: kindOf('torg12', 'ТОРГ-12', 'TORG-12 waybill'),
  Torg13: kindOf('torg13', 'ТОРГ-13', 'TORG-13 waybill'),
  AcceptanceCertificate: kindOf('act', 'акт', 'acceptance certificate'),
  XmlAcceptanceCertificate: kindOf('act', 'акт', 'acceptance certificate'),
  // An act in the format of order 552 (UNCONFIRMED spelling, as above).
  AcceptanceCertificate552: kindOf('act', 'акт', 'acceptance certificate'),
  Contract: kindOf('contract', 'договор', 'contract'),
  SupplementaryAgreement: kindOf('supplementary-agreement', 'дополнительное соглашение', 'supplementary agreement'),
  ProformaInvoice: kindOf('proforma-invoice', 'счёт на оплату', 'proforma invoice'),
  PriceList: kindOf('price-list', 'ценовой лист', 'price list'),
  PriceListAgreement: kindOf('price-agreement', 'протокол согласования цены', 'price agreement'),
  CertificateRegistry: kindOf('certificate-registry', 'реестр сертификатов', 'certificate registry'),
  ReconciliationAct: kindOf('reconciliation-act', 'акт сверки', 'reconciliation report'),
  ServiceDetails: kindOf('service-details', 'детализация', 'service details'),
  UniversalMessage: kindOf('universal-message', 'универсальное сообщение', 'universal message'),
};
/** A document of a kind this version does not know (invariant 4: shown generically, never dropped). */
const GENERIC_KIND: DocumentKind = kindOf('document', 'документ', 'document');

/** The word for each kind, by TypeNamedId or AttachmentType (the detail's facts read it too). */
export const DOCUMENT_KIND: Record<string, LocalizedText> = Object.fromEntries(
  Object.entries(DOCUMENT_KINDS).map(([key, k]) => [key, k.word]),
);

/** Attachment types that are the box's own documents (not signatures, receipts or other service entities). */
export function isDocument(entity: DiadocEntity): boolean {
  if (entity.EntityType !== undefined && entity.EntityType !== 'Attachment') return false;
  if (entity.DocumentInfo) return true;
  // Unknown attachment types count as documents (shown generically), per the SDK's proto comment.
  return !SERVICE_ATTACHMENTS.has(entity.AttachmentType ?? 'UnknownAttachmentType');
}

/** Service attachments a patch may carry; they describe what happened to a document. */
const SERVICE_ATTACHMENTS = new Set([
  'AttachmentComment',
  'DeliveryFailureNotification',
  'InvoiceConfirmation',
  'InvoiceReceipt',
  'InvoiceCorrectionRequest',
  'Receipt',
  'RecipientSignature',
  'RecipientSignatureRejection',
  'SignatureRequestRejection',
  'SignatureVerificationReport',
  'XmlSignatureRejection',
  'TrustConnectionRequest',
  'StructuredData',
  'RevocationRequest',
  'Resolution',
  'ResolutionRequest',
  'ResolutionRequestDenial',
  'ResolutionRequestDenialCancellation',
  'ResolutionRequestCancellation',
  'ResolutionRouteAssignment',
  'ResolutionRouteRemoval',
  'Title',
  'Cancellation',
  'Edition',
  'DeletionRestoration',
  'CustomData',
  'MoveDocument',
  'ResolutionApprovement',
  'ResolutionDisapprovement',
  'ResolutionSignatureDenial',
  'ResolutionSignature',
  'OuterDocflow',
  'DocumentAttachment',
  'RoamingNotification',
]);

/** The kind of a document entity, by its TypeNamedId, then its AttachmentType. */
function documentKind(entity: DiadocEntity | undefined): DocumentKind {
  if (!entity) return GENERIC_KIND;
  const named = entity.DocumentInfo?.TypeNamedId;
  return (named && DOCUMENT_KINDS[named]) || (entity.AttachmentType && DOCUMENT_KINDS[entity.AttachmentType]) || GENERIC_KIND;
}

/** A document's amount as «12 400,00 ₽»: DocumentInfo's own total, its kind's metadata (…Metadata.Total), or Metadata[]. */
export function documentAmount(info: Fields): string | null {
  const direct = money(info['Total'] ?? info['TotalSum']);
  if (direct) return direct;
  for (const [key, value] of Object.entries(info)) {
    if (!key.endsWith('Metadata')) continue;
    const meta = fields(value);
    const amount = money(meta['Total'] ?? meta['ContractPrice']);
    if (amount) return amount;
  }
  const items = Array.isArray(info['Metadata']) ? info['Metadata'].map(fields) : [];
  const item = items.find((i) => i['Key'] === 'TotalSum' || i['Key'] === 'Total');
  return item ? money(item['Value']) : null;
}

/** A УПД's or УКД's function (СЧФ, ДОП, СЧФДОП; КСЧФ, ДИС, КСЧФДИС) from DocumentInfo.Function or its metadata. */
export function documentFunction(info: Fields): string | null {
  const stated = firstText(info, 'Function');
  const fn =
    stated && stated.toLowerCase() !== 'default'
      ? stated
      : (firstText(fields(info['UniversalTransferDocumentMetadata']), 'DocumentFunction') ??
        firstText(fields(info['UniversalCorrectionDocumentMetadata']), 'DocumentFunction'));
  return fn && /^[А-ЯЁ]{2,10}$/.test(fn) ? fn : null;
}

function clean(text: string | null | undefined): string | null {
  const t = text?.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, 200) : null;
}

type Direction = 'Inbound' | 'Outbound' | 'Internal' | null;

export function directionOf(message: DiadocMessage, entity: DiadocEntity | undefined, boxId: string): Direction {
  const stated = entity?.DocumentInfo?.DocumentDirection;
  if (stated === 'Inbound' || stated === 'Outbound' || stated === 'Internal') return stated;
  if (message.IsInternal) return 'Internal';
  const from = message.FromBoxId ? sameBox(message.FromBoxId, boxId) : false;
  const to = message.ToBoxId ? sameBox(message.ToBoxId, boxId) : false;
  if (from && to) return 'Internal';
  if (to) return 'Inbound';
  if (from) return 'Outbound';
  return null;
}

/** Box ids come as GUIDs with or without dashes, sometimes as "<hex>@diadoc.ru". */
function bareBoxId(s: string): string {
  return s
    .toLowerCase()
    .replace(/@diadoc\.ru$/, '')
    .replaceAll('-', '');
}

function sameBox(a: string, b: string): boolean {
  return bareBoxId(a) === bareBoxId(b);
}

/** "УПД № 123 от 05.03.2026" / "UTD No. 123 of 05.03.2026"; the document's title or file name when it has no number. */
export function documentName(entity: DiadocEntity | undefined): LocalizedText {
  const kind = documentKind(entity).word;
  const info = entity?.DocumentInfo;
  const number = clean(info?.DocumentNumber);
  const date = clean(info?.DocumentDate);
  if (number || date) {
    return {
      ru: `${kind.ru}${number ? ` № ${number}` : ''}${date ? ` от ${date}` : ''}`,
      en: `${kind.en}${number ? ` No. ${number}` : ''}${date ? ` of ${date}` : ''}`,
    };
  }
  const title = clean(info?.Title) ?? clean(entity?.FileName);
  return title ? { ru: `${kind.ru} «${title}»`, en: `${kind.en} "${title}"` } : kind;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The Diadoc web UI page of one document (the form the web UI itself uses; not documented by the API). */
export function documentLink(boxId: string, messageId: string, entityId: string | undefined): string | null {
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!guid.test(messageId) || !entityId || !guid.test(entityId)) return null;
  return `https://diadoc.kontur.ru/${boxId}/Document/Show?letterId=${messageId.toLowerCase()}&documentId=${entityId.toLowerCase()}`;
}

/** The title of a document event: who, which document, how much (the distinguishing part first: a cut title keeps it). */
function documentTitle(counterparty: string | null, document: LocalizedText, amount: string | null): LocalizedText {
  const line = (lang: 'ru' | 'en') => [counterparty, capitalize(document[lang]), amount].filter(Boolean).join(' · ');
  return { ru: line('ru'), en: line('en') };
}

function describeMessage(message: DiadocMessage, boxId: string): Texts {
  const documents = message.Entities.filter(isDocument);
  const first = documents[0];
  const direction = directionOf(message, first, boxId);
  const dated = documentName(first);
  const more =
    documents.length > 1 ? { ru: ` и ещё ${documents.length - 1}`, en: ` and ${documents.length - 1} more` } : { ru: '', en: '' };
  const from = clean(message.FromTitle);
  const to = clean(message.ToTitle);
  const counterparty = direction === 'Inbound' ? from : direction === 'Outbound' ? to : (from ?? to);
  const info = fields(first?.DocumentInfo);

  const isDraft = message.IsDraft || message.MessageType === 'Draft';
  const isTemplate = message.MessageType === 'Template';
  let head: LocalizedText;
  let type: string;
  if (isDraft) {
    head = message.DraftIsRecycled ? { ru: 'Черновик удалён', en: 'Draft deleted' } : { ru: 'Черновик', en: 'Draft' };
    type = 'diadoc.draft';
  } else if (isTemplate) {
    head = { ru: 'Шаблон документа', en: 'Document template' };
    type = 'diadoc.template';
  } else {
    head = message.IsDeleted
      ? { ru: 'Документ удалён', en: 'Document deleted' }
      : direction === 'Inbound'
        ? { ru: 'Входящий документ', en: 'Incoming document' }
        : direction === 'Outbound'
          ? { ru: 'Исходящий документ', en: 'Outgoing document' }
          : direction === 'Internal'
            ? { ru: 'Внутренний документ', en: 'Internal document' }
            : { ru: 'Новый документ', en: 'New document' };
    // Each kind of document is its own type, so that the type filter can show «УПД» or «Счёт-фактура».
    type = documentKind(first).type;
  }

  const notes: LocalizedText[] = [];
  const fn = documentFunction(info);
  if (fn) notes.push({ ru: fn, en: fn });
  if (first?.NeedRecipientSignature && direction === 'Inbound') notes.push({ ru: 'ждёт подписи', en: 'awaiting signature' });
  if (message.IsTest || first?.DocumentInfo?.IsTest) notes.push({ ru: 'тестовый', en: 'test' });
  const summary = (lang: 'ru' | 'en') =>
    [
      head[lang],
      ...notes.map((n) => n[lang]),
      documents.length > 1 ? (lang === 'ru' ? `документов: ${documents.length}` : `documents: ${documents.length}`) : null,
    ]
      .filter(Boolean)
      .join(' · ');
  return {
    type,
    title: documentTitle(counterparty, { ru: dated.ru + more.ru, en: dated.en + more.en }, documentAmount(info)),
    summary: { ru: summary('ru'), en: summary('en') },
    link: documentLink(boxId, message.MessageId, first?.EntityId),
  };
}

/** What a patch did, from its flags and entities, most telling first; "Изменение документа" otherwise. */
export function patchAction(patch: DiadocPatch): { text: LocalizedText; entityId: string | undefined } {
  const ep = patch.EntityPatches;
  const found = (f: (p: (typeof ep)[number]) => unknown) => ep.find(f)?.EntityId;
  const byType = (...types: string[]) => patch.Entities.find((e) => types.includes(e.AttachmentType ?? ''));
  const signature = patch.Entities.find((e) => e.EntityType === 'Signature');

  if (patch.ForDraft && patch.DraftIsRecycled)
    return { text: { ru: 'Черновик удалён', en: 'Draft deleted' }, entityId: undefined };
  if (patch.MessageIsDeleted || ep.some((p) => p.DocumentIsDeleted)) {
    return { text: { ru: 'Документ удалён', en: 'Document deleted' }, entityId: found((p) => p.DocumentIsDeleted) };
  }
  if (patch.MessageIsRestored || ep.some((p) => p.DocumentIsRestored)) {
    return { text: { ru: 'Документ восстановлен', en: 'Document restored' }, entityId: found((p) => p.DocumentIsRestored) };
  }
  const rejection = byType('RecipientSignatureRejection', 'SignatureRequestRejection', 'XmlSignatureRejection');
  if (rejection)
    return { text: { ru: 'Документ отклонён', en: 'Document rejected' }, entityId: rejection.ParentEntityId ?? undefined };
  const revocation = byType('RevocationRequest');
  if (revocation) {
    return {
      text: { ru: 'Запрошено аннулирование документа', en: 'Document revocation requested' },
      entityId: revocation.ParentEntityId ?? undefined,
    };
  }
  if (signature)
    return { text: { ru: 'Документ подписан', en: 'Document signed' }, entityId: signature.ParentEntityId ?? undefined };
  const comment = byType('AttachmentComment');
  if (comment)
    return {
      text: { ru: 'Комментарий к документу', en: 'Comment on a document' },
      entityId: comment.ParentEntityId ?? undefined,
    };
  if (patch.MessageIsDelivered) return { text: { ru: 'Документ доставлен', en: 'Document delivered' }, entityId: undefined };
  const moved = ep.find((p) => p.MovedToDepartment);
  if (moved)
    return {
      text: { ru: 'Документ передан в другое подразделение', en: 'Document moved to another department' },
      entityId: moved.EntityId,
    };
  const forwarded = ep.find((p) => p.ForwardedToBoxId);
  if (forwarded) return { text: { ru: 'Документ переслан', en: 'Document forwarded' }, entityId: forwarded.EntityId };
  const patched = ep.find((p) => p.ContentIsPatched);
  if (patched)
    return { text: { ru: 'Содержимое документа изменено', en: 'Document content changed' }, entityId: patched.EntityId };
  if (patch.ForDraft && patch.DraftIsLocked)
    return { text: { ru: 'Черновик заблокирован', en: 'Draft locked' }, entityId: undefined };
  const added = patch.Entities.find(isDocument);
  if (added)
    return { text: { ru: 'В сообщение добавлен документ', en: 'Document added to a message' }, entityId: added.EntityId };
  return {
    text: { ru: 'Изменение документа', en: 'Document changed' },
    entityId: ep[0]?.EntityId ?? patch.Entities[0]?.ParentEntityId ?? undefined,
  };
}

function describePatch(patch: DiadocPatch, boxId: string): Texts {
  const { text, entityId } = patchAction(patch);
  const target = patch.Entities.find((e) => e.EntityId === entityId && isDocument(e)) ?? patch.Entities.find(isDocument);
  // «черновик» unless what it did says so already («Черновик удалён»).
  const draft = patch.ForDraft && !text.en.startsWith('Draft') ? { ru: 'черновик', en: 'draft' } : null;
  const summary = (lang: 'ru' | 'en') => [text[lang], draft?.[lang]].filter(Boolean).join(' · ');
  return {
    // A patch of a document carries that document's kind, so that filtering by «УПД» shows the whole life of УПД;
    // a patch that does not say which document it changed keeps the generic «Изменение документа».
    type: patch.ForDraft ? 'diadoc.draft-patch' : target ? documentKind(target).type : 'diadoc.patch',
    // A patch does not name the counterparty (MessagePatch has no FromTitle/ToTitle): it leads with the document.
    title: target ? documentTitle(null, documentName(target), documentAmount(fields(target.DocumentInfo))) : text,
    summary: { ru: summary('ru'), en: summary('en') },
    link: documentLink(boxId, patch.MessageId, entityId ?? target?.EntityId),
  };
}

/** Texts of one box event; never throws on unknown kinds or values (invariant 4). */
export function describeEvent(event: DiadocBoxEvent, boxId: string): Texts {
  if (event.Message) return describeMessage(event.Message, boxId);
  if (event.Patch) return describePatch(event.Patch, boxId);
  return {
    type: 'diadoc.event',
    title: { ru: 'Событие в ящике Диадока', en: 'Diadoc box event' },
    summary: {
      ru: 'Событие неизвестного вида: подробности — в данных события',
      en: 'An event of an unknown kind: the details are in its data',
    },
    link: null,
  };
}

const GENERIC_PATCH_TYPE = 'diadoc.patch';

/** The types `describeEvent` stores, in words (the type filter): one per document kind, then the other events. */
export const DIADOC_TYPE_NAMES: Record<string, LocalizedText> = {
  ...Object.fromEntries(
    Object.values(DOCUMENT_KINDS)
      .filter((k, i, all) => all.findIndex((other) => other.type === k.type) === i)
      .map((k) => [k.type, { ru: capitalize(k.word.ru), en: capitalize(k.word.en) }]),
  ),
  [GENERIC_KIND.type]: { ru: 'Другой документ', en: 'Other document' },
  [GENERIC_PATCH_TYPE]: { ru: 'Изменение документа', en: 'Document change' },
  'diadoc.draft': { ru: 'Черновик', en: 'Draft' },
  'diadoc.draft-patch': { ru: 'Изменение черновика', en: 'Draft change' },
  'diadoc.template': { ru: 'Шаблон документа', en: 'Document template' },
  'diadoc.event': { ru: 'Другое событие ящика', en: 'Other box event' },
};

/**
 * Types that Feedbell before issue 10 stored for every document ('diadoc.message') and every patch ('diadoc.patch'),
 * and the type such a stored event has now, read from its payload (the raw box event): the store's migration re-types
 * them once, so that the type filter's «УПД» finds the events stored before the update too. A payload that cannot be
 * read leaves a patch as «Изменение документа» and makes a message «Другой документ».
 */
export const DIADOC_FORMER_TYPES = {
  types: ['diadoc.message', GENERIC_PATCH_TYPE],
  retype(event: { type: string; payload: unknown }): string {
    const parsed = boxEventSchema.safeParse(event.payload);
    if (parsed.success && (parsed.data.Message || parsed.data.Patch)) return describeEvent(parsed.data, '').type;
    return event.type === GENERIC_PATCH_TYPE ? GENERIC_PATCH_TYPE : GENERIC_KIND.type;
  },
} as const;
