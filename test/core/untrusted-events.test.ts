// Hostile text and links from a service: the link allow-list (one list, the same answer in main and in the window),
// what the poller stores of a provider's event, and what a provider's normalize offers as a link.
import { afterEach, describe, expect, it } from 'vitest';
import { escapeUnsafeJson, oneLine, providerLink } from '../../renderer/src/text/remote-text.ts';
import { externProvider } from '../../main/core/feeds/extern/extern-provider.ts';
import { HttpClient } from '../../main/core/http/http-client.ts';
import type { NormalizedEvent } from '../../main/core/model.ts';
import { silentLogger } from '../../main/core/ports.ts';
import { FeedPoller, type SyncResult } from '../../main/core/poller/feed-poller.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { BUILT_IN_PROVIDERS } from '../../main/core/feeds/registry.ts';
import { isLinkToHosts } from '../../main/core/text/provider-links.ts';
import { isAllowedExternalLink } from '../../main/platform/external-links.ts';
import { FakeClock, until } from '../support/fake-clock.ts';
import { NO_RETRY } from '../support/retry.ts';
import { ScriptedProvider, page, testFeed } from '../support/scripted-provider.ts';

const ALLOWED = [
  'https://diadoc.kontur.ru/some-box/document/123',
  'https://extern.kontur.ru/',
  'https://market.evotor.ru/store/apps/abc',
  'https://DIADOC.Kontur.RU/x',
  'https://extern.testkontur.ru/',
];
const REFUSED = [
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'http://diadoc.kontur.ru/',
  'https://evil.example/diadoc.kontur.ru',
  'https://kontur.ru.evil.example/',
  'https://user:password@diadoc.kontur.ru/',
  'https://diadoc.kontur.ru@evil.example/',
  'https://diadoc.kontur.ru:8443/',
  'https://кontur.ru/',
  'https://extern.skbkontur.ru/docflows/1',
  '//diadoc.kontur.ru/x',
  'not a url',
  '',
  `https://diadoc.kontur.ru/${'a'.repeat(5000)}`,
];

const externLinkOf = (href: string) =>
  externProvider.normalize(
    { id: '1_1', 'event-date-time': '2026-01-01T00:00:00Z', 'docflow-link': { href } } as never,
    externProvider.settingsSchema.parse({}),
  ).link;

const HOSTS = BUILT_IN_PROVIDERS.linkHosts();
const isProviderLink = (raw: unknown) => isLinkToHosts(raw, HOSTS);

describe('provider links: one allow-list for main and the window', () => {
  it.each(ALLOWED)('offers %s as a link everywhere', (url) => {
    expect(isProviderLink(url)).toBe(true);
    expect(isAllowedExternalLink(url)).toBe(true);
    expect(providerLink(url, HOSTS)).toBe(new URL(url).href);
  });

  it.each(REFUSED.map((url) => [url.length > 60 ? `${url.slice(0, 60)}…` : url, url]))(
    'keeps %s as text everywhere',
    (_, url) => {
      expect(isProviderLink(url)).toBe(false);
      expect(isAllowedExternalLink(url)).toBe(false);
      expect(providerLink(url, HOSTS)).toBeNull();
    },
  );

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 42, {}, ['https://diadoc.kontur.ru/']]) {
      expect(isProviderLink(value)).toBe(false);
      expect(providerLink(value, HOSTS)).toBeNull();
    }
  });

  it("Extern's normalize keeps only provider links (a docflow link elsewhere is dropped)", () => {
    expect(externLinkOf('https://extern-api.kontur.ru/v1/a/docflows/b')).toBe('https://extern-api.kontur.ru/v1/a/docflows/b');
    for (const href of REFUSED.slice(0, 13)) expect(externLinkOf(href), href).toBeNull();
  });
});

describe("the window's own text helpers", () => {
  it('one line without bidi controls, bounded', () => {
    expect(oneLine('invoice\u202Egnp.exe', 100)).toBe('invoicegnp.exe');
    expect(oneLine('a\u2066b\u2067c\u2068d\u2069e\u202Af\u202Bg\u202Ch\u202Di\u061Cj', 100)).toBe('abcdefghij');
    expect(oneLine('x'.repeat(100_000), 200)).toHaveLength(200);
  });

  it('writes hidden characters of a payload as JSON escapes, so the JSON still means the same', () => {
    const payload = { FromTitle: 'ООО \u202Egnp.exe', note: 'c1\u0085 del\u007f' };
    const shown = escapeUnsafeJson(JSON.stringify(payload, null, 2));
    expect(shown).not.toMatch(/[\u202e\u0085\u007f]/);
    expect(shown).toContain('\\u202e');
    expect(JSON.parse(shown)).toEqual(payload);
  });
});

describe('what the poller stores of an event', () => {
  const open: { store: EventStore; poller: FeedPoller }[] = [];
  afterEach(async () => {
    for (const { store, poller } of open.splice(0)) {
      await poller.stop();
      store.close();
    }
  });

  it('titles and summaries without bidi or control characters, a link only to a provider site, the payload untouched', async () => {
    const store = EventStore.open(':memory:');
    const provider = new ScriptedProvider();
    const links: Record<string, string> = {
      a: 'javascript:alert(1)',
      b: 'data:text/html,<b>x</b>',
      c: 'https://evil.example/x',
      d: 'http://diadoc.kontur.ru/x',
      e: 'https://diadoc.kontur.ru/box/Document/Show?letterId=1',
    };
    provider.normalize = (raw): NormalizedEvent => ({
      id: raw.id,
      type: 'test',
      occurredAt: raw.at,
      title: { ru: `Счёт \u202Egnp.exe\u0007`, en: `Invoice \u2066exe\u2069\u001b[31m` },
      summary: { ru: `от \u202BООО\u202C «Ромашка»\u061C`, en: 'line\nnext\ttab' },
      link: links[raw.id] ?? null,
      payload: { title: 'Счёт \u202Egnp.exe' },
    });
    provider.steps.push(page(Object.keys(links), 'c1'));
    const results: SyncResult[] = [];
    const poller = new FeedPoller(testFeed(), provider, {
      store,
      clock: new FakeClock(),
      log: silentLogger,
      secrets: { get: async () => null },
      http: () => new HttpClient(),
      random: () => 1,
      retryPolicy: NO_RETRY,
      onSyncFinished: (_feed, result) => results.push(result),
    });
    open.push({ store, poller });
    poller.start();
    await until(() => results.length === 1, 'first sync');

    const stored = store.query({ limit: 10 }).items.toSorted((x, y) => x.id.localeCompare(y.id));
    expect(stored.map((e) => e.link)).toEqual([null, null, null, null, links['e']]);
    for (const event of stored) {
      expect(event.title).toEqual({ ru: 'Счёт gnp.exe', en: 'Invoice exe[31m' });
      expect(event.summary).toEqual({ ru: 'от ООО «Ромашка»', en: 'line\nnext\ttab' });
      // The payload is the service's own record, kept as it came (the window escapes it when showing it).
      expect(store.get(event.key)!.payload).toEqual({ title: 'Счёт \u202Egnp.exe' });
    }
  });
});
