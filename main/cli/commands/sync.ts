// `feedbell sync`: polls every enabled feed of a config file until caught up, stores the events, exits.
import { FeedbellCore } from '../../core/feedbell-core.ts';
import { StorageError } from '../../core/store/storage-error.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../core/feeds-repository.ts';
import type { Logger } from '../../core/ports.ts';
import { cliSecretStore } from '../../core/secrets/index.ts';
import {
  CliError,
  EXIT_FAILED,
  EXIT_OK,
  PROGRAM,
  parseOptions,
  parseTimeout,
  plural,
  redactSecrets,
  type CliIo,
  type CommandSpec,
} from '../cli-support.ts';
import { cannotOpen, databasePath, loadFeedsConfig, resolveDataDir } from '../config-file.ts';
import { deliveryTraceFromEnv, JsonDelivery } from '../json-delivery.ts';

const HELP = `Usage: ${PROGRAM} sync --config <file> [--data-dir <dir>] [--json] [--timeout <seconds>]

Polls every enabled feed in the config file until it is caught up, stores the new
events in the event log, then exits.

Options:
  --config <file>    the feeds config file (JSON, see docs/CLI.md)            required
  --data-dir <dir>   folder of the event log (feedbell.db); default: the app's own
                     data folder, so the CLI and the app share one log
  --json             print each newly stored event as one JSON line on stdout:
                     {"feedId","provider","id","type","occurredAt","title","summary","link","payload"}
                     occurredAt is ISO 8601 UTC; title and summary are {"ru":…,"en":…}
                     Every event stored since the last --json run printed is printed
                     (also what the app or a killed run stored); after a crash, lines
                     of the page in flight may come again: dedupe by feedId + id
  --timeout <s>      longest time one request may take, whole (default 120)
  -h, --help         show this help

A request that fails with 429, a 5xx, a reset or a timeout is tried again, up to
3 times within 60 s (a Retry-After of up to 30 s is waited for; a longer one ends
the feed's sync with a message saying how long the service asked to wait).

A feed's secret (token, API key) comes from the environment variable
FEEDBELL_SECRET_<FEED ID>: the id upper-cased, other characters than A-Z and 0-9 as "_";
without it, from the OS keychain (see "${PROGRAM} secret --help").

Exit codes: 0 every feed synced; 1 a feed failed (one line per feed on stderr:
"<feedId>: <error kind>: <message>") or the event log could not be opened;
2 bad usage or an invalid config file; 130/143 interrupted by SIGINT/SIGTERM.`;

const OPTIONS = {
  config: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  timeout: { type: 'string' },
} as const;

async function run(args: string[], io: CliIo): Promise<number> {
  const options = parseOptions('sync', args, OPTIONS);
  if (options.config === undefined) throw new CliError(2, `sync: --config <file> is required (see "${PROGRAM} sync --help")`);
  const feeds = loadFeedsConfig(options.config);
  const dataDir = resolveDataDir(options['data-dir'], io.env);
  const json = options.json === true;
  const totalTimeoutMs = parseTimeout('sync', options.timeout);

  let core: FeedbellCore;
  try {
    core = FeedbellCore.open({
      dataDir,
      feeds: new MemoryFeedsRepository(feeds),
      settings: new MemorySettingsStore(),
      secrets: cliSecretStore(io.env, feeds),
      log: io.env['FEEDBELL_DEBUG'] === '1' ? stderrLogger(io) : undefined,
      ...(totalTimeoutMs ? { httpOptions: { totalTimeoutMs } } : {}),
    });
  } catch (err) {
    throw cannotOpen(databasePath(dataDir), err);
  }

  let delivery: JsonDelivery | null = null;
  if (json) {
    delivery = new JsonDelivery(
      core.store,
      io,
      feeds.map((feed) => feed.id),
      deliveryTraceFromEnv(io.env),
    );
    // First what an earlier run stored but did not get to print (it was killed), then each page as it is stored.
    for (const feed of feeds) void delivery.deliver(feed.id);
    core.setPushSink({
      send(channel, payload) {
        if (channel === 'events:added') delivery!.stored((payload as { feedId: string }).feedId);
      },
    });
  }

  let interrupted: 'SIGINT' | 'SIGTERM' | null = null;
  let stopping: Promise<void> | null = null;
  // Whatever stops the run, the lines of what was stored go out before the log closes.
  const stop = () => (stopping ??= core.stop({ beforeClose: async () => delivery?.settled() }));
  const unregister = io.onInterrupt((signal) => {
    interrupted ??= signal;
    void stop();
  });

  const enabled = feeds.filter((feed) => feed.enabled);
  let failed = 0;
  try {
    const results = await core.polling.syncAllOnce();
    // Every stored line is out (and marked delivered) before the run reports and ends. A full disk may refuse the
    // mark after the lines went out: they are printed again by the next run, and this one fails with a storage line.
    let unmarked: StorageError | null = null;
    await delivery?.settled().catch((err: unknown) => {
      if (!(err instanceof StorageError)) throw err;
      unmarked = err;
    });
    if (interrupted) return interruptedExit(io, interrupted, stop);
    if (enabled.length === 0) io.err('No enabled feeds in the config file: nothing to sync.');
    for (const feed of enabled) {
      const result = results.get(feed.id);
      if (!result) continue;
      if (result.error) {
        failed++;
        io.err(redactSecrets(`${feed.id}: ${result.error.kind}: ${result.error.message}`, io.env));
        continue;
      }
      if (!json) {
        const state = result.caughtUp ? 'caught up' : 'not caught up yet';
        io.out(`${feed.id}: ${plural(result.inserted, 'new event', 'new events')}, ${state}`);
      }
    }
    if (unmarked !== null && failed === 0) {
      failed++;
      io.err(redactSecrets(`sync: storage: ${(unmarked as StorageError).message}`, io.env));
    }
  } catch (err) {
    // Stopping closes the store under a sync in flight; that failure is the interruption, not a bug.
    if (interrupted) return interruptedExit(io, interrupted, stop);
    throw err;
  } finally {
    unregister();
  }
  await stop();
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
}

async function interruptedExit(io: CliIo, signal: 'SIGINT' | 'SIGTERM', stop: () => Promise<void>): Promise<number> {
  await stop();
  io.err(`Interrupted (${signal}): stopped cleanly; events stored so far are kept.`);
  return signal === 'SIGINT' ? 130 : 143;
}

function stderrLogger(io: CliIo): Logger {
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    io.err(redactSecrets(JSON.stringify({ level, message, ...fields }), io.env));
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

export const syncCommand: CommandSpec = {
  name: 'sync',
  summary: 'poll every enabled feed until caught up, then exit',
  help: HELP,
  run,
};
