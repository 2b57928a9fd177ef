// A service that echoes the token it got, and a proxy that echoes its own user:password, in every form (a prefix,
// base64, base64url, URL-encoded, lower- and upper-cased; user:password, its Basic base64, the password alone), in a
// 401's body and header, for each of the four providers. None of those forms may reach the thrown FeedError, the
// stored last_error (read from the database file), the log, the window (feeds:list, feeds:test) or the CLI's output
// (sync and check); a 100 KB body with bidi and control characters comes out as at most 200 sanitized characters.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { BUILT_IN_PROVIDERS } from '../../main/core/feeds/registry.ts';
import { HttpClient } from '../../main/core/http/http-client.ts';
import { FeedError, type FeedConfig, type ProviderId } from '../../main/core/model.ts';
import type { Logger } from '../../main/core/ports.ts';
import { secretEnvName } from '../../main/core/secrets-env.ts';
import { createRequestHandlers } from '../../main/ipc/handlers.ts';
import { createIpcRouter } from '../../main/ipc/router.ts';
import { runCli, Scratch } from '../cli/cli-harness.ts';
import { startEchoServer, type EchoServer } from '../support/echo-server.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';
import { providerContext } from '../support/provider-context.ts';
import { echoForms, leakedForms, proxyEchoForms } from '../support/secret-forms.ts';

const PROVIDERS = ['evotor', 'diadoc', 'extern', 'realty'] as const satisfies readonly ProviderId[];
/** URL-encoding, base64 and case all change it; short enough that every form fits in one 200-character excerpt. */
const TOKEN = 'tK7/q+Z9=mW3$pL8';
const PROXY_USER = 'px-user';
const PROXY_PASSWORD = 'Px-Pass-4711';
const FORMS = { ...echoForms(TOKEN), ...proxyEchoForms(PROXY_USER, PROXY_PASSWORD) };
/** Control, bidi (U+202A–U+202E, U+2066–U+2069) and Arabic letter mark characters. */
// oxlint-disable-next-line no-control-regex -- control characters are what must be gone
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/;

let echo: EchoServer;
let proxyUrl: string;

beforeAll(async () => {
  echo = await startEchoServer();
  proxyUrl = echo.proxyUrl(PROXY_USER, PROXY_PASSWORD);
});
afterAll(async () => {
  await echo?.stop();
});

function settingsOf(provider: (typeof PROVIDERS)[number]): Record<string, unknown> {
  const baseUrl = echo.url;
  switch (provider) {
    case 'evotor':
      return { appId: '6a6f1c1e-3c1b-4e5e-9a51-2f0e8e7b9c10', baseUrl };
    case 'diadoc':
      return { boxId: 'b0c1d2e3-f405-4617-8829-3a4b5c6d7e8f', baseUrl };
    case 'extern':
      return { baseUrl };
    case 'realty':
      return { orgId: '1269f58a-3d40-42e1-91ad-a4251566419c', baseUrl };
  }
}

function feedOf(provider: (typeof PROVIDERS)[number]): FeedConfig {
  return {
    id: `echo-${provider}`,
    provider,
    name: provider,
    enabled: true,
    intervalSec: 60,
    start: { kind: 'beginning' },
    settings: settingsOf(provider),
  };
}

function collectingLog(): { lines: string[]; log: Logger } {
  const lines: string[] = [];
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, log: { info: line('info'), warn: line('warn'), error: line('error') } };
}

function wordsOf(err: FeedError): string {
  return [err.message, err.hint ?? '', err.detail ?? '', String(err.stack)].join('\n');
}

/** The forms of the mode's secrets, which the echo server did put into its answers. */
function formsOf(mode: 'token' | 'proxy'): Record<string, string> {
  return mode === 'token' ? echoForms(TOKEN) : proxyEchoForms(PROXY_USER, PROXY_PASSWORD);
}

/** The number of forms the server echoed: each became one "***" in a text that kept the echo. */
const FORM_COUNT = {
  token: Object.keys(echoForms(TOKEN)).length,
  proxy: Object.keys(proxyEchoForms(PROXY_USER, PROXY_PASSWORD)).length,
};

