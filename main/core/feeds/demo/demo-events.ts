// Deterministic sample events shaped like real services' records (an app purchase, a till document, an incoming
// e-document, a tax report's progress, a property check), generated from (seed, sequence number).
import { seededRandom } from '../../seeded-random.ts';
import { demoQueueEvent } from './demo-queue-events.ts';

/** A demo event as the demo "server" returns it: its kind and a body shaped like a real service's record. */
export interface DemoRawEvent {
  seq: number;
  id: string;
  kind: DemoKind;
  occurredAt: number;
  /** Shaped like a real service's event body. */
  body: Record<string, unknown>;
}

export type DemoKind =
  | 'demo.purchase'
  | 'demo.till-document'
  | 'demo.invoice'
  | 'demo.utd'
  | 'demo.report'
  | 'demo.check'
  /** «Требует действия»: a demand's docflow event (Extern-shaped) and a document to sign or its result (Diadoc-shaped). */
  | 'demo.demand'
  | 'demo.document';

/** The kinds of the ordinary rotation (the queue's events are laid over it: demo-queue-events.ts). */
type RotationKind = Exclude<DemoKind, 'demo.demand' | 'demo.document'>;

const KINDS: readonly RotationKind[] = [
  'demo.utd',
  'demo.till-document',
  'demo.invoice',
  'demo.report',
  'demo.purchase',
  'demo.check',
  'demo.till-document',
  'demo.utd',
];

export const COMPANIES = [
  'ООО «Ромашка»',
  'АО «Северный ветер»',
  'ИП Кузнецова А. В.',
  'ООО «Торговый дом Восток»',
  'ООО «Сибирская кофейня»',
  'ПАО «Уральские сети»',
  'ООО «Пекарня у дома»',
  'АО «Гранит-Логистик»',
] as const;

const STORES = ['Магазин «У дома»', 'Кофейня на Ленина', 'Пекарня №3', 'Склад Северный'] as const;
const PLANS = ['Стандарт', 'Про', 'Базовый'] as const;
const SUBSCRIPTION_TYPES = [
  'SubscriptionActivated',
  'SubscriptionRenewed',
  'SubscriptionCreated',
  'SubscriptionTerminated',
] as const;
const TILL_DOC_TYPES = ['SELL', 'PAYBACK', 'OPEN_SESSION', 'CLOSE_SESSION', 'ACCEPT'] as const;
const REPORT_FLOWS = [
  { docflow: 'urn:docflow:fns534-report', form: 'НДС', period: '3 квартал 2026' },
  { docflow: 'urn:docflow:fns534-report', form: 'РСВ', period: '9 месяцев 2026' },
  { docflow: 'urn:docflow:sfr-report', form: 'ЕФС-1', period: 'октябрь 2026' },
  // Demands are demo.demand events (the queue's), not reports.
  { docflow: 'urn:docflow:fns534-report', form: 'Бухгалтерская отчётность', period: '2025 год' },
] as const;
const REPORT_STATES = [
  'urn:transaction:report-receipt',
  'urn:transaction:acceptance-result-positive',
  'urn:transaction:processing-result-ok',
  'urn:transaction:acceptance-result-negative',
] as const;
const CHECK_TYPES = ['Fssp', 'Bankruptcy', 'Rosfinmonitoring', 'Arbitration', 'Pledge'] as const;

