import { describe, expect, it } from 'vitest';
import { demoProvider, demoSettingsSchema, type DemoSettings } from '../../main/core/feeds/demo/demo-provider.ts';
import type { ProviderContext } from '../../main/core/feeds/provider.ts';
import { providerContext } from '../support/provider-context.ts';

const NOW = Date.UTC(2026, 10, 1, 12, 0);

function ctx(settings: Partial<DemoSettings> = {}, now = NOW): ProviderContext<DemoSettings> {
  return providerContext(demoSettingsSchema.parse(settings), { feedId: 'demo', now: () => now });
}

async function readAll(c: ProviderContext<DemoSettings>, cursor: string | null) {
  const events = [];
  let pages = 0;
  for (let more = true; more && pages < 10_000; pages++) {
    const page = await demoProvider.fetchPage(c, cursor);
    events.push(...page.events);
    cursor = page.cursor;
    more = page.more;
  }
  return { events, cursor, pages };
}

describe('demo provider', () => {
  it('is deterministic: the same seed and time give the same events, another seed others', async () => {
    const a = await demoProvider.fetchPage(ctx({ seed: 7, ratePerMinute: 10 }), '1000000');
    const b = await demoProvider.fetchPage(ctx({ seed: 7, ratePerMinute: 10 }), '1000000');
    expect(a.events).toHaveLength(50);
    const c = await demoProvider.fetchPage(ctx({ seed: 8, ratePerMinute: 10 }), '0');
    expect(a.events).toEqual(b.events);
    expect(c.events[0]!.id).not.toBe(a.events[0]!.id);
  });

  it('pages like a real feed: full pages with more, a short last page, nothing from the future', async () => {
    const c = ctx({ ratePerMinute: 60, pageSize: 25, historyHours: 1 });
    const start = await demoProvider.start(c, { kind: 'beginning' });
    const all = await readAll(c, start.cursor);
    expect(all.events).toHaveLength(60 * 60 + 1);
    expect(all.pages).toBe(Math.ceil((60 * 60 + 1) / 25));
    expect(all.events.every((e) => e.occurredAt <= NOW)).toBe(true);
    expect(new Set(all.events.map((e) => e.id)).size).toBe(all.events.length);
    // Caught up: the next page is empty and keeps the cursor; a minute later one page has the new events.
    const empty = await demoProvider.fetchPage(c, all.cursor);
    expect(empty).toEqual({ events: [], cursor: all.cursor, more: false });
    const later = await demoProvider.fetchPage(ctx({ ratePerMinute: 60, pageSize: 100 }, NOW + 60_000), all.cursor);
    expect(later.events).toHaveLength(60);
  });

  it('starts "now" with nothing old, and at a date with what came since', async () => {
    const c = ctx({ ratePerMinute: 6 });
    const now = await demoProvider.start(c, { kind: 'now' });
    expect((await demoProvider.fetchPage(c, now.cursor)).events.length).toBeLessThanOrEqual(1);
    const since = await demoProvider.start(c, { kind: 'date', at: NOW - 3_600_000 });
    const events = (await readAll(c, since.cursor)).events;
    expect(events.length).toBeGreaterThanOrEqual(360);
    expect(events.every((e) => e.occurredAt >= NOW - 3_600_000)).toBe(true);
  });

  it('produces every service shape with Russian and English texts', async () => {
    const c = ctx({ ratePerMinute: 600, historyHours: 1, pageSize: 400 });
    const { events } = await demoProvider.fetchPage(c, (await demoProvider.start(c, { kind: 'beginning' })).cursor);
    const normalized = events.map((raw) => demoProvider.normalize(raw, demoSettingsSchema.parse({})));
    const types = new Set(normalized.map((e) => e.type));
    expect([...types].toSorted()).toEqual([
      'demo.check',
      'demo.demand',
      'demo.document',
      'demo.invoice',
      'demo.purchase',
      'demo.report',
      'demo.till-document',
      'demo.utd',
    ]);
    const utd = normalized.find((e) => e.type === 'demo.utd')!;
    expect(utd.title.ru).toMatch(/^Входящий документ: УПД № \d+ от /);
    expect(utd.title.en).toMatch(/^Incoming document: UTD No\. \d+ from /);
    expect(utd.link).toMatch(/^https:\/\/kontur\.ru\/demo\//);
    expect(normalized.find((e) => e.type === 'demo.purchase')!.title.ru).toMatch(/^Покупка приложения: /);
    expect(normalized.find((e) => e.type === 'demo.check')!.title.ru).toMatch(/^Проверка .+ завершена/);
    expect(normalized.some((e) => e.type === 'demo.report' && /ФНС|обработан/.test(e.title.ru))).toBe(true);
    for (const e of normalized) {
      expect(e.title.ru.length).toBeGreaterThan(5);
      expect(e.summary.en.length).toBeGreaterThan(5);
      expect(e.summary.ru).not.toContain('undefined');
    }
  });

  it('names the authority a report went to, and keeps demands out of the reports', async () => {
    const c = ctx({ ratePerMinute: 600, historyHours: 4, pageSize: 500 });
    const { events } = await demoProvider.fetchPage(c, (await demoProvider.start(c, { kind: 'beginning' })).cursor);
    const reports = events.filter((raw) => raw.kind === 'demo.report');
    expect(reports.length).toBeGreaterThan(20);
    for (const raw of reports) {
      const body = raw.body as Record<string, unknown>;
      const event = demoProvider.normalize(raw, demoSettingsSchema.parse({}));
      expect(String(body['docflow-type'])).not.toContain('demand');
      expect(event.summary.ru).not.toMatch(/^Требование/);
      if (String(body['docflow-type']).includes('sfr')) {
        expect(event.title.ru).toMatch(/^Отчёт .+ СФР$/);
        expect(event.title.en).toMatch(/by the Social Fund$/);
      } else expect(event.title.ru).toMatch(/^Отчёт .+ ФНС$/);
    }
    expect(new Set(reports.map((raw) => (raw.body as Record<string, unknown>)['docflow-type']))).toEqual(
      new Set(['urn:docflow:fns534-report', 'urn:docflow:sfr-report']),
    );
  });

  it('refuses a cursor it did not make with a protocol error', async () => {
    await expect(demoProvider.fetchPage(ctx(), 'garbage')).rejects.toMatchObject({ kind: 'protocol' });
  });
});
