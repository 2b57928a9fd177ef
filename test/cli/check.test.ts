import { afterEach, describe, expect, it } from 'vitest';
import { Scratch, demoFeed, runCli } from './cli-harness.ts';

const scratches: Scratch[] = [];
afterEach(() => {
  for (const s of scratches.splice(0)) s.remove();
});

function newScratch(): Scratch {
  const s = new Scratch();
  scratches.push(s);
  return s;
}

describe('feedbell check', () => {
  it('prints ok and exits 0 when the feed works, storing nothing', async () => {
    const s = newScratch();
    const config = s.writeJson('feeds.json', { feeds: [demoFeed('demo', 5, 1, 0)] });
    const run = await runCli(s, ['check', '--config', config, '--feed', 'demo']);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual(['ok']);
  }, 60_000);

  it('exits 2 naming what is wrong: a missing option, an unknown feed', async () => {
    const s = newScratch();
    const config = s.writeJson('feeds.json', { feeds: [demoFeed('demo', 5, 1, 0)] });
    const missing = await runCli(s, ['check', '--config', config]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--feed <id> is required');
    const unknown = await runCli(s, ['check', '--config', config, '--feed', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no feed "nope" (feeds: demo)');
  }, 60_000);

  it('has help', async () => {
    const run = await runCli(newScratch(), ['check', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: feedbell check --config <file> --feed <id>');
  }, 60_000);
});
