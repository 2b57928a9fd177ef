// A provider is its folder plus one registry line. Proof: a sixth provider that exists only in this test, registered
// the way the built-in ones are, gets its form, a connection check in its own words, a sync, notifications that name
// it, and a badge (name and colour) in the list data, through the real core, request handlers and IPC router, with
// no edit anywhere else.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EventPage, FeedSaveResult, FeedTestResult, ProviderInfo } from '../../preload/contract.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { apiAddressField, t } from '../../main/core/feeds/form-fields.ts';
import { providerStatusError, type Provider } from '../../main/core/feeds/provider.ts';
import type { ProviderModule } from '../../main/core/feeds/provider-module.ts';
import { PROVIDER_MODULES, ProviderRegistry } from '../../main/core/feeds/registry.ts';
import { API_ADDRESS, serviceUrlSchema } from '../../main/core/http/service-url.ts';
import type { NotificationRequest } from '../../main/core/ports.ts';
import { createRequestHandlers } from '../../main/ipc/handlers.ts';
import { requestSchemas } from '../../main/ipc/request-schemas.ts';
import { createIpcRouter } from '../../main/ipc/router.ts';
import { providersOf } from '../../renderer/src/providers/providers-data.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';

// ---- the sixth provider: what its folder would hold ----

const KEY = 'sixth-key-0123456789';

const settingsSchema = z.strictObject({
  baseUrl: serviceUrlSchema(API_ADDRESS, 'https://api.sixth.example').default('https://api.sixth.example'),
});
type Settings = z.infer<typeof settingsSchema>;
interface Note {
  id: string;
  at: number;
  text: string;
}

async function notesAfter(
  ctx: Parameters<Provider<Settings, Note>['fetchPage']>[0],
  after: string,
): Promise<{ notes: Note[]; last: string }> {
  const res = await ctx.http.send({
    url: `${ctx.settings.baseUrl}/notes?after=${after}`,
    headers: { authorization: `Key ${ctx.secret}` },
    signal: ctx.signal,
  });
  if (res.status !== 200) throw providerStatusError(ctx, res, { service: 'Sixth', hints: { 401: 'Check the key' } });
  return JSON.parse(res.text) as { notes: Note[]; last: string };
}

const sixthProvider: Provider<Settings, Note> = {
  settingsSchema,
  needsSecret: true,
  async start() {
    return { cursor: '0', skipBefore: null };
  },
  async fetchPage(ctx, cursor) {
    const { notes, last } = await notesAfter(ctx, cursor ?? '0');
    return { events: notes, cursor: last, more: false };
  },
  normalize(note) {
    return {
      id: note.id,
      type: 'note',
      occurredAt: note.at,
      title: { ru: `Заметка ${note.id}`, en: `Note ${note.id}` },
      summary: { ru: note.text, en: note.text },
      link: `https://sixth.example/notes/${note.id}`,
      payload: note,
    };
  },
  async check(ctx) {
    await notesAfter(ctx, '0');
  },
};

const sixthModule: ProviderModule<'sixth'> = {
  id: 'sixth',
  name: t('Шестой', 'Sixth'),
  accent: 'slate',
  linkHosts: ['sixth.example'],
  provider: sixthProvider,
  typeNames: { note: t('Заметка', 'Note') },
  form: {
    intro: t('Заметки Шестого сервиса.', 'Notes of the Sixth service.'),
    defaultIntervalSec: 30,
    fields: [
      {
        key: '',
        kind: 'password',
        label: t('Ключ', 'Key'),
        help: t('Ключ из профиля.', 'The key from the profile.'),
        required: true,
      },
      apiAddressField('https://api.sixth.example', t('Шестого', 'Sixth')),
    ],
  },
  wording: {
    where: t('в Шестом', 'in Sixth'),
    check: {
      auth: t('Шестой не принял ключ: возьмите новый в профиле', 'Sixth did not accept the key: get a new one in the profile'),
    },
  },
  capabilities: {},
};

// ---- its service, and the app with it registered ----

const notes: Note[] = [];
let server: Server;
let url: string;

