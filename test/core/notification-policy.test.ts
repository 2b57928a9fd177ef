import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../preload/contract.ts';
import { decideNotifications, newEventsPhrase, type NotificationInput } from '../../main/core/notify/notification-policy.ts';

function events(n: number): EventRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    key: 1000 + i,
    feedId: 'dd',
    provider: 'diadoc',
    id: `e${i}`,
    type: 'diadoc.utd',
    occurredAt: Date.UTC(2026, 10, 1) + i * 1000,
    receivedAt: Date.UTC(2026, 10, 1, 1),
    title: { ru: `Входящий документ: УПД № ${i}`, en: `Incoming document: UTD No. ${i}` },
    summary: { ru: `сводка ${i}`, en: `summary ${i}` },
    link: null,
    read: false,
  }));
}

const base: NotificationInput = {
  feedId: 'dd',
  feedName: 'Диадок: ООО «Ромашка»',
  provider: 'diadoc',
  inserted: [],
  firstSync: false,
  language: 'ru',
  enabled: true,
  burstThreshold: 3,
};

describe('notification policy', () => {
  it('shows one notification per event for a few, each opening its event', () => {
    const shown = decideNotifications({ ...base, inserted: events(3) });
    expect(shown).toHaveLength(3);
    expect(shown[0]).toMatchObject({ title: 'Входящий документ: УПД № 0', eventKey: 1000, feedId: 'dd' });
    expect(shown[0]!.body).toContain('сводка 0');
    expect(shown[0]!.body).toContain('Диадок: ООО «Ромашка»');
  });

  it('coalesces a burst into one summary naming the count and the service', () => {
    const shown = decideNotifications({ ...base, inserted: events(12) });
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('12 новых событий в Диадоке');
    expect(shown[0]!.eventKey).toBeUndefined();
    expect(shown[0]!.body).toContain('УПД № 11'); // the newest first
    expect(shown[0]!.body).toContain('и ещё 9');
  });

  it("stays silent on a feed's first sync except for one summary", () => {
    const shown = decideNotifications({ ...base, inserted: events(500), firstSync: true });
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toContain('лента подключена');
    expect(shown[0]!.body).toContain('500');
    expect(decideNotifications({ ...base, inserted: [], firstSync: true })).toEqual([]);
  });

  it('shows nothing when notifications are off or nothing is new', () => {
    expect(decideNotifications({ ...base, inserted: events(2), enabled: false })).toEqual([]);
    expect(decideNotifications({ ...base, inserted: [] })).toEqual([]);
  });

  it('speaks English when asked', () => {
    const [one] = decideNotifications({ ...base, inserted: events(1), language: 'en' });
    expect(one!.title).toBe('Incoming document: UTD No. 0');
    const [burst] = decideNotifications({ ...base, inserted: events(5), language: 'en' });
    expect(burst!.title).toBe('5 new events in Diadoc');
  });

  it('uses Russian plural forms', () => {
    expect(newEventsPhrase(1, 'ru')).toBe('1 новое событие');
    expect(newEventsPhrase(3, 'ru')).toBe('3 новых события');
    expect(newEventsPhrase(5, 'ru')).toBe('5 новых событий');
    expect(newEventsPhrase(21, 'ru')).toBe('21 новое событие');
    expect(newEventsPhrase(1, 'en')).toBe('1 new event');
  });
});
