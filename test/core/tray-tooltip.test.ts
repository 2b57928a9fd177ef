// The tray tooltip: remote text without bidi controls, and never longer than Windows keeps (127 UTF-16 units).
import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { TRAY_TOOLTIP_MAX, trayTooltip } from '../../main/core/tray-tooltip.ts';
import { until } from '../support/fake-clock.ts';

const BIDI = /[\u061c\u202a-\u202e\u2066-\u2069]/;

function feed(id: string, overrides: Partial<FeedStatus> = {}): FeedStatus {
  return {
    id,
    name: `Лента ${id}`,
    provider: 'diadoc',
    enabled: true,
    paused: false,
    phase: 'ok',
    lastSuccessAt: null,
    lastError: null,
    nextPollAt: null,
    unread: 0,
    note: null,
    ...overrides,
  };
}

const failing = (id: string, message: string, name = `Лента ${id}`): FeedStatus =>
  feed(id, { name, phase: 'error', lastError: { kind: 'server', summary: { ru: message, en: message }, message, at: 0 } });

describe('tray tooltip', () => {
  it('says the unread count, and each failing feed while there is room', () => {
    expect(trayTooltip([feed('a', { unread: 3 }), feed('b', { unread: 4 })], 'ru')).toBe('Feedbell: непрочитанных 7');
    expect(trayTooltip([feed('a', { unread: 1 })], 'en')).toBe('Feedbell: 1 unread');
    expect(trayTooltip([feed('a'), failing('b', 'HTTP 500')], 'ru')).toBe('Feedbell: непрочитанных 0\n⚠ Лента b: HTTP 500');
  });

  it('prefers the plain-words summary of an error to its technical message', () => {
    const status = feed('a', {
      phase: 'error',
      lastError: {
        kind: 'auth',
        message: 'HTTP 401 Unauthorized',
        summary: { ru: 'Нужно войти заново', en: 'Sign in again' },
        at: 0,
      },
    });
    expect(trayTooltip([status], 'ru')).toBe('Feedbell: непрочитанных 0\n⚠ Лента a: Нужно войти заново');
    expect(trayTooltip([status], 'en')).toBe('Feedbell: 0 unread\n⚠ Лента a: Sign in again');
  });

  it('removes bidi controls and line breaks from names and errors, and stays within 127 UTF-16 units', () => {
    const tooltip = trayTooltip(
      [
        failing('a', `\u202Eexe.png ${'ошибка '.repeat(200)}`, `Касса \u2066№1\u2069\n${'😀'.repeat(60)}`),
        failing('b', `line1\nline2\u202D${'x'.repeat(800)}`),
        failing('c', 'HTTP 502'),
        failing('d', 'HTTP 503'),
      ],
      'ru',
    );
    expect(tooltip).not.toMatch(BIDI);
    expect(tooltip.length).toBeLessThanOrEqual(TRAY_TOOLTIP_MAX);
    expect(tooltip.split('\n')[0]).toBe('Feedbell: непрочитанных 0');
    expect(tooltip.split('\n')[1]).toMatch(/^⚠ Касса №1 😀+…: exe\.png ошибка/u);
    // What did not fit is counted, not dropped silently.
    expect(tooltip).toMatch(/…ещё с ошибкой: \d$/);
  });

  it('stays within the limit for any number of failing feeds and any text', () => {
    for (let n = 0; n <= 30; n++) {
      const feeds = Array.from({ length: n }, (_, i) => failing(`f${i}`, '\u202E'.repeat(i) + 'ы'.repeat(i * 7), '😀'.repeat(i)));
      for (const language of ['ru', 'en'] as const) {
        const tooltip = trayTooltip(feeds, language);
        expect(tooltip.length, `${n} feeds`).toBeLessThanOrEqual(TRAY_TOOLTIP_MAX);
        expect(tooltip).not.toMatch(BIDI);
      }
    }
  });

  it('is what the core hands to the tray for a feed whose stored error came from a server', async () => {
    const tooltips: string[] = [];
    const core = FeedbellCore.open({
      dataDir: ':memory:',
      feeds: new MemoryFeedsRepository([
        // A realty feed without its secret stops in an error at once, without any network.
        {
          id: 'realty',
          provider: 'realty',
          name: `Реестро \u202Egnp.exe`,
          enabled: true,
          intervalSec: 60,
          start: { kind: 'now' },
          settings: { orgId: '1269f58a-3d40-42e1-91ad-a4251566419c' },
        },
      ]),
      settings: new MemorySettingsStore(),
      secrets: { get: async () => null },
      tray: { update: (state) => tooltips.push(state.tooltip) },
    });
    try {
      core.start();
      await until(() => core.polling.status('realty')!.phase === 'error', 'the feed fails');
      // A server's error text as an older version stored it: 800 characters with an override in them.
      core.store.updateFeedState('realty', {
        lastError: { kind: 'server', message: `\u202E${'Ошибка сервера. '.repeat(50)}`, at: 0 },
      });
      core.reading.markAllRead(null);
      const tooltip = tooltips.at(-1)!;
      expect(tooltip).toMatch(/^Feedbell: непрочитанных 0\n⚠ Реестро gnp\.exe: /);
      expect(tooltip).not.toMatch(BIDI);
      expect(tooltip.length).toBeLessThanOrEqual(TRAY_TOOLTIP_MAX);
    } finally {
      await core.stop();
    }
  });
});
