import { describe, expect, it, vi } from 'vitest';
import { REQUEST_CHANNELS } from '../../preload/contract.ts';
import type { RequestHandlers } from '../../main/ipc/handler-table.ts';
import { REQUEST_SCHEMAS } from '../../main/ipc/request-schemas.ts';
import { createIpcRouter } from '../../main/ipc/router.ts';
import type { Logger } from '../../main/core/ports.ts';

function recordingHandlers() {
  const calls: { channel: string; args: unknown[] }[] = [];
  const handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [
      channel,
      (...args: unknown[]) => {
        calls.push({ channel, args });
        return { ok: channel };
      },
    ]),
  ) as unknown as RequestHandlers;
  return { calls, handlers };
}

function logger() {
  const lines: string[] = [];
  const log: Logger = {
    info: (m) => lines.push(m),
    warn: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
    error: (m, f) => lines.push(`${m} ${JSON.stringify(f)}`),
  };
  return { lines, log };
}

describe('IPC router', () => {
  it('has a schema for every channel of the contract', () => {
    expect(Object.keys(REQUEST_SCHEMAS).toSorted()).toEqual([...REQUEST_CHANNELS].toSorted());
  });

  it('passes well-formed calls through to the handler', async () => {
    const { calls, handlers } = recordingHandlers();
    const router = createIpcRouter(handlers, logger().log);
    await expect(
      router.dispatch('events:query', [{ feedIds: ['demo'], unreadOnly: true, search: 'УПД', limit: 50 }]),
    ).resolves.toEqual({
      ok: 'events:query',
    });
    await router.dispatch('events:markRead', [[1, 2, 3], true]);
    await router.dispatch('feeds:setPaused', [null, true]);
    expect(calls.map((c) => c.channel)).toEqual(['events:query', 'events:markRead', 'feeds:setPaused']);
    expect(calls[1]!.args).toEqual([[1, 2, 3], true]);
  });

  const rejected: [string, string, unknown[]][] = [
    ['an unknown channel', 'fs:readFile', ['/etc/passwd']],
    ['a prototype key as channel', '__proto__', []],
    ['a missing argument', 'events:get', []],
    ['an extra argument', 'feeds:list', [1]],
    ['a wrong type', 'events:get', ['12']],
    ['a negative key', 'events:get', [-1]],
    ['a fractional key', 'events:get', [1.5]],
    ['an extra key in an object', 'events:query', [{ limit: 10, evil: true }]],
    ['an oversized search string', 'events:query', [{ search: 'x'.repeat(501) }]],
    ['an oversized limit', 'events:query', [{ limit: 100_000 }]],
    ['too many keys', 'events:markRead', [Array.from({ length: 1001 }, (_, i) => i), true]],
    ['an empty key list', 'events:markRead', [[], true]],
    ['an unknown provider', 'events:query', [{ providers: ['github'] }]],
    ['an unknown preference', 'prefs:update', [{ language: 'ru', shell: '/bin/sh' }]],
    ['a bad language', 'prefs:update', [{ language: 'de' }]],
    [
      'a payload over the size cap though each field is in bounds',
      'events:query',
      [{ types: Array.from({ length: 200 }, () => 'y'.repeat(199)) }],
    ],
    ['a non-array argument list', 'feeds:list', null as unknown as unknown[]],
  ];

  it.each(rejected)('rejects %s with a generic error and logs the detail', async (_what, channel, args) => {
    const { calls, handlers } = recordingHandlers();
    const { lines, log } = logger();
    const router = createIpcRouter(handlers, log);
    await expect(router.dispatch(channel, args)).rejects.toThrow(/^Request rejected$/);
    expect(calls).toHaveLength(0);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('hides a failing handler behind the same generic error', async () => {
    const { handlers } = recordingHandlers();
    const failing = {
      ...handlers,
      'feeds:syncNow': vi.fn(() => {
        throw new Error('Unknown feed "x" at /home/user/secret/path');
      }),
    };
    const { lines, log } = logger();
    const router = createIpcRouter(failing, log);
    const error = await router.dispatch('feeds:syncNow', ['x']).catch((e: Error) => e);
    expect((error as Error).message).toBe('Request rejected');
    expect(lines.join('\n')).toContain('Unknown feed');
  });

  describe('feed management channels', () => {
    const SECRET = 'eyJhbGciOiJSUzI1NiJ9.SECRET-VALUE-never-logged';
    const entry = {
      id: 'dd',
      provider: 'diadoc',
      name: 'Диадок',
      enabled: true,
      intervalSec: 60,
      start: 'now',
      settings: { boxId: 'b0c1d2e3-f405-4617-8829-3a4b5c6d7e8f' },
    };

    it('passes well-formed calls through', async () => {
      const { calls, handlers } = recordingHandlers();
      const router = createIpcRouter(handlers, logger().log);
      await router.dispatch('feeds:add', [entry, { main: SECRET, extras: { apikey: 'k' } }]);
      await router.dispatch('feeds:update', ['dd', { intervalSec: 120, settings: { documentDirection: ['Inbound'] } }, null]);
      await router.dispatch('feeds:import', ['{"feeds":[]}']);
      for (const channel of ['feeds:get', 'feeds:remove', 'feeds:test', 'secrets:status'] as const)
        await router.dispatch(channel, ['dd']);
      await router.dispatch('feeds:setEnabled', ['dd', false]);
      await router.dispatch('feeds:export', []);
      await router.dispatch('providers:list', []);
      expect(calls).toHaveLength(10);
    });

    const bad: [string, string, unknown[]][] = [
      ['a secret over 4 KiB', 'feeds:add', [entry, { main: `${SECRET}${'x'.repeat(4096)}` }]],
      ['an empty secret', 'feeds:update', ['dd', {}, { main: '' }]],
      ['a secret as a number', 'feeds:update', ['dd', {}, { main: 12345 }]],
      ['a secret name with odd characters', 'feeds:update', ['dd', {}, { extras: { '../etc': SECRET } }]],
      ['a channel the window has no use for: secrets:set', 'secrets:set', ['dd', null, SECRET]],
      ['an extra key next to the secrets', 'feeds:add', [entry, { main: SECRET, token: SECRET }]],
      ['an oversized secret in the add form', 'feeds:add', [entry, { main: `${SECRET}${'y'.repeat(5000)}` }]],
      ['a secret inside the settings object', 'feeds:add', [{ ...entry, settings: { token: { value: SECRET } } }, null]],
      ['an unknown provider', 'feeds:add', [{ ...entry, provider: 'github' }, null]],
      ['a changed provider in a patch', 'feeds:update', ['dd', { provider: 'evotor' }, null]],
      ['a missing secrets argument', 'feeds:update', ['dd', {}]],
      ['a non-boolean enabled', 'feeds:setEnabled', ['dd', 'yes']],
      ['an import over the cap', 'feeds:import', ['z'.repeat(30_001)]],
      ['arguments to export', 'feeds:export', [SECRET]],
    ];

    it.each(bad)('rejects %s and never logs the secret', async (_what, channel, args) => {
      const { calls, handlers } = recordingHandlers();
      const { lines, log } = logger();
      const router = createIpcRouter(handlers, log);
      await expect(router.dispatch(channel, args)).rejects.toThrow(/^Request rejected$/);
      expect(calls).toHaveLength(0);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toContain('SECRET-VALUE');
    });
  });
  describe('capability channels (Kontur sign-in, token assistant)', () => {
    const PASSWORD = 'Пароль-PASSWORD-VALUE-never-logged';
    const SESSION = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const APP = '6a6f1c1e-3c1b-4e5e-9a51-2f0e8e7b9c10';
    const VERSION = '5d3c2b1a-9e8f-4a7b-8c6d-1e2f3a4b5c6d';
    const FEED = 'evotor';
    const signIn = { feedId: FEED, login: 'developer@example.ru', password: PASSWORD };

    it('passes well-formed calls through', async () => {
      const { calls, handlers } = recordingHandlers();
      const router = createIpcRouter(handlers, logger().log);
      for (const channel of ['konturSignIn:start', 'konturSignIn:cancel', 'konturSignIn:signOut'] as const)
        await router.dispatch(channel, ['diadoc']);
      await router.dispatch('tokenAssistant:signIn', [signIn]);
      await router.dispatch('tokenAssistant:signIn', [{ ...signIn, twoFactorCode: '482913' }]);
      await router.dispatch('tokenAssistant:listTokens', [FEED, SESSION]);
      await router.dispatch('tokenAssistant:useToken', [FEED, SESSION, 'b0d5a7c2-1f4e-4c8a-9e21-5d7f3a9c0e11']);
      await router.dispatch('tokenAssistant:getEventSettings', [FEED, SESSION, APP, VERSION]);
      await router.dispatch('tokenAssistant:setEventSettings', [
        FEED,
        SESSION,
        APP,
        VERSION,
        { active: true, events: ['product', 'document'] },
      ]);
      expect(calls.map((c) => c.channel)).toEqual([
        'konturSignIn:start',
        'konturSignIn:cancel',
        'konturSignIn:signOut',
        'tokenAssistant:signIn',
        'tokenAssistant:signIn',
        'tokenAssistant:listTokens',
        'tokenAssistant:useToken',
        'tokenAssistant:getEventSettings',
        'tokenAssistant:setEventSettings',
      ]);
      expect(calls[3]!.args).toEqual([signIn]);
    });

    const bad: [string, string, unknown[]][] = [
      ['a missing feed id', 'konturSignIn:start', []],
      ['a feed id as a number', 'konturSignIn:start', [42]],
      ['an empty feed id', 'konturSignIn:cancel', ['']],
      ['an oversized feed id', 'konturSignIn:signOut', ['f'.repeat(65)]],
      ['an extra argument to sign-out', 'konturSignIn:signOut', ['diadoc', PASSWORD]],
      ['a feed id as an object', 'konturSignIn:start', [{ id: 'diadoc', token: PASSWORD }]],
      ['sign-in arguments as a list', 'tokenAssistant:signIn', ['evotor', 'developer@example.ru', PASSWORD]],
      ['an extra key next to the password', 'tokenAssistant:signIn', [{ ...signIn, remember: true }]],
      [
        'the password under an extra key',
        'tokenAssistant:signIn',
        [{ feedId: 'evotor', login: 'developer@example.ru', password: 'x', pass: PASSWORD }],
      ],
      ['an oversized password', 'tokenAssistant:signIn', [{ ...signIn, password: `${PASSWORD}${'p'.repeat(200)}` }]],
      ['an empty password', 'tokenAssistant:signIn', [{ ...signIn, password: '' }]],
      ['a password as a number', 'tokenAssistant:signIn', [{ ...signIn, password: 12345678 }]],
      ['a missing login', 'tokenAssistant:signIn', [{ feedId: 'evotor', password: PASSWORD }]],
      ['an oversized login', 'tokenAssistant:signIn', [{ ...signIn, login: 'l'.repeat(201) }]],
      ['an oversized 2FA code', 'tokenAssistant:signIn', [{ ...signIn, twoFactorCode: '4'.repeat(21) }]],
      ['a 2FA code as a number', 'tokenAssistant:signIn', [{ ...signIn, twoFactorCode: 482913 }]],
      ['a second argument to sign-in', 'tokenAssistant:signIn', [signIn, PASSWORD]],
      ['a session that is not a UUID', 'tokenAssistant:listTokens', [FEED, 'session-1']],
      ['a session as a number', 'tokenAssistant:listTokens', [FEED, 1]],
      ['a password in place of the session', 'tokenAssistant:listTokens', [FEED, PASSWORD]],
      ['an extra argument to listTokens', 'tokenAssistant:listTokens', [FEED, SESSION, PASSWORD]],
      ['a token id with a slash', 'tokenAssistant:useToken', [FEED, SESSION, '../oauth/token']],
      ['an oversized token id', 'tokenAssistant:useToken', [FEED, SESSION, 't'.repeat(101)]],
      ['a blank token id', 'tokenAssistant:useToken', [FEED, SESSION, '   ']],
      ['a missing token id', 'tokenAssistant:useToken', [FEED, SESSION]],
      ['an app id with a query', 'tokenAssistant:getEventSettings', [FEED, SESSION, `${APP}?x=1`, VERSION]],
      ['a version id as a number', 'tokenAssistant:getEventSettings', [FEED, SESSION, APP, 7]],
      ['a missing version id', 'tokenAssistant:getEventSettings', [FEED, SESSION, APP]],
      [
        'an extra key in the event settings',
        'tokenAssistant:setEventSettings',
        [FEED, SESSION, APP, VERSION, { active: true, events: [], token: PASSWORD }],
      ],
      [
        'a non-boolean active flag',
        'tokenAssistant:setEventSettings',
        [FEED, SESSION, APP, VERSION, { active: 'yes', events: [] }],
      ],
      [
        'too many events',
        'tokenAssistant:setEventSettings',
        [FEED, SESSION, APP, VERSION, { active: true, events: Array.from({ length: 21 }, (_, i) => `e${i}`) }],
      ],
      [
        'an oversized event name',
        'tokenAssistant:setEventSettings',
        [FEED, SESSION, APP, VERSION, { active: true, events: ['e'.repeat(61)] }],
      ],
      [
        'events as a string',
        'tokenAssistant:setEventSettings',
        [FEED, SESSION, APP, VERSION, { active: true, events: 'product' }],
      ],
      ['a request over the size cap', 'tokenAssistant:signIn', [{ ...signIn, login: PASSWORD.repeat(2000) }]],
    ];

    it.each(bad)('rejects %s and never logs the password', async (_what, channel, args) => {
      const { calls, handlers } = recordingHandlers();
      const { lines, log } = logger();
      const router = createIpcRouter(handlers, log);
      await expect(router.dispatch(channel, args)).rejects.toThrow(/^Request rejected$/);
      expect(calls).toHaveLength(0);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toContain('PASSWORD-VALUE');
      expect(lines.join('\n')).not.toContain(SESSION);
    });
  });
});
