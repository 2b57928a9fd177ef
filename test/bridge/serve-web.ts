// `npm run web`: the log window in a browser, over the test bridge, with a demo feed polling for real.
// Usage: node test/bridge/serve-web.ts [--data-dir DIR] [--port N] [--rate EVENTS_PER_MINUTE] [--no-demo] [--mocks]
//   --mocks also starts the four service mocks (as `npm run mock` does) and adds a feed for each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFeedsConfig } from '../../main/core/feeds/feed-config.ts';
import { startAllMocks } from '../mocks/serve-mocks.ts';
import { startFeedbellWeb } from './feedbell-web.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    rate: { type: 'string' },
    'no-demo': { type: 'boolean', default: false },
    mocks: { type: 'boolean', default: false },
  },
  strict: true,
});

const tempDir = values['data-dir'] ? null : mkdtempSync(join(tmpdir(), 'feedbell-web-'));
const dataDir = values['data-dir'] ? resolve(values['data-dir']) : tempDir!;
const rate = values.rate === undefined ? undefined : Number(values.rate);
if (rate !== undefined && !(rate > 0)) throw new Error('--rate must be a positive number of events per minute');

const mocks = values.mocks ? await startAllMocks('beginning') : null;
const mockTimer = mocks ? setInterval(() => mocks.addEvents(1), 20_000) : null;
const web = await startFeedbellWeb({
  dataDir,
  ...(mocks ? { feeds: parseFeedsConfig(JSON.stringify(mocks.config), 'mocks'), secrets: mocks.secrets } : {}),
  demo: values['no-demo'] ? false : rate === undefined ? {} : { ratePerMinute: rate },
  ...(values.port === undefined ? {} : { port: Number(values.port) }),
});

console.log(`Feedbell log window: ${web.url}`);
console.log(`Data folder: ${dataDir}${tempDir ? ' (temporary, removed on exit)' : ''}`);
console.log('Press Ctrl+C to stop.');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  try {
    await web.stop();
    if (mockTimer) clearInterval(mockTimer);
    await mocks?.stop();
  } finally {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
