// The promise of `sync --json` under real crashes: the four service mocks keep producing events while the CLI is
// killed with SIGKILL again and again, half the time right after a commit (before its lines are printed), half at
// a random moment. In the end the union of the lines every run printed equals the stored log, and the stored log
// holds every event of every mock exactly once.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { secretEnvName } from '../../main/core/secrets-env.ts';
import { seededRandom } from '../../main/core/seeded-random.ts';
import { startAllMocks, type RunningMocks } from '../mocks/serve-mocks.ts';
import { CLI, Scratch, childEnv, parseLines, runCli } from './cli-harness.ts';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 60_000 });

const KILLS = 102;
/** Kills aimed at the moment between a commit and its print (the trace's pause holds the print back). */
const PAUSE_MS = 150;
const MAX_RUNS = 400;

let scratch: Scratch;
let mocks: RunningMocks;
beforeAll(async () => {
  scratch = new Scratch();
  mocks = await startAllMocks('beginning', { events: 300, pageSize: 10 });
});
afterAll(async () => {
  await mocks?.stop();
  scratch?.remove();
});

type Landing = 'between a commit and its print' | 'elsewhere (fetching, storing or printing)' | 'finished before the kill';

interface Run {
  lines: string[];
  landing: Landing;
  code: number | null;
}

/** One `sync --json` run, killed on the `killAtCommit`-th commit or after `killAfterMs`, whichever is set. */
function syncRun(
  env: Record<string, string>,
  config: string,
  dataDir: string,
  kill: { atCommit: number } | { afterMs: number },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'sync', '--config', config, '--data-dir', dataDir, '--json'], {
      cwd: scratch.dir,
      env: childEnv(scratch, { ...env, FEEDBELL_DELIVERY_TRACE_FD: '3', FEEDBELL_DELIVERY_PAUSE_MS: String(PAUSE_MS) }),
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let trace = '';
    let commits = 0;
    let killed = false;
    /** Feeds with a commit whose lines are not printed yet. */
    const pending = new Set<string>();
    let landing: Landing = 'finished before the kill';
    const killNow = () => {
      if (killed) return;
      killed = true;
      landing = pending.size > 0 ? 'between a commit and its print' : 'elsewhere (fetching, storing or printing)';
      child.kill('SIGKILL');
    };
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.resume();
    const traceStream = child.stdio[3] as NodeJS.ReadableStream;
    traceStream.setEncoding('utf8');
    traceStream.on('data', (chunk: string) => {
      trace += chunk;
      const lines = trace.split('\n');
      trace = lines.pop()!;
      for (const line of lines) {
        const [what, feed] = line.split(' ');
        if (what === 'stored') {
          pending.add(feed!);
          commits++;
          if ('atCommit' in kill && commits === kill.atCommit) killNow();
        } else if (what === 'printed') pending.delete(feed!);
      }
    });
    const timer = 'afterMs' in kill ? setTimeout(killNow, kill.afterMs) : null;
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('a sync run did not end within 60 s'));
    }, 60_000);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      // A line cut short by the kill is not a line the reader got.
      const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
      resolve({ lines: complete.split('\n').filter(Boolean), landing, code });
    });
  });
}

describe('sync --json under SIGKILL, against the four service mocks', () => {
  it(`prints every stored event at least once and stores every event exactly once across ${KILLS} kills`, async () => {
    const seed = Number(process.env['FEEDBELL_CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`crash-delivery seed ${seed} (rerun with FEEDBELL_CRASH_SEED=${seed})`);
    const random = seededRandom(seed);
    const config = scratch.writeJson('mocks.json', mocks.config);
    const dataDir = scratch.path('data');
    const env = Object.fromEntries(Object.entries(mocks.secrets).map(([id, secret]) => [secretEnvName(id), secret]));

    const printed = new Map<string, number>();
    const landings = new Map<Landing, number>();
    let kills = 0;
    for (let run = 0; kills < KILLS && run < MAX_RUNS; run++) {
      // The services keep producing: there is always something new to fetch, store and print.
      mocks.addEvents(1 + Math.floor(random() * 3));
      const aimAtCommit = run % 2 === 0;
      const result = await syncRun(
        env,
        config,
        dataDir,
        aimAtCommit ? { atCommit: 1 + Math.floor(random() * 3) } : { afterMs: 100 + Math.floor(random() * 600) },
      );
      for (const event of parseLines({ lines: result.lines } as Parameters<typeof parseLines>[0])) {
        const key = `${event.feedId}/${event.id}`;
        printed.set(key, (printed.get(key) ?? 0) + 1);
      }
      landings.set(result.landing, (landings.get(result.landing) ?? 0) + 1);
      if (result.landing !== 'finished before the kill') kills++;
      else expect(result.code, 'a run that was not killed').toBe(0);
    }
    // One last run that is left to finish: it prints whatever the last killed run did not.
    const last = await syncRun(env, config, dataDir, { afterMs: 120_000 });
    expect(last.code).toBe(0);
    for (const event of parseLines({ lines: last.lines } as Parameters<typeof parseLines>[0])) {
      const key = `${event.feedId}/${event.id}`;
      printed.set(key, (printed.get(key) ?? 0) + 1);
    }

    const report = [...landings].map(([where, n]) => `${n} ${where}`).join(', ');
    const again = [...printed.values()].filter((n) => n > 1).length;
    console.log(
      `crash-delivery: ${kills} kills: ${report}; ${printed.size} events printed, ${again} of them more than once (a page in flight)`,
    );
    expect(kills).toBeGreaterThanOrEqual(100);
    expect(landings.get('between a commit and its print') ?? 0).toBeGreaterThanOrEqual(Math.ceil(kills / 3));

    // The printed stream is the stored log: no event missing, none invented.
    const listed = await runCli(scratch, ['events', '--data-dir', dataDir, '--json', '--limit', '100000']);
    expect(listed.code).toBe(0);
    const stored = parseLines(listed).map((event) => `${event.feedId}/${event.id}`);
    expect(new Set(stored).size, 'no event stored twice').toBe(stored.length);
    expect([...printed.keys()].toSorted()).toEqual(stored.toSorted());
    // And the stored log is every event of every mock.
    const expected = Object.entries(mocks.ids()).flatMap(([feed, ids]) => ids.map((id) => `${feed}/${id}`));
    expect(stored.toSorted()).toEqual(expected.toSorted());
  });
});
