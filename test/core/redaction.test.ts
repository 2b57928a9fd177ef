// The one place server text is cut down and secrets are scrubbed from it (main/core/text/server-text.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listPersonalTokens } from '../../main/core/feeds/evotor/evotor-portal.ts';
import { EXTERN_KONTUR_SCOPES } from '../../main/core/feeds/extern/index.ts';
import { refreshAccessToken } from '../../main/core/feeds/kontur/kontur-oidc.ts';
import { listEventPublishers } from '../../main/core/feeds/extern/extern-sharing.ts';
import { HttpClient } from '../../main/core/http/http-client.ts';
import { FeedError } from '../../main/core/model.ts';
import type { Logger } from '../../main/core/ports.ts';
import { FeedPoller } from '../../main/core/poller/feed-poller.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import {
  proxyEnvSecrets,
  proxySecrets,
  redactError,
  rememberProxy,
  scrubSecrets,
  serverExcerpt,
  SERVER_TEXT_MAX,
} from '../../main/core/text/server-text.ts';
import { MockServer, type MockResponse } from '../mocks/mock-server.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { NO_RETRY } from '../support/retry.ts';
import { ScriptedProvider, testFeed } from '../support/scripted-provider.ts';
import { echoForms, leakedForms, proxyEchoForms } from '../support/secret-forms.ts';

const TOKEN = 'Tk9-aB3/xY7+zQ1=pLm2_rS8';

describe('scrubSecrets', () => {
  it('scrubs the exact value, without a pasted scheme, a prefix of 8 or more, base64, base64url, URL-encoded, any case', () => {
    for (const [name, form] of Object.entries(echoForms(TOKEN))) {
      const out = scrubSecrets(`before ${form} after`, [TOKEN]);
      expect(out, name).toBe('before *** after');
    }
    expect(scrubSecrets(`pasted: ${TOKEN}`, [`Bearer ${TOKEN}`])).toBe('pasted: ***');
    expect(scrubSecrets(`sid ${TOKEN}`, [`auth.sid ${TOKEN}`])).toBe('sid ***');
  });

  it('a prefix shorter than 8 characters, and a secret shorter than 4, are left alone', () => {
    expect(scrubSecrets(`id ${TOKEN.slice(0, 7)}…`, [TOKEN])).toBe(`id ${TOKEN.slice(0, 7)}…`);
    expect(scrubSecrets('code abc in abcabc', ['abc'])).toBe('code abc in abcabc');
    expect(scrubSecrets('pin 1234 given', ['1234'])).toBe('pin *** given');
  });

  it('a secret echoed twice, or next to another, becomes one *** each place', () => {
    const other = 'second-secret-42';
    expect(scrubSecrets(`${TOKEN}${other} and ${TOKEN.toUpperCase()}`, [TOKEN, other])).toBe('*** and ***');
  });

  it('a credential after an auth scheme word is scrubbed even when unknown; plain words after it are not', () => {
    expect(scrubSecrets('got Authorization: Bearer eyJhbGciOi.J9x.sig1 from you', [])).toBe(
      'got Authorization: Bearer *** from you',
    );
    expect(scrubSecrets('Bearer authentication required', [])).toBe('Bearer authentication required');
    expect(scrubSecrets('ReestroAuth auth.sid=ABCDEF0123456789&portal.orgid=x; apiKey=key-0123456789', [])).toBe(
      'ReestroAuth auth.sid=***&portal.orgid=x; apiKey=***',
    );
  });

  it("the proxy's user:password, its Basic base64 and the password alone, from a URL", () => {
    const secrets = proxySecrets('http://proxy-user:p%40ss-w0rd!@10.0.0.1:3128');
    expect(secrets).toContain('proxy-user:p@ss-w0rd!');
    expect(secrets).toContain('p@ss-w0rd!');
    const basic = Buffer.from('proxy-user:p@ss-w0rd!').toString('base64');
    const text = `407: Proxy-Authorization: Basic ${basic}; user proxy-user:p@ss-w0rd! (url proxy-user:p%40ss-w0rd!) pw p@ss-w0rd!`;
    expect(scrubSecrets(text, secrets)).toBe('407: Proxy-Authorization: Basic ***; user *** (url ***) pw ***');
    expect(proxySecrets('http://10.0.0.1:3128')).toEqual([]);
    expect(proxySecrets('not a url at all')).toEqual([]);
  });

  describe('proxy credentials known to the process', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('HTTPS_PROXY and HTTP_PROXY are always scrubbed, without being passed', () => {
      process.env['HTTPS_PROXY'] = 'http://env-user:Env-Pass-123@127.0.0.1:1';
      process.env['http_proxy'] = 'http://other:Other-Pass-456@127.0.0.1:2';
      expect(proxyEnvSecrets()).toEqual(expect.arrayContaining(['env-user:Env-Pass-123', 'Other-Pass-456']));
      expect(scrubSecrets('echo env-user:Env-Pass-123 / other-pass-456', [])).toBe('echo *** / ***');
    });

    it('a proxy from the preferences, once an HttpClient used it', () => {
      expect(scrubSecrets('pw Pref-Pass-789', [])).toBe('pw Pref-Pass-789');
      rememberProxy('http://pref:Pref-Pass-789@127.0.0.1:3');
      expect(scrubSecrets('pw Pref-Pass-789', [])).toBe('pw ***');
    });
  });
});

