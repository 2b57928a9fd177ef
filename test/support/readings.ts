// The reading matrix every provider's tests run: for each plausible reading of an UNCONFIRMED point in
// PROVIDERS.md (a mock switch), the full sync, the steady state (one new event per poll) and a restart must each
// store every event exactly once. Plus what every service does to a client: 429 and 5xx mid-sync, a server that
// allows one request at a time shared by two feeds, a body that drips, and a clock that is off.
// "Stored exactly once" is read from the store: the set of event ids equals the server's, and the count too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import type { FeedSyncOutcome } from '../../main/core/services/polling-service.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import type { HttpClientOptions } from '../../main/core/http/http-client.ts';
import type { MockServer } from '../mocks/mock-server.ts';
import { InstantClock } from './fake-clock.ts';
import { storedIds } from './stored-events.ts';

/** How the matrix drives one provider and its mock. */
export interface ProviderUnderTest<M> {
  /** A fresh mock whose feed holds `initial` events. */
  startMock(initial: number): Promise<M>;
  stopMock(mock: M): Promise<void>;
  server(mock: M): MockServer;
  /** The feed's config entry (start "beginning", small pages) pointing at the mock. */
  feed(mock: M, id: string): Record<string, unknown>;
  /** The feed's secrets by name (`token` is the main one). */
  secrets(mock: M): Record<string, string | null>;
  /** The server gets n more events, after (and newer than) those it has. */
  addEvents(mock: M, n: number): void;
  /** The ids of every event the feed must end up holding. */
  ids(mock: M): string[];
  /** What a 429 from this service looks like (for the one-request-at-a-time server). */
  throttleAnswer?(mock: M): { status: number; headers?: Record<string, string>; body?: unknown };
}

/** One plausible reading of an open point: a name for the test titles and the mock switches that make it so. */
export interface Reading<M> {
  name: string;
  apply(mock: M): void;
}

export interface MatrixOptions {
  /** Events on the server at the start (several pages' worth). Default 45. */
  initial?: number;
}

const HTTP: Omit<HttpClientOptions, 'proxy'> = { connectTimeoutMs: 1_000, headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000 };

async function sync(core: FeedbellCore, feedId = 'feed'): Promise<FeedSyncOutcome> {
  return (await core.polling.syncAllOnce()).get(feedId)!;
}

