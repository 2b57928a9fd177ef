// `feedbell todo` end to end: a real child process syncs the demo feed, then lists «Требует действия» as text and
// as JSON (the same ActionList the window gets).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionList } from '../../preload/contract.ts';
import { Scratch, demoFeed, runCli } from './cli-harness.ts';

let scratch: Scratch;
let config: string;
let dataDir: string;

beforeAll(async () => {
  scratch = new Scratch();
  dataDir = scratch.path('data');
  // 300 events a minute apart: three cycles of the demo's demands and documents.
  config = scratch.writeJson('feeds.json', { feeds: [demoFeed('demo', 300, 1, 1, { name: 'Демо' })] });
  const sync = await runCli(scratch, ['sync', '--config', config, '--data-dir', dataDir]);
  expect(sync.code, sync.stderr).toBe(0);
}, 60_000);

afterAll(() => scratch.remove());

describe('feedbell todo', () => {
  it('--json prints the ActionList: open items, the nearest deadline first', async () => {
    const run = await runCli(scratch, ['todo', '--config', config, '--data-dir', dataDir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines).toHaveLength(1);
    const list = JSON.parse(run.lines[0]!) as ActionList;
    expect(list.items.length).toBeGreaterThan(1);
    expect(list.items.every((item) => item.state === 'open' && item.feedName === 'Демо')).toBe(true);
    const dated = list.items.filter((item) => item.deadline).map((item) => item.deadline!.date);
    expect(dated).toEqual(dated.toSorted());
    expect(new Set(list.items.map((item) => item.step))).toEqual(new Set(['receipt', 'reply', 'sign']));
    const all = JSON.parse(
      (await runCli(scratch, ['todo', '--config', config, '--data-dir', dataDir, '--json', '--all'])).lines[0]!,
    );
    expect((all as ActionList).items.length).toBeGreaterThan(list.items.length);
  });

  it('prints the items in Russian, and in English with --lang en', async () => {
    const run = await runCli(scratch, ['todo', '--config', config, '--data-dir', dataDir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines[0]).toMatch(/^Требует действия: \d+$/);
    expect(run.stdout).toContain('Отправить квитанцию о приёме: Требование ФНС № ');
    expect(run.stdout).toMatch(/до \d+ [а-я.]+, остал(ось|ся) \d+ рабоч(ий день|их дня|их дней)/);
    expect(run.stdout).toMatch(
      /Подписать или отказать: УПД № \d+ от [\d.]+ · .+\n {4}ждёт подписи (\d+ д(ень|ня|ней)|с сегодняшнего дня)/,
    );
    const en = await runCli(scratch, ['todo', '--config', config, '--data-dir', dataDir, '--lang', 'en']);
    expect(en.lines[0]).toMatch(/^Needs your action: \d+$/);
    expect(en.stdout).toMatch(/Send the receipt: Tax demand No\. \d+/);
  });

  it('refuses a missing config and a data folder without a log', async () => {
    expect((await runCli(scratch, ['todo', '--data-dir', dataDir])).code).toBe(2);
    const none = await runCli(scratch, ['todo', '--config', config, '--data-dir', scratch.path('nothing')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('feedbell sync');
  });
});