describe('serverExcerpt', () => {
  it('a 100 KB body with bidi and control characters comes out as at most 200 sanitized characters', () => {
    const body = `\u202Egnp.exe\u0007 ${'x'.repeat(100_000)}`;
    const out = serverExcerpt(body, []);
    expect(Array.from(out).length).toBeLessThanOrEqual(SERVER_TEXT_MAX);
    expect(out.startsWith('gnp.exe x')).toBe(true);
    // oxlint-disable-next-line no-control-regex -- control characters are what must be gone
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/);
    expect(out.endsWith('…')).toBe(true);
  });

  it('a secret split by a bidi control is still found; line breaks become spaces; empty stays empty', () => {
    const split = `${TOKEN.slice(0, 5)}\u202E${TOKEN.slice(5)}`;
    expect(serverExcerpt(`bad token\n${split}`, [TOKEN])).toBe('bad token ***');
    expect(serverExcerpt('  \n ', [TOKEN])).toBe('');
    expect(serverExcerpt(undefined, [TOKEN])).toBe('');
  });

  it('a secret straddling the 200-character cut leaves no prefix of 8 or more', () => {
    const out = serverExcerpt(`${'y'.repeat(190)} ${TOKEN}`, [TOKEN]);
    expect(out).not.toContain(TOKEN.slice(0, 8));
    expect(out).toContain('***');
  });
});

describe('redactError (the last guard)', () => {
  it('scrubs message, hint and detail, keeps kind, retry-after and name; the same error when clean', () => {
    const err = new FeedError('rate-limit', `slow down ${TOKEN.toLowerCase()}\u202E`, {
      hint: `hint ${encodeURIComponent(TOKEN)}`,
      detail: `trace ${TOKEN.slice(0, 9)}`,
      retryAfterMs: 5000,
    });
    err.name = 'AbortError';
    const out = redactError(err, [TOKEN]);
    expect(out).toMatchObject({
      kind: 'rate-limit',
      message: 'slow down ***',
      hint: 'hint ***',
      detail: 'trace ***',
      retryAfterMs: 5000,
      name: 'AbortError',
    });
    expect(String(out.stack)).not.toContain(TOKEN.slice(0, 8));
    const clean = new FeedError('auth', 'no');
    expect(redactError(clean, [TOKEN])).toBe(clean);
  });
});

describe('the poller as the last guard', () => {
  it("a provider's error that still carries the feed's secret or the proxy's, in any form, is scrubbed before it is stored, logged or returned", async () => {
    const forms = { ...echoForms(TOKEN), ...proxyEchoForms('guard-user', 'Guard-Pass-99') };
    const http = new HttpClient({ proxy: 'http://guard-user:Guard-Pass-99@127.0.0.1:9' });
    const store = EventStore.open(':memory:');
    const lines: string[] = [];
    const log: Logger = {
      info: () => {},
      warn: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
      error: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
    };
    const provider = new ScriptedProvider({ needsSecret: true });
    const careless = () =>
      new FeedError('auth', `rejected ${forms['base64']} / ${forms['proxyBasic']} \u202Eevil`, {
        hint: `hint ${forms['lowerCase']} ${forms['proxyUserPassword']}`,
        detail: `detail ${forms['urlEncoded']} ${forms['prefix']} ${forms['proxyPassword']}`,
      });
    provider.steps.push(careless());
    Object.assign(provider, {
      check: async () => {
        throw careless();
      },
    });
    // A feed with an API address: a stored secret is released only for one.
    const poller = new FeedPoller(testFeed({ settings: { baseUrl: 'https://scripted.example' } }), provider, {
      store,
      clock: new FakeClock(),
      log,
      secrets: { get: async () => TOKEN },
      http: () => http,
      retryPolicy: NO_RETRY,
    });
    try {
      const result = await poller.syncOnce();
      const checked = await poller.check();
      const stored = JSON.stringify(store.feedState('f1')!.lastError);
      for (const [place, text] of Object.entries({
        result: JSON.stringify(result.error, ['message', 'hint', 'detail']) + String(result.error!.stack),
        checked: String(checked!.stack) + checked!.hint + checked!.detail,
        stored,
        log: lines.join('\n'),
      })) {
        expect(leakedForms(text, forms), place).toEqual([]);
      }
      expect(result.error).toMatchObject({
        kind: 'auth',
        message: 'rejected *** / *** evil',
        hint: 'hint *** ***',
        detail: 'detail *** *** ***',
      });
      expect(stored).toContain('rejected *** / *** evil');
    } finally {
      await poller.stop();
      store.close();
      await http.close();
    }
  });
});

