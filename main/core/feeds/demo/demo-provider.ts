// The built-in demo feed: offline and deterministic, it pages like a real feed over a virtual timeline
// on which event n occurs at origin + n * (60 s / ratePerMinute), and only events up to "now" exist.
import { z } from 'zod';
import { FeedError, type NormalizedEvent } from '../../model.ts';
import type { FeedPage, Provider, ProviderContext, StartPoint } from '../provider.ts';
import { demoEvent, type DemoRawEvent } from './demo-events.ts';
import { describeQueueEvent } from './demo-queue-texts.ts';
import { turnOfTheLoop } from '../../loop-turn.ts';

/** 2026-01-01T00:00:00Z: the default origin of the demo timeline. */
const DEFAULT_ORIGIN = Date.UTC(2026, 0, 1);

export const demoSettingsSchema = z
  .strictObject({
    seed: z
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    ratePerMinute: z.number().min(0.01).max(600_000).default(4),
    pageSize: z.int().min(1).max(500).default(50),
    /** How far back "from the beginning" reaches, in hours. */
    historyHours: z
      .number()
      .min(0)
      .max(24 * 365)
      .default(48),
    origin: z.int().min(0).default(DEFAULT_ORIGIN),
  })
  .default({ seed: 1, ratePerMinute: 4, pageSize: 50, historyHours: 48, origin: DEFAULT_ORIGIN });

export type DemoSettings = z.infer<typeof demoSettingsSchema>;

function intervalMs(settings: DemoSettings): number {
  return 60_000 / settings.ratePerMinute;
}

/** Sequence number of the first event at or after `time`. */
function seqAt(settings: DemoSettings, time: number): number {
  return Math.max(0, Math.ceil((time - settings.origin) / intervalMs(settings)));
}

function occurredAt(settings: DemoSettings, seq: number): number {
  return Math.floor(settings.origin + seq * intervalMs(settings));
}

function parseCursor(cursor: string | null): number {
  if (cursor === null) return 0;
  if (!/^\d{1,15}$/.test(cursor))
    throw new FeedError('protocol', `The demo feed does not understand the cursor "${cursor.slice(0, 40)}"`);
  return Number(cursor);
}

export const demoProvider: Provider<DemoSettings, DemoRawEvent> = {
  settingsSchema: demoSettingsSchema,
  needsSecret: false,

  async start(ctx: ProviderContext<DemoSettings>, position): Promise<StartPoint> {
    const s = ctx.settings;
    const time =
      position.kind === 'now' ? ctx.now() : position.kind === 'date' ? position.at : ctx.now() - s.historyHours * 3_600_000;
    return { cursor: String(seqAt(s, time)), skipBefore: null };
  },

  async fetchPage(ctx: ProviderContext<DemoSettings>, cursor): Promise<FeedPage<DemoRawEvent>> {
    // Answer on a later turn of the event loop, as a real request does: otherwise a long backlog runs as one
    // chain of microtasks and nothing (stop, SIGINT, the window) gets a turn until it ends.
    await turnOfTheLoop();
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const s = ctx.settings;
    const from = parseCursor(cursor);
    const available = seqAt(s, ctx.now() + 1); // events with occurredAt <= now
    const to = Math.min(from + s.pageSize, Math.max(from, available));
    const events: DemoRawEvent[] = [];
    for (let seq = from; seq < to; seq++) events.push(demoEvent(s.seed, seq, occurredAt(s, seq)));
    return { events, cursor: String(to), more: to < available };
  },

  normalize(raw: DemoRawEvent): NormalizedEvent {
    return { ...describeDemoEvent(raw), id: raw.id, type: raw.kind, occurredAt: raw.occurredAt, payload: raw.body };
  },

  async check(): Promise<void> {},
};

export const SUBSCRIPTION_TEXT: Record<string, { ru: string; en: string }> = {
  SubscriptionActivated: { ru: 'подписка активирована', en: 'subscription activated' },
  SubscriptionRenewed: { ru: 'подписка продлена', en: 'subscription renewed' },
  SubscriptionCreated: { ru: 'оформлена подписка', en: 'subscription created' },
  SubscriptionTerminated: { ru: 'подписка завершена', en: 'subscription terminated' },
};

export const TILL_DOCUMENT_TEXT: Record<string, { ru: string; en: string }> = {
  SELL: { ru: 'продажа', en: 'sale' },
  PAYBACK: { ru: 'возврат', en: 'refund' },
  OPEN_SESSION: { ru: 'открытие смены', en: 'shift opened' },
  CLOSE_SESSION: { ru: 'закрытие смены', en: 'shift closed' },
  ACCEPT: { ru: 'приёмка товара', en: 'goods received' },
};

/** Who a demo report goes to, by its docflow type: the Social Fund for СФР's forms, the tax service otherwise. */
function reportAuthority(docflowType: unknown): { ru: string; en: string } {
  return String(docflowType).includes('sfr') ? { ru: 'СФР', en: 'the Social Fund' } : { ru: 'ФНС', en: 'the tax service' };
}

