import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../preload/contract.ts';
import {
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_TITLE_MAX,
  decideNotifications,
  newEventsPhrase,
  type NotificationInput,
} from '../../main/core/notify/notification-policy.ts';

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

/** Bidi embeddings, overrides, isolates, the Arabic letter mark, and C0/C1 controls. */
// oxlint-disable-next-line no-control-regex -- control characters are what must not get through
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/;

/** Events whose titles and summaries a hostile service wrote: overrides, control characters, 100 KB. */
function hostile(n: number): EventRecord[] {
  return events(n).map((event, i) => ({
    ...event,
    title: { ru: `Счёт \u202Egnp.exe № ${i} ${'Ж'.repeat(100_000)}`, en: `Invoice \u2066${i}\u2069 ${'x'.repeat(100_000)}` },
    summary: { ru: `от \u202BООО\u202C «Ромашка»\u061C\u0007 ${'с'.repeat(50_000)}`, en: `from\u202D ${'s'.repeat(50_000)}` },
  }));
}

/** No bidi or control character (line breaks between lines aside), title and body within their limits. */
function check(shown: { title: string; body: string }[]): void {
  expect(shown.length).toBeGreaterThan(0);
  for (const n of shown) {
    expect(n.title).not.toMatch(UNSAFE);
    expect(n.body.replace(/\n/g, '')).not.toMatch(UNSAFE);
    expect(Array.from(n.title).length).toBeLessThanOrEqual(NOTIFICATION_TITLE_MAX);
    expect(Array.from(n.body).length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX);
  }
}

const base: NotificationInput = {
  feedId: 'dd',
  feedName: 'Диадок: ООО «Ромашка»',
  where: { ru: 'в Диадоке', en: 'in Diadoc' },
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

  describe('text from the service', () => {
    it('a single notification has no bidi controls, a bounded title and body, and still names the feed', () => {
      for (const language of ['ru', 'en'] as const) {
        const shown = decideNotifications({ ...base, inserted: hostile(2), language });
        check(shown);
        expect(shown[0]!.title).toMatch(language === 'ru' ? /^Счёт gnp\.exe № 0 Ж+…$/ : /^Invoice 0 x+…$/);
        expect(shown[0]!.body.split('\n').at(-1)).toBe('Диадок: ООО «Ромашка»');
      }
    });

    it('a burst, a first sync and a catch-up summary are bounded and clean too', () => {
      check(decideNotifications({ ...base, inserted: hostile(12) }));
      const [missed] = decideNotifications({ ...base, inserted: hostile(3), missed: 40 });
      check([missed!]);
      expect(missed!.body).toMatch(/и ещё 37$/);
      const longName = { ...base, feedName: `\u202Eлента${'Ы'.repeat(500)}` };
      check(decideNotifications({ ...longName, inserted: hostile(2), firstSync: true }));
      check(decideNotifications({ ...longName, inserted: hostile(2) }));
      const [burst] = decideNotifications({ ...base, inserted: hostile(12) });
      // Three titles and the rest count still fit.
      expect(burst!.body.split('\n')).toHaveLength(4);
      expect(burst!.body).toMatch(/и ещё 9$/);
    });
  });
});