describe('sign-in and sharing errors', () => {
  let server: MockServer;
  let answer: MockResponse = { status: 500 };
  const http = new HttpClient();
  beforeAll(async () => {
    server = await MockServer.start(() => answer);
  });
  afterAll(async () => {
    await server.stop();
    await http.close();
  });

  /** Each form alone in the answer (so none is merely cut off by the bound): the error keeps "***", never the form. */
  async function eachFormScrubbed(
    forms: Record<string, string>,
    answerWith: (text: string) => MockResponse,
    call: () => Promise<unknown>,
  ) {
    for (const [name, form] of Object.entries(forms)) {
      answer = answerWith(`echo: ${form} \u202Eend`);
      const err = (await call().then(
        () => null,
        (e: unknown) => e,
      )) as FeedError;
      expect(err, name).toBeInstanceOf(FeedError);
      const words = [err.message, err.hint ?? '', err.detail ?? ''].join('\n');
      expect(leakedForms(words, forms), name).toEqual([]);
      expect(words, name).toContain('echo: *** end');
    }
  }

  it('Kontur sign-in: the refresh token, the API key and its Basic client id:key', async () => {
    const refresh = 'krt_Refresh/Token+1234';
    const config = {
      scopes: EXTERN_KONTUR_SCOPES,
      clientId: 'feedbell-client',
      clientSecret: 'Api-Key-5678/xyz',
      identityUrl: server.url,
    };
    const forms = {
      ...echoForms(refresh),
      ...Object.fromEntries(Object.entries(echoForms(config.clientSecret)).map(([k, v]) => [`key ${k}`, v])),
      basic: Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64'),
    };
    const call = () => refreshAccessToken(http, config, refresh, AbortSignal.timeout(10_000));
    await eachFormScrubbed(forms, (text) => ({ status: 400, body: { error: 'invalid_grant', error_description: text } }), call);
    await eachFormScrubbed(forms, (text) => ({ status: 401, body: text }), call);
  });

  it('the Evotor token assistant: the portal session token', async () => {
    const oauthToken = 'Portal-Session/Token+42';
    const call = () => listPersonalTokens(http, oauthToken, { baseUrl: server.url, signal: AbortSignal.timeout(10_000) });
    await eachFormScrubbed(echoForms(oauthToken), (text) => ({ status: 500, body: { message: text } }), call);
    await eachFormScrubbed(echoForms(oauthToken), (text) => ({ status: 403, body: text }), call);
  });

  it('Extern sharing: the token and the api key, in the message and the trace header', async () => {
    const conn = { baseUrl: server.url, secret: 'Bearer Extern/Token+777', apiKey: 'Extern-Api-Key-888' };
    const forms = {
      ...echoForms('Extern/Token+777'),
      ...Object.fromEntries(Object.entries(echoForms(conn.apiKey)).map(([k, v]) => [`key ${k}`, v])),
    };
    const call = () => listEventPublishers(http, conn, AbortSignal.timeout(10_000));
    await eachFormScrubbed(
      forms,
      (text) => ({ status: 401, headers: { 'x-kontur-trace-id': 'trace-1' }, body: { id: 'urn:error:x', message: text } }),
      call,
    );
    await eachFormScrubbed(
      forms,
      (text) => ({ status: 500, headers: { 'x-kontur-trace-id': text.replace(/[^\x20-\x7e]/g, '') }, body: text }),
      call,
    );
  });
});
