// `sync` and `events` end to end: real child processes, the demo provider, a temp data folder.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MINUTE, Scratch, demoFeed, parseLines, runCli, type JsonEvent } from './cli-harness.ts';

const EVENT_KEYS = ['feedId', 'provider', 'id', 'type', 'occurredAt', 'title', 'summary', 'link', 'payload'];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Each test spawns Node a few times; on a loaded two-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let scratch: Scratch;
let config: string;
let dataDir: string;
let synced: JsonEvent[];
/** Every stored event as `events --json` lists it, newest first. */
let all: JsonEvent[];

beforeAll(async () => {
  scratch = new Scratch();
  dataDir = scratch.path('data');
  config = scratch.writeJson('feeds.json', {
    feeds: [
      demoFeed('alpha', 21, 100, 50, { name: 'Alpha' }),
      demoFeed('beta', 31, 50, 25, { settings: { seed: 2 } }),
      // Starts now; its next event is 50 minutes away, so no sync in this file sees one.
      demoFeed('later', 5, 100, 50, { start: 'now' }),
      demoFeed('gamma', 10, 60, 30, { enabled: false }),
    ],
  });
  const run = await runCli(scratch, ['sync', '--config', config, '--data-dir', dataDir, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  synced = parseLines(run);
  const listed = await runCli(scratch, ['events', '--data-dir', dataDir, '--json', '--limit', '1000']);
  expect(listed.code).toBe(0);
  all = parseLines(listed);
});

afterAll(() => scratch?.remove());

async function events(...args: string[]): Promise<JsonEvent[]> {
  const run = await runCli(scratch, ['events', '--data-dir', dataDir, '--json', '--limit', '1000', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return parseLines(run);
}

const ids = (list: JsonEvent[]) => list.map((e) => e.id);

/** The same instant as a Moscow (+03:00) ISO string. */
function moscow(iso: string): string {
  return new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().replace('Z', '+03:00');
}

describe('sync', () => {
  it('stores every event of the enabled feeds and prints each as one JSON line', () => {
    const perFeed = (feed: string) => synced.filter((e) => e.feedId === feed).length;
    // The timelines are placed so these counts are exact; "later" starts now; "gamma" is disabled.
    expect(perFeed('alpha')).toBe(21);
    expect(perFeed('beta')).toBe(31);
    expect(perFeed('later')).toBe(0);
    expect(perFeed('gamma')).toBe(0);
    expect(synced).toHaveLength(52);
    expect(new Set(synced.map((e) => `${e.feedId}/${e.id}`)).size).toBe(52);
    for (const event of synced) {
      expect(Object.keys(event)).toEqual(EVENT_KEYS);
      expect(event.provider).toBe('demo');
      expect(event.occurredAt).toMatch(ISO_UTC);
      expect(Date.parse(event.occurredAt)).toBeLessThanOrEqual(Date.now());
      expect(event.title).toEqual({ ru: expect.any(String), en: expect.any(String) });
      expect(event.summary).toEqual({ ru: expect.any(String), en: expect.any(String) });
      expect(event.title.ru.length).toBeGreaterThan(0);
      expect(typeof event.payload).toBe('object');
      expect(event.payload).not.toBeNull();
    }
    // alpha's newest event happened 50 minutes ago, and they are 100 minutes apart.
    const alpha = synced.filter((e) => e.feedId === 'alpha').map((e) => Date.parse(e.occurredAt));
    expect(Math.abs(Math.max(...alpha) - (Date.now() - 50 * MINUTE))).toBeLessThan(5 * MINUTE);
    expect(alpha[1]! - alpha[0]!).toBeCloseTo(100 * MINUTE, -1);
  });

  it('stores nothing twice: a second sync prints no lines, and the human summary says so', async () => {
    const again = await runCli(scratch, ['sync', '--config', config, '--data-dir', dataDir, '--json']);
    expect(again.code).toBe(0);
    expect(again.lines).toEqual([]);
    const human = await runCli(scratch, ['sync', '--config', config, '--data-dir', dataDir]);
    expect(human.code).toBe(0);
    expect(human.lines).toEqual([
      'alpha: 0 new events, caught up',
      'beta: 0 new events, caught up',
      'later: 0 new events, caught up',
    ]);
    expect(await events()).toHaveLength(52);
  });

  it('prints a per-feed summary without --json', async () => {
    const other = scratch.path('data-human');
    const run = await runCli(scratch, ['sync', '--config', config, '--data-dir', other]);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([
      'alpha: 21 new events, caught up',
      'beta: 31 new events, caught up',
      'later: 0 new events, caught up',
    ]);
  });

  it('uses the app data folder when --data-dir is absent', async () => {
    const run = await runCli(scratch, ['sync', '--config', config]);
    expect(run.code).toBe(0);
    // HOME and XDG_CONFIG_HOME point into the scratch folder for the child (see cli-harness.ts).
    const expected =
      process.platform === 'darwin'
        ? scratch.path('Library', 'Application Support', 'Feedbell')
        : scratch.path('xdg', 'Feedbell');
    if (process.platform !== 'win32') expect(existsSync(`${expected}/feedbell.db`)).toBe(true);
  });
});

describe('events', () => {
  it('lists the same events that sync printed, newest first, with "read"', () => {
    expect(all).toHaveLength(52);
    expect(new Set(ids(all))).toEqual(new Set(ids(synced)));
    const times = all.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual(times.toSorted((a, b) => b - a));
    for (const event of all) {
      expect(Object.keys(event)).toEqual([...EVENT_KEYS, 'read']);
      expect(event.read).toBe(false);
    }
    // Same content as printed by sync.
    const byId = new Map(synced.map((e) => [e.id, e]));
    for (const event of all) {
      const { read: _read, ...rest } = event;
      expect(rest).toEqual(byId.get(event.id));
    }
  });

  it("--limit keeps the newest n (default 50), following the store's pages", async () => {
    expect(ids(await events('--limit', '5'))).toEqual(ids(all).slice(0, 5));
    const run = await runCli(scratch, ['events', '--data-dir', dataDir, '--json']);
    expect(parseLines(run).map((e) => e.id)).toEqual(ids(all).slice(0, 50));
    expect(ids(await events('--limit', '52'))).toEqual(ids(all));
  });

  it('--feed, repeated or not, keeps only those feeds', async () => {
    const alpha = await events('--feed', 'alpha');
    expect(ids(alpha)).toEqual(ids(all.filter((e) => e.feedId === 'alpha')));
    expect(alpha).toHaveLength(21);
    expect(await events('--feed', 'alpha', '--feed', 'beta')).toHaveLength(52);
    expect(await events('--feed', 'nope')).toEqual([]);
  });

  it('--type and --provider filter on the stored values', async () => {
    const type = all[3]!.type;
    const expected = all.filter((e) => e.type === type);
    expect(expected.length).toBeLessThan(all.length);
    expect(ids(await events('--type', type))).toEqual(ids(expected));
    const second = all.find((e) => e.type !== type)!.type;
    expect(ids(await events('--type', type, '--type', second))).toEqual(
      ids(all.filter((e) => e.type === type || e.type === second)),
    );
    expect(await events('--provider', 'demo')).toHaveLength(52);
    expect(await events('--provider', 'diadoc')).toEqual([]);
  });

  it('--search finds the events whose text contains the words', async () => {
    // A word from one title, e.g. "Входящий" or "Проверка": every event whose title or summary has it must be found.
    const word = all[0]!.title.ru.match(/[\p{L}]{5,}/u)![0];
    const found = await events('--search', word.toLowerCase());
    expect(found.length).toBeGreaterThan(0);
    const has = (e: JsonEvent) => JSON.stringify([e.title, e.summary, e.payload]).toLowerCase().includes(word.toLowerCase());
    expect(found.every(has)).toBe(true);
    const inText = all.filter((e) => `${e.title.ru} ${e.summary.ru}`.toLowerCase().includes(word.toLowerCase()));
    expect(new Set(ids(found))).toEqual(new Set([...ids(found), ...ids(inText)]));
    expect(await events('--search', 'zzzqqxnotthere')).toEqual([]);
  });

  it('--since and --until bound the occurrence time, inclusive, in any ISO form', async () => {
    const until = all[4]!.occurredAt;
    const since = all[14]!.occurredAt;
    const expected = ids(all).slice(4, 15);
    expect(ids(await events('--since', since, '--until', until))).toEqual(expected);
    // The same instants written with a +03:00 offset.
    expect(ids(await events('--since', moscow(since), '--until', moscow(until)))).toEqual(expected);
    expect(ids(await events('--since', since))).toEqual(ids(all).slice(0, 15));
    expect(ids(await events('--until', until))).toEqual(ids(all).slice(4));
  });

  it('--unread leaves out events the app marked read', async () => {
    scratch.sql(dataDir, "UPDATE events SET read = 1 WHERE feed_id = 'alpha'");
    const unread = await events('--unread');
    expect(ids(unread)).toEqual(ids(all.filter((e) => e.feedId === 'beta')));
    const marked = await events('--feed', 'alpha');
    expect(marked.every((e) => e.read)).toBe(true);
    expect(await events('--unread', '--feed', 'alpha')).toEqual([]);
  });

  it('prints a readable table without --json', async () => {
    const run = await runCli(scratch, ['events', '--data-dir', dataDir, '--limit', '3', '--feed', 'beta']);
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(4);
    expect(run.lines[0]).toMatch(/time\s+feed\s+type\s+title/);
    const first = all.find((e) => e.feedId === 'beta')!;
    expect(run.lines[1]).toContain(first.title.ru);
    expect(run.lines[1]).toMatch(/^• \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s+beta\s+/);
    const en = await runCli(scratch, ['events', '--data-dir', dataDir, '--limit', '1', '--feed', 'beta', '--lang', 'en']);
    expect(en.lines[1]).toContain(first.title.en);
  });

  it.each([
    [['--since', 'yesterday'], '--since'],
    [['--until', '2026-13-01'], '--until'],
    [['--since', '2026-03-01T10:00:00'], '--since'], // no time zone: ambiguous
    [['--limit', '0'], '--limit'],
    [['--limit', 'ten'], '--limit'],
    [['--limit', '100001'], '--limit'],
    [['--limit'], '--limit'],
    [['--provider', 'twitter'], '--provider'],
    [['--search', '!!!'], '--search'],
    [['--lang', 'de'], '--lang'],
    [['--since', '2026-03-02', '--until', '2026-03-01'], '--since'],
    [['--bogus'], '--bogus'],
  ])('rejects %j with exit 2 naming %s', async (args, option) => {
    const run = await runCli(scratch, ['events', '--data-dir', dataDir, ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(option);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 1 when the data folder holds no event log, and does not create one', async () => {
    const empty = scratch.path('empty');
    const run = await runCli(scratch, ['events', '--data-dir', empty]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${empty}/feedbell.db`);
    expect(existsSync(empty)).toBe(false);
  });
});
