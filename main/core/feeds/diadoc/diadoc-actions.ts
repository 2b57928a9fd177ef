// Diadoc's tracker of «Требует действия»: an inbound document that waits for the person's signature (or refusal)
// is an item until a later event shows it signed, refused, revoked or deleted. One item per message (a packet of
// documents is one letter in Diadoc's web UI), open while any of its documents waits. The law sets no deadline: the
// item shows its age, and a feed may set a limit in days after which it counts as overdue.
import type { ActionTracker, SubjectState, TrackedEvent } from '../../actions/action-tracker.ts';
import { boxEventSchema, type DiadocEntity, type DiadocMessage, type DiadocSettings } from './diadoc-schema.ts';
import { directionOf, documentLink, documentName, isDocument } from './diadoc-texts.ts';

const WAITING = 'WaitingForRecipientSignature';
/** Attachments a patch adds under a document that end the wait (signed, refused). UNCONFIRMED which Diadoc sends. */
const ANSWERS = new Set([
  'RecipientSignature',
  'RecipientSignatureRejection',
  'SignatureRequestRejection',
  'XmlSignatureRejection',
]);
const SIGN = { ru: 'Подписать или отказать', en: 'Sign or refuse' };

interface Waiting {
  /** Entity ids still waiting, with their names. */
  waiting: Record<string, { ru: string; en: string }>;
  /** How each ended: signed, refused, deleted… (for the closed item). */
  ended: Record<string, string>;
}

function parse(event: TrackedEvent) {
  const parsed = boxEventSchema.safeParse(event.payload);
  return parsed.success ? parsed.data : null;
}

/**
 * Whether a document waits for the recipient: its DocumentInfo's RecipientResponseStatus says so, or (where the
 * status is not sent: UNCONFIRMED which GetNewEvents carries) the entity needs the recipient's signature.
 */
function waits(entity: DiadocEntity): boolean {
  const status = (entity.DocumentInfo as Record<string, unknown> | null | undefined)?.['RecipientResponseStatus'];
  if (typeof status === 'string') return status === WAITING;
  return entity.NeedRecipientSignature === true;
}

function statusOf(entity: DiadocEntity): string | null {
  const status = (entity.DocumentInfo as Record<string, unknown> | null | undefined)?.['RecipientResponseStatus'];
  return typeof status === 'string' ? status : null;
}

function opened(message: DiadocMessage, event: TrackedEvent, settings: DiadocSettings): SubjectState | null {
  const documents = message.Entities.filter(
    (e) => e.EntityType === 'Attachment' && isDocument(e) && waits(e) && directionOf(message, e, settings.boxId) === 'Inbound',
  );
  if (documents.length === 0) return null;
  const waiting: Waiting['waiting'] = {};
  for (const entity of documents) waiting[entity.EntityId] = documentName(entity);
  return {
    subject: message.MessageId.toLowerCase(),
    title: titleOf(Object.values(waiting)),
    organisation: message.FromTitle?.trim() || '',
    step: 'sign',
    action: SIGN,
    arrivedAt: event.occurredAt,
    deadline: null,
    nextDeadline: null,
    overdueAfterDays: (settings as { overdueAfterDays?: number }).overdueAfterDays ?? null,
    link: documentLink(settings.boxId, message.MessageId, documents[0]!.EntityId),
    eventKey: event.key,
    closedAt: null,
    data: { waiting, ended: {} } satisfies Waiting,
  };
}

function titleOf(names: { ru: string; en: string }[]): { ru: string; en: string } {
  const [first] = names;
  if (!first) return { ru: 'Документ', en: 'Document' };
  if (names.length === 1) return first;
  return { ru: `${first.ru} и ещё ${names.length - 1}`, en: `${first.en} and ${names.length - 1} more` };
}

/** The state after a patch: documents that were signed, refused, revoked or deleted stop waiting. */
function patched(state: SubjectState, event: TrackedEvent): SubjectState {
  const box = parse(event);
  const patch = box?.Patch;
  if (!patch || state.step === null) return state;
  const data = state.data as unknown as Waiting;
  const waiting = { ...data.waiting };
  const ended = { ...data.ended };
  const end = (entityId: string, how: string) => {
    if (!(entityId in waiting)) return;
    delete waiting[entityId];
    ended[entityId] = how;
  };
  for (const entity of patch.Entities) {
    const status = statusOf(entity);
    if (status !== null && status !== WAITING) end(entity.EntityId, status);
    const revocation = (entity.DocumentInfo as Record<string, unknown> | null | undefined)?.['RevocationStatus'];
    if (revocation === 'RevocationAccepted') end(entity.EntityId, 'revoked');
    if (entity.ParentEntityId && ANSWERS.has(entity.AttachmentType ?? '')) end(entity.ParentEntityId, entity.AttachmentType!);
    // A signature under the document in a later patch: the recipient's (the sender's came with the message).
    if (entity.EntityType === 'Signature' && entity.ParentEntityId) end(entity.ParentEntityId, 'signed');
  }
  for (const change of patch.EntityPatches) if (change.DocumentIsDeleted) end(change.EntityId, 'deleted');
  if (patch.MessageIsDeleted) for (const id of Object.keys(waiting)) end(id, 'deleted');
  const still = Object.keys(waiting);
  if (still.length === Object.keys(data.waiting).length) return state;
  const next = { ...state, data: { waiting, ended } satisfies Waiting as unknown as Record<string, unknown> };
  if (still.length > 0) return { ...next, title: titleOf(Object.values(waiting)) };
  return { ...next, step: null, action: null, closedAt: event.occurredAt };
}

export const diadocActions: ActionTracker = {
  version: 1,
  subjectOf(event) {
    const box = parse(event);
    const id = box?.Message?.MessageId ?? box?.Patch?.MessageId;
    return id ? id.toLowerCase() : null;
  },
  fold(state, event, { settings }) {
    if (state !== null) return patched(state, event);
    const message = parse(event)?.Message;
    return message ? opened(message, event, settings as DiadocSettings) : null;
  },
};
