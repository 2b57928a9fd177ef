// The demo's events of «Требует действия», laid over its timeline in cycles of CYCLE events, so the queue has items on
// first run: a tax or SFR demand (shaped like Kontur.Extern's docflow events, with the docflow's description, since the
// demo has no docflow to ask for), its receipt and its accepted reply later in the same cycle (for some cycles
// only), and a document awaiting signature (shaped like a Diadoc message), signed or refused later (or never). One
// demand in eight arrived long ago and is overdue. Deterministic: event n is the same whatever came before it.
import { seededRandom } from '../../seeded-random.ts';
import { addWorkingDays, isoDateOf, shiftDays } from '../../calendar/working-days.ts';
import type { DemoRawEvent } from './demo-events.ts';

export const CYCLE = 96;
/** Where in a cycle each event of the queue falls. */
const AT = { demand: 5, document: 12, receipt: 30, documentResult: 44, reply: 70, sfrDemand: 80 } as const;
const QUEUE_SLOTS: ReadonlySet<number> = new Set(Object.values(AT));

const TAX_OFFICES = ['ИФНС России № 46 по г. Москве', 'Межрайонная ИФНС России № 25 по Свердловской области'] as const;
const DEMO_COMPANIES = [
  { name: 'ООО «Ромашка»', inn: '6671234567', kpp: '667101001' },
  { name: 'ИП Кузнецова А. В.', inn: '667312345678', kpp: '' },
  { name: 'ООО «Пекарня у дома»', inn: '6678765432', kpp: '667801001' },
] as const;
const COUNTERPARTIES = ['АО «Северный ветер»', 'ООО «Торговый дом Восток»', 'ПАО «Уральские сети»'] as const;

function guidOf(rnd: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

function idsOf(seed: number, cycle: number) {
  const rnd = seededRandom((Math.imul(seed ^ 0x51ed270b, 0x27d4eb2d) ^ Math.imul(cycle + 7, 0x165667b1)) >>> 0);
  const guid = () => guidOf(rnd);
  return {
    demand: guid(),
    inventory: guid(),
    sfrDemand: guid(),
    account: guid(),
    message: guid(),
    entity: guid(),
    box: guid(),
    number: `${1000 + Math.floor(rnd() * 8999)}`,
    docNumber: String(1 + Math.floor(rnd() * 2999)),
  };
}

/** What happens to cycle c's queue: whether the receipt and reply come, and how the document ends. */
function fateOf(cycle: number) {
  return {
    overdue: cycle % 8 === 1,
    receipt: cycle % 2 === 0,
    reply: cycle % 4 === 0,
    // Signed, refused, or still waiting.
    document: (['signed', 'refused', 'waiting'] as const)[cycle % 3]!,
    sfr: cycle % 3 === 1,
    serviceDeadlines: cycle % 2 === 0,
  };
}

/** The event at `seq` when it belongs to the queue's cycle, else null (the ordinary demo event stays). */
export function demoQueueEvent(seed: number, seq: number, occurredAt: number): DemoRawEvent | null {
  const cycle = Math.floor(seq / CYCLE);
  const at = seq % CYCLE;
  // Most events are not the queue's: answer before generating anything (the demo makes thousands a second).
  if (!QUEUE_SLOTS.has(at)) return null;
  const ids = idsOf(seed, cycle);
  const fate = fateOf(cycle);
  const company = DEMO_COMPANIES[cycle % DEMO_COMPANIES.length]!;
  // Event ids unique per feed seed, like the rest of the demo's (GUID-shaped).
  const eventRandom = seededRandom((Math.imul(seed ^ 0x2c1b3c6d, 0x297a2d39) ^ Math.imul(seq + 1, 0x6b43a9b5)) >>> 0);
  const eventId = guidOf(eventRandom);
  const docflowEvent = (id: string, docflow: string, type: string, state: string, extra: Record<string, unknown> = {}) => ({
    seq,
    id,
    kind: 'demo.demand' as const,
    occurredAt,
    body: {
      id,
      inn: company.inn,
      kpp: company.kpp,
      organization: company.name,
      'docflow-type': type,
      'docflow-id': docflow,
      'account-id': ids.account,
      'new-state': state,
      'event-date-time': new Date(occurredAt).toISOString(),
      ...extra,
    },
  });
  switch (at) {
    case AT.demand: {
      const arrived = isoDateOf(occurredAt, 'Europe/Moscow');
      // The overdue one: the account had it for weeks before the demo feed was added; the service gives its dates.
      const sent = fate.overdue ? shiftDays(arrived, -20) : arrived;
      const description =
        fate.serviceDeadlines || fate.overdue
          ? { 'receipt-deadline-date': addWorkingDays(sent, 6), 'reply-deadline-date': addWorkingDays(sent, 16) }
          : {};
      return docflowEvent(eventId, ids.demand, 'urn:docflow:fns534-demand', 'urn:transaction:document', {
        'docflow-sent-date': sent,
        description: {
          ...description,
          'demand-number': `${ids.number}`,
          'demand-date': sent,
          'tax-department-name': TAX_OFFICES[cycle % TAX_OFFICES.length],
        },
      });
    }
    case AT.receipt:
      return fate.receipt
        ? docflowEvent(eventId, ids.demand, 'urn:docflow:fns534-demand', 'urn:transaction:receiption-result-abonent-positive')
        : null;
    case AT.reply:
      return fate.receipt && fate.reply
        ? docflowEvent(eventId, ids.inventory, 'urn:docflow:fns534-inventory', 'urn:transaction:acceptance-result-positive', {
            'related-docflow-id': ids.demand,
          })
        : null;
    case AT.sfrDemand:
      return fate.sfr
        ? docflowEvent(eventId, ids.sfrDemand, 'urn:docflow:fss-sedo-demand', 'urn:transaction:document', {
            'docflow-sent-date': isoDateOf(occurredAt, 'Europe/Moscow'),
            description: {},
          })
        : null;
    case AT.document:
    case AT.documentResult: {
      const opening = at === AT.document;
      if (!opening && fate.document === 'waiting') return null;
      const status = opening
        ? 'WaitingForRecipientSignature'
        : fate.document === 'signed'
          ? 'WithRecipientSignature'
          : 'RecipientSignatureRequestRejected';
      const counterparty = COUNTERPARTIES[cycle % COUNTERPARTIES.length]!;
      const d = new Date(occurredAt);
      const date = `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
      return {
        seq,
        id: eventId,
        kind: 'demo.document',
        occurredAt,
        body: {
          EventId: eventId,
          [opening ? 'Message' : 'Patch']: {
            MessageId: ids.message,
            FromTitle: counterparty,
            FromBoxId: ids.box,
            Entities: [
              {
                EntityType: 'Attachment',
                EntityId: ids.entity,
                AttachmentType: 'UniversalTransferDocument',
                NeedRecipientSignature: opening,
                DocumentInfo: {
                  DocumentNumber: ids.docNumber,
                  ...(opening ? { DocumentDate: date } : {}),
                  DocumentDirection: 'Inbound',
                  TypeNamedId: 'UniversalTransferDocument',
                  RecipientResponseStatus: status,
                },
              },
            ],
          },
        },
      };
    }
    default:
      return null;
  }
}
