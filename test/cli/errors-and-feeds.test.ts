// `feeds`, failures and exit codes, config errors, usage and help, signals: the CLI as a script sees it.
import { existsSync, mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redactSecrets } from '../../main/cli/cli-support.ts';
import { echoForms, leakedForms, proxyEchoForms } from '../support/secret-forms.ts';
import { defaultDataDir } from '../../main/cli/default-data-dir.ts';
import { Scratch, demoFeed, parseLines, runCli } from './cli-harness.ts';

interface FeedLine {
  id: string;
  phase: string;
  enabled: boolean;
  cursor: string | null;
  firstSyncDone: boolean;
  lastSuccessAt: string | null;
  lastError: { kind: string; message: string; at: string } | null;
  unread: number;
  stored: number;
}

// Each test spawns Node a few times; on a loaded two-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let scratch: Scratch;
beforeEach(() => {
  scratch = new Scratch();
});
afterEach(() => scratch.remove());

const NO_STACK = /\n\s+at /;

describe('feeds', () => {
  it('reports each configured feed without polling, and creates no log before the first sync', async () => {
    const config = scratch.writeJson('feeds.json', {
      feeds: [demoFeed('alpha', 5, 60, 30), demoFeed('off', 3, 60, 30, { enabled: false })],
    });
    const data = scratch.path('data');
    const before = await runCli(scratch, ['feeds', '--config', config, '--data-dir', data, '--json']);
    expect(before.code).toBe(0);
    expect(parseLines<FeedLine>(before).map((f) => [f.id, f.phase, f.stored])).toEqual([
      ['alpha', 'never-synced', 0],
      ['off', 'disabled', 0],
    ]);
    expect(existsSync(data)).toBe(false);

    expect((await runCli(scratch, ['sync', '--config', config, '--data-dir', data])).code).toBe(0);
    const after = parseLines<FeedLine>(await runCli(scratch, ['feeds', '--config', config, '--data-dir', data, '--json']));
    expect(after[0]).toMatchObject({
      id: 'alpha',
      phase: 'ok',
      enabled: true,
      cursor: '5',
      firstSyncDone: true,
      lastError: null,
      unread: 5,
      stored: 5,
    });
    expect(Date.parse(after[0]!.lastSuccessAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(after[1]).toMatchObject({ id: 'off', phase: 'disabled', stored: 0 });

    // Still nothing new after `feeds`: it did not poll (a poll would be a no-op here anyway, so check the time).
    const again = parseLines<FeedLine>(await runCli(scratch, ['feeds', '--config', config, '--data-dir', data, '--json']));
    expect(again[0]!.lastSuccessAt).toBe(after[0]!.lastSuccessAt);

    const human = await runCli(scratch, ['feeds', '--config', config, '--data-dir', data]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('alpha (demo)');
    expect(human.stdout).toMatch(/phase: ok\n\s+cursor: 5\n\s+last success: \d{4}-/);
    expect(human.stdout).toContain('events: 5 stored, 5 unread');
  });
});

describe('a failing feed', () => {
  it('exits 1 with one "<feedId>: <kind>: <message>" line per failed feed; the others still sync', async () => {
    const config = scratch.writeJson('feeds.json', { feeds: [demoFeed('good', 4, 60, 30), demoFeed('bad', 4, 60, 30)] });
    const data = scratch.path('data');
    expect((await runCli(scratch, ['sync', '--config', config, '--data-dir', data])).code).toBe(0);
    // The stored position of "bad" is damaged, as if the service no longer understood it.
    scratch.sql(data, "UPDATE feeds SET cursor = 'garbage' WHERE id = 'bad'");
    const run = await runCli(scratch, ['sync', '--config', config, '--data-dir', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('bad: protocol: The demo feed does not understand the cursor "garbage"\n');
    expect(run.lines).toEqual(['good: 0 new events, caught up']);

    const feeds = parseLines<FeedLine>(await runCli(scratch, ['feeds', '--config', config, '--data-dir', data, '--json']));
    expect(feeds.find((f) => f.id === 'bad')).toMatchObject({ phase: 'error', lastError: { kind: 'protocol' } });
    expect(feeds.find((f) => f.id === 'good')).toMatchObject({ phase: 'ok', lastError: null });
  });

  it.each([
    ['a file', (s: Scratch) => s.write('not-a-folder', 'x'), 'a file is in the way'],
    ['under a file', (s: Scratch) => `${s.write('file', 'x')}/sub`, 'not a directory'],
  ])('exits 1 when the event log cannot be created (data folder is %s)', async (_what, make, reason) => {
    const config = scratch.writeJson('feeds.json', { feeds: [demoFeed('alpha', 2, 60, 30)] });
    const data = make(scratch);
    const run = await runCli(scratch, ['sync', '--config', config, '--data-dir', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`feedbell: cannot open the event log ${data}/feedbell.db: `);
    expect(run.stderr).toContain(reason);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('config errors exit 2 naming the file, the feed and the field', () => {
  const feed = { id: 'shop', provider: 'demo' };
  it.each([
    ['invalid JSON', '{"feeds": [', ['not valid JSON']],
    ['a missing feeds list', { feed: [] }, ['feeds']],
    ['an unknown provider', { feeds: [{ ...feed, provider: 'twitter' }] }, ['feed #1 "shop"', 'provider']],
    [
      'a real provider without its required setting',
      { feeds: [{ ...feed, provider: 'evotor' }] },
      ['feed #1 "shop"', 'settings.appId'],
    ],
    [
      'a bad provider setting',
      { feeds: [feed, { ...feed, id: 'b', settings: { pageSize: 0 } }] },
      ['feed #2 "b"', 'settings.pageSize'],
    ],
    ['an unknown setting', { feeds: [{ ...feed, settings: { colour: 'red' } }] }, ['feed #1 "shop"', 'settings', 'colour']],
    ['a bad interval', { feeds: [{ ...feed, intervalSec: 1 }] }, ['feed #1 "shop"', 'intervalSec']],
    ['a bad start', { feeds: [{ ...feed, start: 'yesterday' }] }, ['feed #1 "shop"', 'start']],
    ['an unknown field', { feeds: [{ ...feed, token: 'x' }] }, ['feed #1 "shop"', 'token']],
    ['a bad id', { feeds: [{ ...feed, id: 'a b' }] }, ['feed #1 "a b"', 'id']],
    ['a duplicate id', { feeds: [feed, feed] }, ['feed #2 "shop"', 'id', 'duplicate']],
  ])('%s', async (_what, content, mentions) => {
    const file = typeof content === 'string' ? scratch.write('feeds.json', content) : scratch.writeJson('feeds.json', content);
    for (const command of ['sync', 'feeds']) {
      const run = await runCli(scratch, [command, '--config', file, '--data-dir', scratch.path('data')]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(file);
      for (const mention of mentions) expect(run.stderr).toContain(mention);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(NO_STACK);
    }
    expect(existsSync(scratch.path('data'))).toBe(false);
  });

  it('a missing or unreadable config file', async () => {
    const missing = scratch.path('missing.json');
    const run = await runCli(scratch, ['sync', '--config', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`feedbell: ${missing}: cannot read the config file (no such file or directory)\n`);
    mkdirSync(scratch.path('dir.json'));
    const dir = await runCli(scratch, ['feeds', '--config', scratch.path('dir.json')]);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain(scratch.path('dir.json'));
  });
});

describe('usage', () => {
  it.each(['sync', 'events', 'feeds'])('%s --help prints its usage and exits 0', async (command) => {
    const run = await runCli(scratch, [command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: feedbell ${command} `));
    expect(run.stdout).toContain('--json');
    expect(run.stdout).toContain('--data-dir');
    // -h and `help <command>` say the same; --help wins over other (even bad) options.
    expect((await runCli(scratch, [command, '-h'])).stdout).toBe(run.stdout);
    expect((await runCli(scratch, ['help', command])).stdout).toBe(run.stdout);
    expect((await runCli(scratch, [command, '--bogus', '--help'])).code).toBe(0);
  });

  it('--help lists the commands', async () => {
    const run = await runCli(scratch, ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: feedbell <command>/);
    for (const command of ['sync', 'events', 'feeds']) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\s`, 'm'));
  });

  it.each([
    [['sync', '--config', 'x.json', '--verbose'], 'sync: unknown option --verbose'],
    [['feeds', '--config', 'x.json', '-x'], 'feeds: unknown option -x'],
    [['events', '--feeds', 'a'], 'events: unknown option --feeds'],
    [['sync'], 'sync: --config <file> is required'],
    [['feeds'], 'feeds: --config <file> is required'],
    [['sync', '--config'], 'sync: option --config needs a value'],
    [['sync', '--config', 'x.json', 'extra'], 'sync: unexpected argument "extra"'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [[], 'Usage: feedbell <command>'],
  ])('%j exits 2: %s', async (args, message) => {
    const run = await runCli(scratch, args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});

describe('signals', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s during a long sync stops cleanly with exit %i, keeping (and having printed) what was stored',
    async (signal, code) => {
      // About three million events: far more than a sync could store before the signal.
      const config = scratch.writeJson('feeds.json', {
        feeds: [
          { id: 'big', provider: 'demo', start: 'beginning', settings: { ratePerMinute: 1000, historyHours: 48, pageSize: 100 } },
        ],
      });
      const data = scratch.path('data');
      let sent = false;
      const run = await runCli(scratch, ['sync', '--config', config, '--data-dir', data, '--json'], {
        timeoutMs: 60_000,
        onStdout(_chunk, child) {
          if (!sent) child.kill(signal);
          sent = true;
        },
      });
      expect(run.code).toBe(code);
      expect(run.stderr).toBe(`Interrupted (${signal}): stopped cleanly; events stored so far are kept.\n`);
      const stored = parseLines<{ stored: number; phase: string }>(
        await runCli(scratch, ['feeds', '--config', config, '--data-dir', data, '--json']),
      )[0]!;
      expect(stored.stored).toBeGreaterThan(0);
      expect(stored.stored).toBe(run.lines.length);
      expect(stored.phase).toBe('catching-up');
    },
  );
});

describe('a reader that goes away', () => {
  it('ends quietly (exit 0, no stack) when stdout is closed early, as in "| head"', async () => {
    const config = scratch.writeJson('feeds.json', {
      feeds: [demoFeed('alpha', 3000, 0.5, 0.2, { settings: { pageSize: 100 } })],
    });
    const data = scratch.path('data');
    const run = await runCli(scratch, ['sync', '--config', config, '--data-dir', data, '--json'], {
      onStdout(_chunk, child) {
        child.stdout?.destroy();
      },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // What was stored is intact and a later sync carries on from there.
    const next = await runCli(scratch, ['sync', '--config', config, '--data-dir', data]);
    expect(next.code).toBe(0);
    const [feed] = parseLines<{ stored: number }>(
      await runCli(scratch, ['feeds', '--config', config, '--data-dir', data, '--json']),
    );
    expect(feed!.stored).toBe(3000);
  });
});

describe('defaultDataDir (Electron userData for "Feedbell", without Electron)', () => {
  it.each([
    ['linux', {}, '/home/ann/.config/Feedbell'],
    ['linux', { XDG_CONFIG_HOME: '/cfg' }, '/cfg/Feedbell'],
    ['linux', { XDG_CONFIG_HOME: '' }, '/home/ann/.config/Feedbell'],
    ['freebsd', {}, '/home/ann/.config/Feedbell'],
    ['darwin', { XDG_CONFIG_HOME: '/cfg' }, '/home/ann/Library/Application Support/Feedbell'],
    ['win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann\\AppData\\Roaming\\Feedbell'],
  ] as const)('%s %j', (platform, env, expected) => {
    const home = platform === 'win32' ? 'C:\\Users\\ann' : '/home/ann';
    expect(defaultDataDir(platform, env, home)).toBe(expected);
  });
});

describe('redactSecrets', () => {
  it('replaces every FEEDBELL_SECRET_* value, and nothing else', () => {
    const env = { FEEDBELL_SECRET_SHOP: 's3cr3t-token', OTHER: 'plain' };
    expect(redactSecrets('auth failed for s3cr3t-token (s3cr3t-token), plain', env)).toBe('auth failed for *** (***), plain');
  });

  it('also in the forms a server echoes (a prefix, base64, URL-encoded, another case), and the proxy credentials of the environment', () => {
    const secret = 'S3cr3t/Token+Value=';
    const env = { FEEDBELL_SECRET_SHOP: secret, HTTPS_PROXY: 'http://cli-user:Cli-Pass-77@127.0.0.1:3128' };
    const forms = { ...echoForms(secret), ...proxyEchoForms('cli-user', 'Cli-Pass-77') };
    const line = redactSecrets(`shop: auth: ${Object.values(forms).join(' | ')} \u202Eend`, env);
    expect(leakedForms(line, forms)).toEqual([]);
    expect(line).toBe(
      `shop: auth: ${Object.keys(forms)
        .map(() => '***')
        .join(' | ')} end`,
    );
  });
});
