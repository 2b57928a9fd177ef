// Human titles and summaries (Russian and English) of Diadoc box events, and links into the Diadoc web UI.
import type { LocalizedText, NormalizedEvent } from '../../model.ts';
import type { DiadocBoxEvent, DiadocEntity, DiadocMessage, DiadocPatch } from './diadoc-schema.ts';

type Texts = Pick<NormalizedEvent, 'type' | 'title' | 'summary' | 'link'>;

/** Document kinds by TypeNamedId or AttachmentType; anything else is "документ" / "document". */
export const DOCUMENT_KIND: Record<string, LocalizedText> = {
  Invoice: { ru: 'счёт-фактура', en: 'invoice' },
  InvoiceRevision: { ru: 'исправленный счёт-фактура', en: 'revised invoice' },
  InvoiceCorrection: { ru: 'корректировочный счёт-фактура', en: 'corrective invoice' },
  InvoiceCorrectionRevision: { ru: 'исправленный корректировочный счёт-фактура', en: 'revised corrective invoice' },
  UniversalTransferDocument: { ru: 'УПД', en: 'UTD' },
  UniversalTransferDocumentRevision: { ru: 'исправленный УПД', en: 'revised UTD' },
  UniversalCorrectionDocument: { ru: 'УКД', en: 'UCD' },
  UniversalCorrectionDocumentRevision: { ru: 'исправленный УКД', en: 'revised UCD' },
  Nonformalized: { ru: 'неформализованный документ', en: 'non-formalized document' },
  Torg12: { ru: 'ТОРГ-12', en: 'TORG-12 waybill' },
  XmlTorg12: { ru: 'ТОРГ-12', en: 'TORG-12 waybill' },
  Torg13: { ru: 'ТОРГ-13', en: 'TORG-13 waybill' },
  AcceptanceCertificate: { ru: 'акт', en: 'acceptance certificate' },
  XmlAcceptanceCertificate: { ru: 'акт', en: 'acceptance certificate' },
  Contract: { ru: 'договор', en: 'contract' },
  SupplementaryAgreement: { ru: 'дополнительное соглашение', en: 'supplementary agreement' },
  ProformaInvoice: { ru: 'счёт на оплату', en: 'proforma invoice' },
  PriceList: { ru: 'ценовой лист', en: 'price list' },
  PriceListAgreement: { ru: 'протокол согласования цены', en: 'price agreement' },
  CertificateRegistry: { ru: 'реестр сертификатов', en: 'certificate registry' },
  ReconciliationAct: { ru: 'акт сверки', en: 'reconciliation report' },
  ServiceDetails: { ru: 'детализация', en: 'service details' },
  UniversalMessage: { ru: 'универсальное сообщение', en: 'universal message' },
};
const GENERIC_DOCUMENT: LocalizedText = { ru: 'документ', en: 'document' };

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

