// Issue 10, window open: the window's words and formats cost nothing until used. Constructing an Intl formatter loads
// its locale data (tens of milliseconds on the first one in Chromium), and the catalogues and the translator made
// about a dozen of them as the bundle loaded, before the first row could be drawn.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

function countIntl() {
  const made = { count: 0 };
  for (const name of ['PluralRules', 'NumberFormat', 'DateTimeFormat', 'ListFormat', 'RelativeTimeFormat'] as const) {
    const Real = Intl[name] as unknown as new (...args: unknown[]) => object;
    vi.spyOn(Intl, name).mockImplementation(function (this: unknown, ...args: unknown[]) {
      made.count++;
      return new Real(...args);
    } as never);
  }
  return made;
}

describe('Intl formatters are made on first use', () => {
  it('loading the catalogues and making translators constructs none', async () => {
    const made = countIntl();
    const { createTranslator } = await import('../../renderer/src/i18n/translator.ts');
    createTranslator('ru');
    createTranslator('en');
    expect(made.count).toBe(0);
  });

  it('a formatter is made once, when first used, and gives the same words as before', async () => {
    const made = countIntl();
    const { createTranslator } = await import('../../renderer/src/i18n/translator.ts');
    const ru = createTranslator('ru');
    expect(ru.number(12400)).toBe(new Intl.NumberFormat('ru').format(12400));
    const after = made.count;
    ru.number(5);
    ru.number(7);
    expect(made.count).toBe(after);
    expect(ru.t.common.unreadCount(3)).toBe('3 непрочитанных');
    expect(ru.t.common.unreadCount(21)).toBe('21 непрочитанное');
  });

  it("a feed card's «5 мин. назад» reuses one formatter per language", async () => {
    const made = countIntl();
    const { createTranslator } = await import('../../renderer/src/i18n/translator.ts');
    const { ago } = await import('../../renderer/src/features/sidebar/feed-status-text.ts');
    const ru = createTranslator('ru');
    const now = Date.UTC(2026, 11, 1, 12);
    expect(ago(ru, now - 5 * 60_000, now)).toBe(
      new Intl.RelativeTimeFormat('ru', { numeric: 'auto', style: 'short' }).format(-5, 'minute'),
    );
    const after = made.count;
    for (let i = 0; i < 10; i++) ago(ru, now - (i + 2) * 60_000, now);
    expect(made.count).toBe(after);
  });
});