export function readingsMatrix<M>(
  title: string,
  subject: ProviderUnderTest<M>,
  readings: Reading<M>[],
  options: MatrixOptions = {},
): void {
  const initial = options.initial ?? 45;
  const mocks: M[] = [];
  const cores: FeedbellCore[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    for (const core of cores.splice(0)) await core.stop().catch(() => {});
    for (const mock of mocks.splice(0)) await subject.stopMock(mock);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function mockWith(reading: Reading<M> | null): Promise<M> {
    const mock = await subject.startMock(initial);
    mocks.push(mock);
    reading?.apply(mock);
    return mock;
  }

  function folder(): string {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-readings-'));
    dirs.push(dir);
    return dir;
  }

  function open(mock: M, dataDir: string, feedIds = ['feed'], http: Omit<HttpClientOptions, 'proxy'> = HTTP): FeedbellCore {
    const secrets = subject.secrets(mock);
    const core = FeedbellCore.open({
      dataDir,
      feeds: new MemoryFeedsRepository(feedIds.map((id) => parseFeedConfig(subject.feed(mock, id), id))),
      settings: new MemorySettingsStore(),
      secrets: { get: async (_feedId, name) => secrets[name ?? 'token'] ?? null },
      clock: new InstantClock(),
      random: () => 0.5,
      httpOptions: http,
    });
    cores.push(core);
    return core;
  }

  /** Every event of the server, each exactly once. */
  function expectExactlyOnce(core: FeedbellCore, mock: M, feedId = 'feed'): void {
    const stored = storedIds(core, feedId);
    const expected = subject.ids(mock);
    expect(new Set(stored).size, 'no event stored twice').toBe(stored.length);
    expect(stored.toSorted()).toEqual(expected.toSorted());
  }

  describe(`${title}: every reading of the open points`, () => {
    for (const reading of readings) {
      describe(reading.name, () => {
        it('full sync: every event exactly once', async () => {
          const mock = await mockWith(reading);
          const core = open(mock, folder());
          const outcome = await sync(core);
          expect(outcome.error).toBeNull();
          expect(outcome.caughtUp).toBe(true);
          expect(outcome.inserted).toBe(subject.ids(mock).length);
          expectExactlyOnce(core, mock);
        });

        it('steady state: each poll with one new event delivers exactly that event', async () => {
          const mock = await mockWith(reading);
          const core = open(mock, folder());
          expect((await sync(core)).error).toBeNull();
          for (let poll = 0; poll < 4; poll++) {
            const before = new Set(subject.ids(mock));
            subject.addEvents(mock, 1);
            const fresh = subject.ids(mock).filter((id) => !before.has(id));
            const outcome = await sync(core);
            expect(outcome.error, `poll ${poll}`).toBeNull();
            expect(outcome.inserted, `poll ${poll}: the new event ${fresh.join()}`).toBe(fresh.length);
            expect(storedIds(core, 'feed').filter((id) => fresh.includes(id))).toHaveLength(fresh.length);
          }
          // And a poll with nothing new stores nothing.
          expect((await sync(core)).inserted).toBe(0);
          expectExactlyOnce(core, mock);
        });

        it('restart: a sync broken mid-way, then a new process on the same folder, loses and duplicates nothing', async () => {
          const mock = await mockWith(reading);
          const dir = folder();
          const first = open(mock, dir);
          // Every request from the third on fails (more than the retries can absorb): the sync stops half-way.
          subject.server(mock).injectAfter(2, { kind: 'reset' }, 1_000);
          const broken = await sync(first);
          expect(broken.error?.kind).toBe('network');
          await first.stop();
          cores.splice(cores.indexOf(first), 1);
          subject.server(mock).clearFaults();
          subject.addEvents(mock, 3);
          const second = open(mock, dir);
          const outcome = await sync(second);
          expect(outcome.error).toBeNull();
          expectExactlyOnce(second, mock);
          subject.addEvents(mock, 1);
          expect((await sync(second)).inserted).toBe(1);
          expectExactlyOnce(second, mock);
        });
      });
    }
  });

  describe(`${title}: what every service does to a client`, () => {
    it('a 429 and a 503 in the middle of a sync are retried within it: no error, nothing lost', async () => {
      const mock = await mockWith(null);
      const server = subject.server(mock);
      const core = open(mock, folder());
      server.injectAfter(1, {
        kind: 'respond',
        response: subject.throttleAnswer?.(mock) ?? { status: 429, body: 'Too many requests' },
      });
      server.injectAfter(3, { kind: 'respond', response: { status: 503, body: 'Service Unavailable' } });
      const outcome = await sync(core);
      expect(outcome.error).toBeNull();
      expect(server.pendingFaults).toBe(0);
      expectExactlyOnce(core, mock);
    });

    it('two feeds on a server that allows one request at a time both complete, every run', async () => {
      const mock = await mockWith(null);
      const server = subject.server(mock);
      server.maxInFlight = 1;
      if (subject.throttleAnswer) server.throttleAnswer = () => subject.throttleAnswer!(mock);
      const core = open(mock, folder(), ['feed', 'second']);
      for (let run = 0; run < 3; run++) {
        const outcomes = await core.polling.syncAllOnce();
        expect(outcomes.get('feed')!.error, `run ${run}`).toBeNull();
        expect(outcomes.get('second')!.error, `run ${run}`).toBeNull();
        subject.addEvents(mock, 2);
      }
      expect((await core.polling.syncAllOnce()).get('second')!.error).toBeNull();
      expectExactlyOnce(core, mock, 'feed');
      expectExactlyOnce(core, mock, 'second');
      expect(server.peakInFlight).toBeLessThanOrEqual(2);
    });

    it('an answer that drips a byte at a time ends at the request deadline as a network error; the next sync completes', async () => {
      const mock = await mockWith(null);
      const server = subject.server(mock);
      const core = open(mock, folder(), ['feed'], { ...HTTP, totalTimeoutMs: 400 });
      server.dripMs = 100;
      const dripping = await sync(core);
      expect(dripping.error).toMatchObject({ kind: 'network' });
      expect(dripping.error!.message).toContain("(the request's deadline)");
      server.dripMs = 0;
      expect((await sync(core)).error).toBeNull();
      expectExactlyOnce(core, mock);
    });

    for (const offsetMs of [-3 * 3_600_000, 3 * 3_600_000]) {
      it(`a server clock ${offsetMs < 0 ? 'behind' : 'ahead of'} ours by 3 h: full sync and steady state lose nothing`, async () => {
        const mock = await mockWith(null);
        subject.server(mock).clockOffsetMs = offsetMs;
        const core = open(mock, folder());
        expect((await sync(core)).error).toBeNull();
        for (let poll = 0; poll < 3; poll++) {
          subject.addEvents(mock, 1);
          expect((await sync(core)).inserted, `poll ${poll}`).toBe(1);
        }
        expectExactlyOnce(core, mock);
      });
    }
  });
}