function kindOf(entity: DiadocEntity | undefined): LocalizedText {
  if (!entity) return GENERIC_DOCUMENT;
  const named = entity.DocumentInfo?.TypeNamedId;
  return (named && DOCUMENT_KIND[named]) || (entity.AttachmentType && DOCUMENT_KIND[entity.AttachmentType]) || GENERIC_DOCUMENT;
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

/**
 * "УПД № 123" / "UTD No. 123" (with `withDate`: "УПД № 123 от 05.03.2026" / "UTD No. 123 of 05.03.2026");
 * the document's title or file name when it has no number.
 */
export function documentName(entity: DiadocEntity | undefined, withDate = false): LocalizedText {
  const kind = kindOf(entity);
  const info = entity?.DocumentInfo;
  const number = clean(info?.DocumentNumber);
  const date = withDate ? clean(info?.DocumentDate) : null;
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

function describeMessage(message: DiadocMessage, boxId: string): Texts {
  const documents = message.Entities.filter(isDocument);
  const first = documents[0];
  const direction = directionOf(message, first, boxId);
  const name = documentName(first);
  const more =
    documents.length > 1 ? { ru: ` и ещё ${documents.length - 1}`, en: ` and ${documents.length - 1} more` } : { ru: '', en: '' };
  const from = clean(message.FromTitle);
  const to = clean(message.ToTitle);
  const counterparty =
    direction === 'Inbound'
      ? from
        ? { ru: ` от ${from}`, en: ` from ${from}` }
        : null
      : to
        ? { ru: ` для ${to}`, en: ` to ${to}` }
        : null;
  const party = counterparty ?? { ru: '', en: '' };
  const what = { ru: `${name.ru}${more.ru}${party.ru}`, en: `${name.en}${more.en}${party.en}` };

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
  } else if (message.IsDeleted) {
    head = { ru: 'Документ удалён', en: 'Document deleted' };
    type = 'diadoc.message';
  } else {
    head =
      direction === 'Inbound'
        ? { ru: 'Входящий документ', en: 'Incoming document' }
        : direction === 'Outbound'
          ? { ru: 'Исходящий документ', en: 'Outgoing document' }
          : direction === 'Internal'
            ? { ru: 'Внутренний документ', en: 'Internal document' }
            : { ru: 'Новый документ', en: 'New document' };
    type = 'diadoc.message';
  }

  const notes: LocalizedText[] = [];
  if (first?.NeedRecipientSignature && direction === 'Inbound') notes.push({ ru: 'ждёт подписи', en: 'awaiting signature' });
  if (message.IsTest || first?.DocumentInfo?.IsTest) notes.push({ ru: 'тестовый', en: 'test' });
  const dated = documentName(first, true);
  const parts = (lang: 'ru' | 'en') =>
    [
      capitalize(dated[lang]),
      direction === 'Inbound' ? from : direction === 'Outbound' ? to : (from ?? to),
      ...notes.map((n) => n[lang]),
    ]
      .filter(Boolean)
      .join(' · ');
  return {
    type,
    title: { ru: `${head.ru}: ${what.ru}`, en: `${head.en}: ${what.en}` },
    summary: {
      ru: parts('ru') + (documents.length > 1 ? ` · документов: ${documents.length}` : ''),
      en: parts('en') + (documents.length > 1 ? ` · documents: ${documents.length}` : ''),
    },
    link: documentLink(boxId, message.MessageId, first?.EntityId),
  };
}

/** What a patch did, from its flags and entities, most telling first; "Изменение документа" otherwise. */
function patchAction(patch: DiadocPatch): { text: LocalizedText; entityId: string | undefined } {
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
  const target = patch.Entities.find((e) => e.EntityId === entityId) ?? patch.Entities.find(isDocument);
  const name = target ? documentName(target) : null;
  const dated = target ? documentName(target, true) : null;
  const parts = (lang: 'ru' | 'en') =>
    [
      dated ? capitalize(dated[lang]) : null,
      // The message's GUID is no news to a person: it stays in the detail («Подробнее»).
      patch.ForDraft ? (lang === 'ru' ? 'черновик' : 'draft') : null,
    ]
      .filter(Boolean)
      .join(' · ');
  const ru = parts('ru');
  const en = parts('en');
  return {
    type: patch.ForDraft ? 'diadoc.draft-patch' : 'diadoc.patch',
    title: name ? { ru: `${text.ru}: ${name.ru}`, en: `${text.en}: ${name.en}` } : text,
    summary: { ru: ru || text.ru, en: en || text.en },
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

/** The types `describeEvent` stores, in words (the type filter). */
export const DIADOC_TYPE_NAMES: Record<string, LocalizedText> = {
  'diadoc.message': { ru: 'Документ', en: 'Document' },
  'diadoc.patch': { ru: 'Изменение документа', en: 'Document change' },
  'diadoc.draft': { ru: 'Черновик', en: 'Draft' },
  'diadoc.draft-patch': { ru: 'Изменение черновика', en: 'Draft change' },
  'diadoc.template': { ru: 'Шаблон документа', en: 'Document template' },
  'diadoc.event': { ru: 'Другое событие ящика', en: 'Other box event' },
};
