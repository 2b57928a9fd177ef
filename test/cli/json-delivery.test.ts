// `sync --json` never misses an event: what a run stored but did not get to print (it was killed between the
// commit and the print) is printed by the next run; what the app or a run without --json stored is printed too.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI, Scratch, childEnv, demoFeed, parseLines, runCli, type JsonEvent } from './cli-harness.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let scratch: Scratch;
beforeAll(() => {
  scratch = new Scratch();
});
afterAll(() => scratch?.remove());

const key = (e: JsonEvent) => `${e.feedId}/${e.id}`;

async function storedKeys(dataDir: string): Promise<string[]> {
  const run = await runCli(scratch, ['events', '--data-dir', dataDir, '--json', '--limit', '100000']);
  expect(run.code).toBe(0);
  return parseLines(run).map(key).toSorted();
}

/**
 * A `sync --json` run killed with SIGKILL right after its first commit, before that page is printed: the trace
 * (fd 3) says "stored …" after each commit, and the pause holds the print back long enough for the kill to land.
 */
function syncKilledAfterFirstCommit(config: string, dataDir: string): Promise<{ lines: string[]; trace: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'sync', '--config', config, '--data-dir', dataDir, '--json'], {
      cwd: scratch.dir,
      env: childEnv(scratch, { FEEDBELL_DELIVERY_TRACE_FD: '3', FEEDBELL_DELIVERY_PAUSE_MS: '2000' }),
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let trace = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8');
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: string) => {
      trace += chunk;
      if (trace.includes('stored ')) child.kill('SIGKILL');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the run never committed a page'));
    }, 60_000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ lines: stdout.split('\n').filter(Boolean), trace: trace.split('\n').filter(Boolean) });
    });
  });
}

describe('sync --json delivers every stored event', () => {
  it('a run killed between a commit and its print: the next run prints those lines, and none is missing', async () => {
    const dataDir = scratch.path('killed');
    const config = scratch.writeJson('killed.json', { feeds: [demoFeed('alpha', 40, 10, 5, { settings: { pageSize: 10 } })] });
    const killed = await syncKilledAfterFirstCommit(config, dataDir);
    expect(killed.trace[0]).toBe('stored alpha');
    expect(killed.lines).toEqual([]); // killed before anything was printed
    const stored = await storedKeys(dataDir);
    expect(stored.length).toBeGreaterThanOrEqual(10);

    const next = await runCli(scratch, ['sync', '--config', config, '--data-dir', dataDir, '--json']);
    expect(next.code).toBe(0);
    const printed = parseLines(next).map(key);
    // Everything stored, once: the first run's page (never printed) and the rest of the feed.
    expect(printed.toSorted()).toEqual(await storedKeys(dataDir));
    expect(printed).toHaveLength(40);
    expect(new Set(printed).size).toBe(40);

    const again = await runCli(scratch, ['sync', '--config', config, '--data-dir', dataDir, '--json']);
    expect(again.code).toBe(0);
    expect(again.lines).toEqual([]);
  });

  it('prints what a sync without --json stored, from the first --json run of a feed on', async () => {
    const dataDir = scratch.path('mixed');
    const first = scratch.writeJson('mixed1.json', { feeds: [demoFeed('alpha', 6, 10, 5)] });
    // The feed's first --json run: it has no history for the stream yet, and prints what it stores.
    const json = await runCli(scratch, ['sync', '--config', first, '--data-dir', dataDir, '--json']);
    expect(parseLines(json)).toHaveLength(6);
    // Two more events appear; a plain sync stores them without printing.
    const more = scratch.writeJson('mixed2.json', { feeds: [demoFeed('alpha', 8, 10, 5)] });
    const plain = await runCli(scratch, ['sync', '--config', more, '--data-dir', dataDir]);
    expect(plain.lines).toEqual(['alpha: 2 new events, caught up']);
    const later = await runCli(scratch, ['sync', '--config', more, '--data-dir', dataDir, '--json']);
    expect(parseLines(later)).toHaveLength(2);
  });
});
