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
    await expect(router.dispatch('events:query', [{ feedIds: ['demo'], unreadOnly: true, search: 'УПД', limit: 50 }])).resolves.toEqual({
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
    ['a payload over the size cap though each field is in bounds', 'events:query', [{ types: Array.from({ length: 200 }, () => 'y'.repeat(199)) }]],
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
    const failing = { ...handlers, 'feeds:syncNow': vi.fn(() => { throw new Error('Unknown feed "x" at /home/user/secret/path'); }) };
    const { lines, log } = logger();
    const router = createIpcRouter(failing, log);
    const error = await router.dispatch('feeds:syncNow', ['x']).catch((e: Error) => e);
    expect((error as Error).message).toBe('Request rejected');
    expect(lines.join('\n')).toContain('Unknown feed');
  });
});
