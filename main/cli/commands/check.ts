// `feedbell check`: one authenticated request for one feed, to prove its settings and secret work.
import { FeedbellCore } from '../../core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../core/feeds-repository.ts';
import { cliSecretStore } from '../../core/secrets/index.ts';
import {
  CliError,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  PROGRAM,
  parseOptions,
  parseTimeout,
  redactSecrets,
  type CliIo,
  type CommandSpec,
} from '../cli-support.ts';
import { loadFeedsConfig } from '../config-file.ts';

const HELP = `Usage: ${PROGRAM} check --config <file> --feed <id> [--timeout <seconds>]

Makes one authenticated request to the feed's service and prints "ok", or the
error kind and message (and what to do, when there is a hint). Nothing is stored.

Options:
  --config <file>   the feeds config file (JSON, see docs/CLI.md)   required
  --feed <id>       the feed to check                                required
  --timeout <s>     longest time the request may take, whole (default 120)
  -h, --help        show this help

The secret comes from FEEDBELL_SECRET_<FEED ID>, else from the OS keychain (see "${PROGRAM} sync --help").
Exit codes: 0 ok; 1 the check failed; 2 bad usage or an invalid config file.`;

const OPTIONS = {
  config: { type: 'string' },
  feed: { type: 'string' },
  timeout: { type: 'string' },
} as const;

async function run(args: string[], io: CliIo): Promise<number> {
  const options = parseOptions('check', args, OPTIONS);
  if (options.config === undefined)
    throw new CliError(EXIT_USAGE, `check: --config <file> is required (see "${PROGRAM} check --help")`);
  if (options.feed === undefined)
    throw new CliError(EXIT_USAGE, `check: --feed <id> is required (see "${PROGRAM} check --help")`);
  const feeds = loadFeedsConfig(options.config);
  if (!feeds.some((feed) => feed.id === options.feed)) {
    throw new CliError(
      EXIT_USAGE,
      `check: ${options.config} has no feed "${options.feed}" (feeds: ${feeds.map((f) => f.id).join(', ') || 'none'})`,
    );
  }
  const totalTimeoutMs = parseTimeout('check', options.timeout);
  const core = FeedbellCore.open({
    dataDir: ':memory:',
    feeds: new MemoryFeedsRepository(feeds),
    settings: new MemorySettingsStore(),
    secrets: cliSecretStore(io.env, feeds),
    ...(totalTimeoutMs ? { httpOptions: { totalTimeoutMs } } : {}),
  });
  try {
    const error = await core.polling.check(options.feed);
    if (!error) {
      io.out('ok');
      return EXIT_OK;
    }
    // The core scrubbed the feed's secrets; the environment's (FEEDBELL_SECRET_*, proxy) go here as well.
    io.out(redactSecrets(`${error.kind}: ${error.message}`, io.env));
    if (error.hint) io.out(redactSecrets(`hint: ${error.hint}`, io.env));
    if (error.detail) io.out(redactSecrets(`detail: ${error.detail}`, io.env));
    return EXIT_FAILED;
  } finally {
    await core.stop();
  }
}

export const checkCommand: CommandSpec = {
  name: 'check',
  summary: 'Make one authenticated request for a feed and print ok or the error.',
  help: HELP,
  run,
};
