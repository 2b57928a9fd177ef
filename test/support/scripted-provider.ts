// A provider whose pages and failures a test scripts, to drive the poller through every path.
import { z } from 'zod';
import type { FeedPage, Provider, ProviderContext, StartPoint } from '../../main/core/feeds/provider.ts';
import type { FeedConfig, NormalizedEvent } from '../../main/core/model.ts';

export interface ScriptedRaw {
  id: string;
  at: number;
  type?: string;
}

/** Each fetch takes the next step: a page, an error to throw, or a function of the context. */
export type Step =
  FeedPage<ScriptedRaw> | Error | ((ctx: ProviderContext<unknown>, cursor: string | null) => Promise<FeedPage<ScriptedRaw>>);

export class ScriptedProvider implements Provider<Record<string, unknown>, ScriptedRaw> {
  readonly id = 'demo' as const;
  readonly name = { ru: 'Тест', en: 'Test' };
  readonly settingsSchema = z.record(z.string(), z.unknown());
  readonly needsSecret: boolean;
  readonly steps: Step[] = [];
  readonly calls: (string | null)[] = [];
  inFlight = 0;
  maxInFlight = 0;
  startPoint: StartPoint = { cursor: null, skipBefore: null };
  /** Set to give the provider a streaming mode (used when the feed's settings say mode: 'stream'). */
  stream?: (
    ctx: ProviderContext<Record<string, unknown>>,
    cursor: string | null,
    onPage: (page: FeedPage<ScriptedRaw>) => Promise<void>,
  ) => Promise<void>;

  constructor(options: { needsSecret?: boolean } = {}) {
    this.needsSecret = options.needsSecret ?? false;
  }

  async start(): Promise<StartPoint> {
    return this.startPoint;
  }

  async fetchPage(ctx: ProviderContext<Record<string, unknown>>, cursor: string | null): Promise<FeedPage<ScriptedRaw>> {
    this.calls.push(cursor);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const step = this.steps.shift() ?? { events: [], cursor, more: false };
      if (step instanceof Error) throw step;
      if (typeof step === 'function') return await step(ctx, cursor);
      return step;
    } finally {
      this.inFlight--;
    }
  }

  normalize(raw: ScriptedRaw): NormalizedEvent {
    if (raw.type === 'explode') throw new Error('unreadable event');
    return {
      id: raw.id,
      type: raw.type ?? 'test',
      occurredAt: raw.at,
      title: { ru: `Событие ${raw.id}`, en: `Event ${raw.id}` },
      summary: { ru: 'сводка', en: 'summary' },
      link: null,
      payload: raw,
    };
  }
}

export function page(ids: string[], cursor: string, more = false, at = Date.UTC(2026, 10, 1)): FeedPage<ScriptedRaw> {
  return { events: ids.map((id, i) => ({ id, at: at + i })), cursor, more };
}

export function testFeed(overrides: Partial<FeedConfig> = {}): FeedConfig {
  return {
    id: 'f1',
    provider: 'demo',
    name: 'Test feed',
    enabled: true,
    intervalSec: 60,
    start: { kind: 'beginning' },
    settings: {},
    ...overrides,
  };
}