/** A generator seeded per event, so event n is the same whatever was generated before it. */
function random(seed: number, seq: number): () => number {
  return seededRandom((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(seq + 1, 0xc2b2ae35)) >>> 0);
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** A GUID-shaped id derived from (seed, seq, salt), so the same event always gets the same id. */
function guid(rnd: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function inn(rnd: () => number): string {
  return String(Math.floor(1e9 + rnd() * 8.9e9));
}

const TICKS_AT_UNIX_EPOCH = 621355968000000000n;

/** An e-document's "dd.MM.yyyy" (UTC), by hand: toLocaleDateString builds a formatter per call and dominated generation. */
function two(n: number): string {
  return String(n).padStart(2, '0');
}

function ddMMyyyy(time: number): string {
  const d = new Date(time);
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

export function demoEvent(seed: number, seq: number, occurredAt: number): DemoRawEvent {
  const queued = demoQueueEvent(seed, seq, occurredAt);
  if (queued) return queued;
  const rnd = random(seed, seq);
  const kind = KINDS[(seq + Math.floor(rnd() * 3)) % KINDS.length]!;
  const id = guid(rnd);
  const company = pick(rnd, COMPANIES);
  let body: Record<string, unknown>;
  switch (kind) {
    case 'demo.purchase':
      body = {
        id,
        timestamp: occurredAt,
        type: 'marketplace.purchase',
        action: 'created',
        payload: {
          subscriptionId: guid(rnd),
          productId: 'feedbell-demo-app',
          userId: `01-${inn(rnd)}`,
          timestamp: new Date(occurredAt).toISOString().replace('Z', '+0000'),
          sequenceNumber: 1 + Math.floor(rnd() * 12),
          type: pick(rnd, SUBSCRIPTION_TYPES),
          planId: pick(rnd, PLANS),
          deviceNumber: 1 + Math.floor(rnd() * 5),
          storeName: pick(rnd, STORES),
        },
      };
      break;
    case 'demo.till-document':
      body = {
        id,
        timestamp: occurredAt,
        type: 'document',
        action: 'created',
        payload: {
          type: pick(rnd, TILL_DOC_TYPES),
          id: guid(rnd),
          number: 1 + Math.floor(rnd() * 9999),
          close_date: new Date(occurredAt).toISOString().replace('Z', '+0000'),
          time_zone_offset: 10800000,
          session_number: 1 + Math.floor(rnd() * 400),
          device_id: `2017${Math.floor(rnd() * 1e12)}`,
          store_id: `2016${Math.floor(rnd() * 1e12)}`,
          store_name: pick(rnd, STORES),
          sum: Math.round(rnd() * 500000) / 100,
          version: 'V2',
        },
      };
      break;
    case 'demo.invoice':
    case 'demo.utd': {
      const ticks = BigInt(occurredAt) * 10000n + TICKS_AT_UNIX_EPOCH;
      const number = String(1 + Math.floor(rnd() * 2999));
      const boxId = guid(rnd);
      body = {
        EventId: id,
        IndexKey: Buffer.from(`${seed}:${seq}`).toString('base64'),
        Message: {
          MessageId: guid(rnd),
          TimestampTicks: ticks.toString(),
          FromBoxId: boxId,
          FromTitle: company,
          MessageType: 'Letter',
          Entities: [
            {
              EntityType: 'Attachment',
              EntityId: guid(rnd),
              AttachmentType: kind === 'demo.utd' ? 'UniversalTransferDocument' : 'Invoice',
              FileName: `ON_NSCHFDOPPR_${number}.xml`,
              DocumentInfo: {
                DocumentDate: ddMMyyyy(occurredAt),
                DocumentNumber: number,
                DocumentDirection: 'Inbound',
                CounteragentBoxId: boxId,
                TypeNamedId: kind === 'demo.utd' ? 'UniversalTransferDocument' : 'Invoice',
                Total: (Math.round(rnd() * 10000000) / 100).toFixed(2),
              },
            },
          ],
        },
      };
      break;
    }
    case 'demo.report': {
      const flow = pick(rnd, REPORT_FLOWS);
      body = {
        id: `${seq}_${Math.floor(rnd() * 1000)}`,
        inn: inn(rnd),
        kpp: '667601001',
        'docflow-type': flow.docflow,
        'docflow-id': guid(rnd),
        'account-id': guid(rnd),
        'new-state': pick(rnd, REPORT_STATES),
        'event-date-time': new Date(occurredAt).toISOString(),
        form: flow.form,
        period: flow.period,
        organization: company,
      };
      break;
    }
    case 'demo.check':
      body = {
        eventId: id,
        eventDate: new Date(occurredAt).toISOString().replace('Z', '123Z'),
        checkId: guid(rnd),
        corelationId: guid(rnd),
        externalId: `ОБ-${Math.floor(rnd() * 99999)}`,
        checkType: pick(rnd, CHECK_TYPES),
        checkState: rnd() < 0.85 ? 'Processed' : 'Error',
        cadastralNumber: `66:41:0${Math.floor(rnd() * 999999)}:${Math.floor(rnd() * 999)}`,
      };
      break;
  }
  return { seq, id: kind === 'demo.report' ? String(body['id']) : id, kind, occurredAt, body };
}
