// The CLI against the four service mocks: sync, events and check work with every real provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretEnvName } from '../../main/core/secrets-env.ts';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { Scratch, parseLines, runCli, type JsonEvent } from './cli-harness.ts';

const PROVIDERS = ['evotor', 'diadoc', 'extern', 'realty'] as const;
let mocks: RunningMocks;
let scratch: Scratch;
let config: string;
let env: Record<string, string>;

beforeAll(async () => {
  mocks = await startAllMocks('beginning');
  scratch = new Scratch();
  config = scratch.writeJson('mocks.json', mocks.config);
  env = Object.fromEntries(Object.entries(mocks.secrets).map(([id, secret]) => [secretEnvName(id), secret]));
}, 60_000);

afterAll(async () => {
  await mocks?.stop();
  scratch?.remove();
});

describe('the CLI with every provider', () => {
  it('checks each feed: ok with the right secret, auth (without echoing it) with a wrong one', async () => {
    for (const provider of PROVIDERS) {
      const id = `mock-${provider}`;
      const ok = await runCli(scratch, ['check', '--config', config, '--feed', id], { env });
      expect(ok.lines, id).toEqual(['ok']);
      expect(ok.code).toBe(0);
      const wrong = await runCli(scratch, ['check', '--config', config, '--feed', id], {
        env: { ...env, [secretEnvName(id)]: 'wrong-token-123' },
      });
      expect(wrong.code, id).toBe(1);
      expect(wrong.lines[0], id).toMatch(/^auth: /);
      expect(wrong.stdout, id).not.toContain('wrong-token-123');
    }
  }, 120_000);

  it('syncs all four, prints each new event once, and events reads them back per provider', async () => {
    const dataDir = scratch.path('data');
    const first = await runCli(scratch, ['sync', '--config', config, '--data-dir', dataDir, '--json'], {
      env,
      timeoutMs: 90_000,
    });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const synced = parseLines(first);
    for (const provider of PROVIDERS) {
      const mine = synced.filter((e) => e.provider === provider);
      expect(mine.length, provider).toBeGreaterThanOrEqual(50);
      expect(new Set(mine.map((e) => e.id)).size, provider).toBe(mine.length);
      expect(
        mine.every((e) => e.title.ru.length > 3 && e.title.en.length > 3 && !Number.isNaN(Date.parse(e.occurredAt))),
        provider,
      ).toBe(true);
    }

    mocks.addEvents(2);
    const second = await runCli(scratch, ['sync', '--config', config, '--data-dir', dataDir, '--json'], {
      env,
      timeoutMs: 90_000,
    });
    expect(second.code).toBe(0);
    const added = parseLines(second);
    for (const provider of PROVIDERS) expect(added.filter((e) => e.provider === provider).length, provider).toBe(2);
    expect(added.every((e) => !synced.some((s) => s.feedId === e.feedId && s.id === e.id))).toBe(true);

    for (const provider of PROVIDERS) {
      const listed = await runCli(scratch, [
        'events',
        '--data-dir',
        dataDir,
        '--provider',
        provider,
        '--json',
        '--limit',
        '1000',
      ]);
      expect(listed.code).toBe(0);
      const rows = parseLines<JsonEvent & { read: boolean }>(listed);
      const stored = [...synced, ...added].filter((e) => e.provider === provider);
      expect(rows.map((r) => r.id).toSorted(), provider).toEqual(stored.map((e) => e.id).toSorted());
    }
  }, 240_000);
});