/** A report's new state in words, naming the authority it went to; null for a state the demo does not know. */
export function reportStateText(newState: unknown, docflowType: unknown): { ru: string; en: string } | null {
  const to = reportAuthority(docflowType);
  switch (String(newState)) {
    case 'urn:transaction:report-receipt':
      return { ru: `Отчёт получен ${to.ru}`, en: `Report received by ${to.en}` };
    case 'urn:transaction:acceptance-result-positive':
      return { ru: `Отчёт принят ${to.ru}`, en: `Report accepted by ${to.en}` };
    case 'urn:transaction:processing-result-ok':
      return { ru: `Отчёт обработан ${to.ru}`, en: `Report processed by ${to.en}` };
    case 'urn:transaction:acceptance-result-negative':
      return { ru: `Отчёт не принят ${to.ru}`, en: `Report rejected by ${to.en}` };
    default:
      return null;
  }
}

export const CHECK_TEXT: Record<string, { ru: string; en: string }> = {
  Fssp: { ru: 'ФССП', en: 'bailiffs (FSSP)' },
  Bankruptcy: { ru: 'банкротства', en: 'bankruptcy' },
  Rosfinmonitoring: { ru: 'Росфинмониторинга', en: 'Rosfinmonitoring' },
  Arbitration: { ru: 'арбитражных дел', en: 'arbitration cases' },
  Pledge: { ru: 'залогов', en: 'pledges' },
};

const rub = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' });

type Texts = Pick<NormalizedEvent, 'title' | 'summary' | 'link'>;

function describeDemoEvent(raw: DemoRawEvent): Texts {
  const b = raw.body as Record<string, unknown> & { payload?: Record<string, unknown> };
  switch (raw.kind) {
    case 'demo.demand':
    case 'demo.document':
      return describeQueueEvent(raw);
    case 'demo.purchase': {
      const p = b.payload ?? {};
      const what = SUBSCRIPTION_TEXT[String(p['type'])] ?? { ru: String(p['type']), en: String(p['type']) };
      return {
        title: { ru: `Покупка приложения: ${what.ru}`, en: `App purchase: ${what.en}` },
        summary: {
          ru: `${String(p['storeName'])} · тариф «${String(p['planId'])}» · касс: ${String(p['deviceNumber'])}`,
          en: `${String(p['storeName'])} · plan "${String(p['planId'])}" · terminals: ${String(p['deviceNumber'])}`,
        },
        link: null,
      };
    }
    case 'demo.till-document': {
      const p = b.payload ?? {};
      const what = TILL_DOCUMENT_TEXT[String(p['type'])] ?? { ru: String(p['type']), en: String(p['type']) };
      return {
        title: {
          ru: `Документ на кассе: ${what.ru} № ${String(p['number'])}`,
          en: `Till document: ${what.en} No. ${String(p['number'])}`,
        },
        summary: {
          ru: `${String(p['store_name'])} · смена ${String(p['session_number'])} · ${rub.format(Number(p['sum']))}`,
          en: `${String(p['store_name'])} · shift ${String(p['session_number'])} · ${rub.format(Number(p['sum']))}`,
        },
        link: null,
      };
    }
    case 'demo.invoice':
    case 'demo.utd': {
      const message = b['Message'] as {
        MessageId: string;
        FromTitle: string;
        FromBoxId: string;
        Entities: Record<string, unknown>[];
      };
      const entity = message.Entities[0] ?? {};
      const info = (entity['DocumentInfo'] ?? {}) as Record<string, string>;
      const kind = raw.kind === 'demo.utd' ? { ru: 'УПД', en: 'UTD' } : { ru: 'счёт-фактура', en: 'invoice' };
      return {
        title: {
          ru: `Входящий документ: ${kind.ru} № ${info['DocumentNumber']} от ${message.FromTitle}`,
          en: `Incoming document: ${kind.en} No. ${info['DocumentNumber']} from ${message.FromTitle}`,
        },
        summary: {
          ru: `Документ от ${info['DocumentDate']} на сумму ${rub.format(Number(info['Total']))}; ждёт подписи`,
          en: `Dated ${info['DocumentDate']}, total ${rub.format(Number(info['Total']))}; awaiting signature`,
        },
        // Made-up pages on Kontur's public site: the demo has no web UI of its own.
        link: `https://kontur.ru/demo/document/${message.MessageId}?entity=${String(entity['EntityId'])}`,
      };
    }
    case 'demo.report': {
      const state = reportStateText(b['new-state'], b['docflow-type']) ?? {
        ru: String(b['new-state']),
        en: String(b['new-state']),
      };
      const period = b['period'] ? ` за ${String(b['period'])}` : '';
      return {
        title: { ru: state.ru, en: state.en },
        summary: {
          ru: `${String(b['form'])}${period} · ${String(b['organization'])}, ИНН ${String(b['inn'])}`,
          en: `${String(b['form'])}${b['period'] ? ` for ${String(b['period'])}` : ''} · ${String(b['organization'])}, INN ${String(b['inn'])}`,
        },
        link: `https://kontur.ru/demo/report/${String(b['docflow-id'])}`,
      };
    }
    case 'demo.check': {
      const check = CHECK_TEXT[String(b['checkType'])] ?? { ru: String(b['checkType']), en: String(b['checkType']) };
      const failed = b['checkState'] === 'Error';
      return {
        title: {
          ru: `Проверка ${check.ru} завершена${failed ? ' с ошибкой' : ''}`,
          en: `Check of ${check.en} ${failed ? 'failed' : 'completed'}`,
        },
        summary: {
          ru: `Объект ${String(b['externalId'])}, кадастровый номер ${String(b['cadastralNumber'])}`,
          en: `Property ${String(b['externalId'])}, cadastral number ${String(b['cadastralNumber'])}`,
        },
        link: null,
      };
    }
  }
}