function addNotes(count: number): void {
  for (let i = 0; i < count; i++)
    notes.push({
      id: String(notes.length + 1),
      at: Date.UTC(2026, 0, 1) + notes.length * 60_000,
      text: `текст ${notes.length + 1}`,
    });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const after = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('after') ?? '0');
    if (req.headers.authorization !== `Key ${KEY}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'bad key' }));
      return;
    }
    const page = notes.filter((note) => Number(note.id) > after);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ notes: page, last: String(page.at(-1)?.id ?? after) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a sixth provider, registered in a test', () => {
  it('gets its form, a check in its own words, a sync, notifications naming it, and a badge', async () => {
    const registry = new ProviderRegistry({ ...PROVIDER_MODULES, sixth: sixthModule });
    const shown: NotificationRequest[] = [];
    const settings = new MemorySettingsStore({ language: 'ru' });
    const core = FeedbellCore.open({
      dataDir: ':memory:',
      providers: registry,
      feeds: new MemoryFeedsRepository(),
      settings,
      secrets: new MemorySecretStore(),
      notifier: { show: (n) => shown.push(n) },
      tray: { update() {} },
    });
    try {
      const router = createIpcRouter(
        createRequestHandlers(core, { version: 'test', platform: 'test' }),
        console,
        requestSchemas(registry.ids()),
      );
      const call = (channel: string, ...args: unknown[]) => router.dispatch(channel, args);

      // The form, from providers:list.
      const providers = (await call('providers:list')) as ProviderInfo[];
      const info = providers.find((p) => p.id === 'sixth')!;
      expect(info).toMatchObject({
        name: { ru: 'Шестой' },
        accent: 'slate',
        linkHosts: ['sixth.example'],
        sample: false,
        capabilities: {},
        defaultIntervalSec: 30,
      });
      expect(info.fields.map((f) => f.key)).toEqual(['', 'baseUrl']);

      // The form's rules: its key is required; then a wrong key is saved, and the check says so in its own words.
      const entry = {
        id: 'notes',
        provider: 'sixth',
        name: 'Заметки',
        enabled: true,
        intervalSec: 30,
        start: 'beginning',
        settings: { baseUrl: url },
      };
      expect(await call('feeds:add', entry, null)).toMatchObject({ ok: false, errors: [{ field: 'secret' }] });
      expect(((await call('feeds:add', entry, { main: 'wrong-key' })) as FeedSaveResult).ok).toBe(true);
      const wrong = (await call('feeds:test', 'notes')) as FeedTestResult;
      expect(wrong).toMatchObject({ ok: false, title: { ru: 'Шестой не принял ключ: возьмите новый в профиле' } });
      expect(wrong.detail).toMatch(/Sixth did not accept the credentials \(HTTP 401\)/);
      expect(wrong.detail).not.toContain('wrong-key');
      await call('feeds:update', 'notes', {}, { main: KEY });
      expect(await call('feeds:test', 'notes')).toEqual({
        ok: true,
        title: { ru: 'Подключение работает', en: 'The connection works' },
      });

      // A sync: the first stores silently with one summary; later ones name the provider where they happen.
      addNotes(2);
      await core.polling.syncAllOnce();
      expect(shown.map((n) => n.title)).toEqual(['Заметки: лента подключена']);
      addNotes(5);
      await core.polling.syncAllOnce();
      expect(shown.at(-1)).toMatchObject({ title: '5 новых событий в Шестом', feedId: 'notes' });
      settings.setPreferences({ ...settings.getPreferences(), language: 'en' });
      addNotes(4);
      await core.polling.syncAllOnce();
      expect(shown.at(-1)!.title).toBe('4 new events in Sixth');
      addNotes(1);
      await core.polling.syncAllOnce();
      expect(shown.at(-1)).toMatchObject({ title: 'Note 12', body: 'текст 12\nЗаметки' });

      // The list: its events, filtered by provider, with links to its own site kept.
      const page = (await call('events:query', { providers: ['sixth'], limit: 50 })) as EventPage;
      expect(page.items).toHaveLength(12);
      expect(page.items[0]).toMatchObject({ provider: 'sixth', type: 'note', link: 'https://sixth.example/notes/12' });

      // The badge: the window's provider data gives its name and colour, and the badge's stylesheet has the colour.
      const known = providersOf(providers);
      expect(known.name(page.items[0]!.provider)).toEqual({ ru: 'Шестой', en: 'Sixth' });
      expect(known.find('sixth')?.accent).toBe('slate');
      expect(known.linkHosts).toContain('sixth.example');
      expect(readFileSync(new URL('../../renderer/src/ui/provider-badge.css', import.meta.url), 'utf8')).toMatch(
        /\.accent-slate\s*\{/,
      );
    } finally {
      await core.stop();
    }
  });
});
