// Issue 11: the notification settings' time fields (24-hour HH:MM, typed or stepped) and rules read as sentences.
import { describe, expect, it } from 'vitest';
import type { FeedStatus, NotifyRule } from '../../preload/contract.ts';
import { createTranslator } from '../../renderer/src/i18n/translator.ts';
import { providersOf } from '../../renderer/src/providers/providers-data.ts';
import { ruleWords, withRule } from '../../renderer/src/features/settings/notify-text.ts';
import { maskTime, parseTime, stepTime } from '../../renderer/src/ui/time-text.ts';

describe('time of day', () => {
  it('reads what people type', () => {
    expect(parseTime('9:00')).toBe('09:00');
    expect(parseTime('09:05')).toBe('09:05');
    expect(parseTime('0930')).toBe('09:30');
    expect(parseTime('2000')).toBe('20:00');
    expect(parseTime('9')).toBe('09:00');
    expect(parseTime('21.30')).toBe('21:30');
    expect(parseTime(' 23:59 ')).toBe('23:59');
  });
  it('refuses what is not a time', () => {
    for (const bad of ['24:00', '9:60', '', 'девять', '9 PM', '12:3', '1:2:3']) expect(parseTime(bad)).toBeNull();
  });
  it('masks while typing: the colon comes after two digits, never more than HH:MM', () => {
    expect(maskTime('2', '')).toBe('2');
    expect(maskTime('20', '2')).toBe('20:');
    expect(maskTime('20:3', '20:')).toBe('20:3');
    expect(maskTime('20:300', '20:30')).toBe('20:30');
    expect(maskTime('2030', '203')).toBe('20:30');
    expect(maskTime('20', '20:')).toBe('20');
    expect(maskTime('2a0', '2')).toBe('20:');
  });
  it('steps around the clock', () => {
    expect(stepTime('23:45', 15)).toBe('00:00');
    expect(stepTime('00:00', -15)).toBe('23:45');
    expect(stepTime('09:00', 15)).toBe('09:15');
  });
});

function rule(patch: Partial<NotifyRule>): NotifyRule {
  return { feedId: 'box', type: 'dd.upd', organisation: null, mode: 'count', ...patch };
}

describe('rules in words', () => {
  const ru = createTranslator('ru');
  const feed = { id: 'box', name: 'Основной ящик', provider: 'dd' } as FeedStatus;
  const context = {
    feeds: [feed],
    types: [{ provider: 'dd', type: 'dd.upd', name: { ru: 'УПД', en: 'UPD' } }],
    providers: providersOf([{ id: 'dd', name: { ru: 'Диадок', en: 'Diadoc' } } as never]),
  };
  it('service · feed · type — mode', () => {
    expect(ruleWords(rule({}), context, ru)).toBe('Диадок · Основной ящик · УПД — только счётчик');
    expect(ruleWords(rule({ feedId: null, type: null, mode: 'ignore' }), context, ru)).toBe(
      'Все ленты · Все типы событий — не замечать',
    );
    expect(ruleWords(rule({ organisation: '7701234567', mode: 'notify' }), context, ru)).toBe(
      'Диадок · Основной ящик · УПД · организация 7701234567 — уведомлять',
    );
  });
  it('the service named once when the feed’s name says it', () => {
    const own = { ...context, feeds: [{ ...feed, name: 'Диадок, главный офис' }] };
    expect(ruleWords(rule({}), own, ru)).toBe('Диадок, главный офис · УПД — только счётчик');
  });
  it('a rule for the same events replaces the older one', () => {
    const rules = withRule([rule({ mode: 'notify' }), rule({ type: null })], rule({ mode: 'ignore' }));
    expect(rules).toEqual([rule({ type: null }), rule({ mode: 'ignore' })]);
  });
});