describe.each(PROVIDERS)('%s: credentials echoed back by the service and the proxy', (provider) => {
  it.each(['token', 'proxy'] as const)('the thrown FeedError keeps no form of the %s credentials', async (mode) => {
    echo.mode = mode;
    const http = new HttpClient({ proxy: proxyUrl });
    try {
      const p = BUILT_IN_PROVIDERS.get(provider).provider;
      const ctx = providerContext(p.settingsSchema.parse(settingsOf(provider)), { secret: TOKEN, http });
      for (const call of [() => p.fetchPage(ctx, null), () => p.check!(ctx)]) {
        const err = (await call().catch((e: unknown) => e)) as FeedError;
        expect(err).toBeInstanceOf(FeedError);
        expect(err.kind).toBe('auth');
        expect(leakedForms(wordsOf(err), FORMS)).toEqual([]);
        // The echo was there, form by form, and each form was scrubbed (not cut off by the 200-character bound).
        expect(err.message.split('***').length - 1).toBeGreaterThanOrEqual(FORM_COUNT[mode]);
      }
    } finally {
      await http.close();
    }
    expect(echo.tokens).toContain(TOKEN);
    expect(echo.proxyCredentials).toContain(`${PROXY_USER}:${PROXY_PASSWORD}`);
  });

  it.each(['token', 'proxy'] as const)(
    'the stored last_error, the log and the window keep no form of the %s credentials',
    async (mode) => {
      echo.mode = mode;
      const dir = mkdtempSync(join(tmpdir(), 'feedbell-redaction-'));
      const { lines, log } = collectingLog();
      const feed = feedOf(provider);
      const core = FeedbellCore.open({
        dataDir: dir,
        feeds: new MemoryFeedsRepository([feed]),
        settings: new MemorySettingsStore({ proxy: proxyUrl }),
        secrets: new MemorySecretStore({ [feed.id]: TOKEN }),
        log,
      });
      try {
        const outcome = (await core.polling.syncAllOnce()).get(feed.id)!;
        expect(outcome.error?.kind).toBe('auth');
        const router = createIpcRouter(createRequestHandlers(core, { version: 'test', platform: 'linux' }), log);
        const listed = JSON.stringify(await router.dispatch('feeds:list', []));
        const tested = JSON.stringify(await router.dispatch('feeds:test', [feed.id]));
        await core.stop();
        const db = new DatabaseSync(join(dir, 'feedbell.db'), { readOnly: true });
        const stored = String(
          (db.prepare('SELECT last_error FROM feeds WHERE id = ?').get(feed.id) as { last_error: string }).last_error,
        );
        db.close();

        const places = {
          error: wordsOf(outcome.error!),
          stored,
          log: lines.join('\n'),
          'feeds:list': listed,
          'feeds:test': tested,
        };
        for (const [place, text] of Object.entries(places)) expect(leakedForms(text, FORMS), place).toEqual([]);
        const storedMessage = (JSON.parse(stored) as { message: string }).message;
        expect(storedMessage.split('***').length - 1).toBeGreaterThanOrEqual(FORM_COUNT[mode]);
        expect(leakedForms(filesText(dir), formsOf(mode))).toEqual([]);
      } finally {
        await core.stop().catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('a 100 KB error body with bidi and control characters comes out as at most 200 sanitized characters', async () => {
    echo.mode = 'huge';
    const p = BUILT_IN_PROVIDERS.get(provider).provider;
    const ctx = providerContext(p.settingsSchema.parse(settingsOf(provider)), { secret: TOKEN });
    const err = (await p.fetchPage(ctx, null).catch((e: unknown) => e)) as FeedError;
    expect(err).toBeInstanceOf(FeedError);
    const said = err.message.slice(err.message.indexOf('): ') + 3);
    expect(said.startsWith('gnp.exe x')).toBe(true);
    expect(Array.from(said).length).toBeLessThanOrEqual(200);
    expect(Array.from(err.detail ?? '').length).toBeLessThanOrEqual(200);
    for (const text of [err.message, err.detail ?? '', err.hint ?? '']) expect(text).not.toMatch(UNSAFE);
  });
});

/** Everything under `dir` as one string (latin1, so every byte is one character). */
function filesText(dir: string): string {
  const files = (d: string): string[] =>
    readdirSync(d).flatMap((name) => (statSync(join(d, name)).isDirectory() ? files(join(d, name)) : [join(d, name)]));
  return files(dir)
    .map((file) => readFileSync(file).toString('latin1'))
    .join('\n');
}

describe('the CLI with a service and a proxy that echo credentials', () => {
  let scratch: Scratch;
  let config: string;
  let env: Record<string, string>;

  beforeAll(() => {
    scratch = new Scratch();
    config = scratch.writeJson('echo.json', {
      feeds: PROVIDERS.map((provider) => {
        const { id, provider: p, name, settings } = feedOf(provider);
        return { id, provider: p, name, start: 'beginning', settings };
      }),
    });
    env = {
      ...Object.fromEntries(PROVIDERS.map((provider) => [secretEnvName(`echo-${provider}`), TOKEN])),
      HTTP_PROXY: proxyUrl,
      FEEDBELL_DEBUG: '1',
    };
  });
  afterAll(() => scratch?.remove());

  it.each(['token', 'proxy'] as const)(
    'sync and check print no form of the %s credentials, and the data folder holds none',
    async (mode) => {
      echo.mode = mode;
      const dataDir = scratch.path(`data-${mode}`);
      const sync = await runCli(scratch, ['sync', '--config', config, '--data-dir', dataDir], { env, timeoutMs: 60_000 });
      expect(sync.code).toBe(1);
      for (const provider of PROVIDERS) expect(sync.stderr).toMatch(new RegExp(`^echo-${provider}: auth: .*\\*\\*\\*`, 'm'));
      expect(leakedForms(sync.stdout + sync.stderr, FORMS)).toEqual([]);
      expect(leakedForms(filesText(dataDir), formsOf(mode))).toEqual([]);
      for (const provider of PROVIDERS) {
        const check = await runCli(scratch, ['check', '--config', config, '--feed', `echo-${provider}`], { env });
        expect(check.code, provider).toBe(1);
        expect(check.stdout, provider).toMatch(/^auth: .*\*\*\*/);
        expect(leakedForms(check.stdout + check.stderr, FORMS), provider).toEqual([]);
      }
    },
    120_000,
  );
});
