// `feedbell secret set|status|delete <feedId>`: a feed's secret in the OS keychain, typed or piped in, never echoed.
import { FEED_ID_PATTERN } from '../../core/feeds/feed-config.ts';
import { secretEnvName } from '../../core/secrets-env.ts';
import { KEYCHAIN_SERVICE, KeychainSecretStore, KeychainUnavailableError, secretAccount } from '../../core/secrets/index.ts';
import {
  CliError,
  EXIT_FAILED,
  EXIT_OK,
  PROGRAM,
  parseOptions,
  usageError,
  type CliIo,
  type CommandSpec,
} from '../cli-support.ts';

const HELP = `Usage: ${PROGRAM} secret set <feedId> [--name <name>]     (the secret on stdin)
       ${PROGRAM} secret status <feedId> [--name <name>]
       ${PROGRAM} secret delete <feedId> [--name <name> | --all]

Keeps a feed's secret (token, API key, auth.sid) in the OS keychain, where the app
and the CLI's sync and check find it: service "${KEYCHAIN_SERVICE}", account "<feedId>", or
"<feedId>:<name>" for a named extra secret (Extern's "apikey").

  set      reads the secret from stdin: typed at a terminal it is not echoed (end with
           Enter); piped in, all of stdin is the secret, less one trailing newline
  status   prints "set (keychain)", "set (env FEEDBELL_SECRET_…)" or "not set"; never the secret
  delete   removes the secret from the keychain; --all removes every secret of the feed

Options:
  --name <name>   a named extra secret of the feed (e.g. apikey) instead of its main one
  --all           delete: the feed's main secret and every named one
  -h, --help      show this help

FEEDBELL_SECRET_<FEED ID>[_<NAME>] in the environment wins over the keychain for sync
and check. On Linux the keychain is the Secret Service (GNOME Keyring or KWallet);
without one the CLI cannot keep a secret: it says what is missing and exits 1.

Exit codes: 0 done (status: the secret is set); 1 not set (status) or the keychain is
unavailable; 2 bad usage or an empty secret.`;

const OPTIONS = {
  name: { type: 'string' },
  all: { type: 'boolean', default: false },
} as const;

const ACTIONS = ['set', 'status', 'delete'] as const;
type Action = (typeof ACTIONS)[number];

function keychainError(err: KeychainUnavailableError, feedId: string, name: string | undefined): CliError {
  return new CliError(
    EXIT_FAILED,
    `secret: the OS keychain is unavailable. ${err.problem.en} ${err.fix.en} Without a keychain the CLI cannot keep a secret; for a headless run set ${secretEnvName(feedId, name)} instead.`,
  );
}

async function run(args: string[], io: CliIo): Promise<number> {
  const [action, feedId, ...rest] = args;
  if (action === undefined || !(ACTIONS as readonly string[]).includes(action)) {
    throw usageError(
      'secret',
      action === undefined ? 'say set, status or delete' : `unknown action "${action}" (set, status or delete)`,
    );
  }
  if (feedId === undefined || feedId.startsWith('-')) throw usageError('secret', `${action} needs a feed id`);
  if (!FEED_ID_PATTERN.test(feedId))
    throw usageError('secret', `"${feedId}" is not a feed id (1-64 letters, digits, ".", "_" or "-")`);
  const options = parseOptions('secret', rest, OPTIONS);
  const name = options.name;
  if (name !== undefined) {
    try {
      secretAccount(feedId, name);
    } catch {
      throw usageError('secret', `"${name}" is not a secret name (letters, digits, ".", "_" or "-")`);
    }
  }
  if (options.all && (action !== 'delete' || name !== undefined))
    throw usageError('secret', '--all goes only with delete, without --name');

  const keychain = new KeychainSecretStore();
  try {
    return await ACTION_RUNNERS[action as Action]({ io, keychain, feedId, name, all: options.all === true });
  } catch (err) {
    if (err instanceof KeychainUnavailableError) throw keychainError(err, feedId, name);
    throw err;
  }
}

interface ActionArgs {
  io: CliIo;
  keychain: KeychainSecretStore;
  feedId: string;
  name: string | undefined;
  all: boolean;
}

const ACTION_RUNNERS: Record<Action, (args: ActionArgs) => Promise<number>> = {
  async set({ io, keychain, feedId, name }) {
    // Fail before asking for the secret when there is nowhere to keep it.
    const status = await keychain.probe();
    if (!status.available) throw new KeychainUnavailableError(status);
    const label = name ? `${feedId} (${name})` : feedId;
    const secret = await readSecret(`Secret for ${label} (typing is not shown, Enter ends): `);
    if (secret === null) throw new CliError(130, 'secret: cancelled; nothing was stored');
    if (secret === '')
      throw new CliError(2, 'secret: the secret is empty; nothing was stored (to remove one, use "secret delete")');
    await keychain.set(feedId, secret, name);
    io.out(`${label}: stored in the keychain`);
    if (io.env[secretEnvName(feedId, name)])
      io.err(`note: ${secretEnvName(feedId, name)} is set in this environment and wins over the keychain`);
    return EXIT_OK;
  },

  async status({ io, keychain, feedId, name }) {
    const envName = secretEnvName(feedId, name);
    const inEnv = Boolean(io.env[envName]);
    let inKeychain: boolean;
    try {
      inKeychain = await keychain.has(feedId, name);
    } catch (err) {
      if (!(err instanceof KeychainUnavailableError) || !inEnv) throw err;
      io.out(`set (env ${envName})`);
      io.err(`note: the OS keychain cannot be read: ${err.problem.en}`);
      return EXIT_OK;
    }
    if (inEnv) io.out(`set (env ${envName}${inKeychain ? ', overrides the keychain' : ''})`);
    else io.out(inKeychain ? 'set (keychain)' : 'not set');
    return inEnv || inKeychain ? EXIT_OK : EXIT_FAILED;
  },

  async delete({ io, keychain, feedId, name, all }) {
    if (all) {
      await keychain.deleteFeed(feedId);
      io.out(`${feedId}: every secret removed from the keychain`);
    } else {
      const had = await keychain.has(feedId, name);
      if (had) await keychain.delete(feedId, name);
      io.out(
        had
          ? `${name ? `${feedId} (${name})` : feedId}: removed from the keychain`
          : 'not set in the keychain: nothing to remove',
      );
    }
    if (io.env[secretEnvName(feedId, name)]) io.err(`note: ${secretEnvName(feedId, name)} is still set in this environment`);
    return EXIT_OK;
  },
};

/**
 * The secret from stdin: at a terminal, typed with echo off until Enter (null when cancelled with Ctrl-C/Ctrl-D);
 * from a pipe, all of it less one trailing newline.
 */
async function readSecret(prompt: string): Promise<string | null> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string | null>((resolve) => {
      let typed = '';
      const finish = (value: string | null) => {
        stdin.off('data', onData);
        resolve(value);
      };
      const onData = (text: string) => {
        for (const char of text) {
          if (char === '\r' || char === '\n') return finish(typed);
          if (char === '\u0003') return finish(null);
          if (char === '\u0004') return finish(typed === '' ? null : typed);
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else if (char >= ' ') typed += char;
        }
      };
      stdin.on('data', onData);
      stdin.resume();
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    process.stderr.write('\n');
  }
}

export const secretCommand: CommandSpec = {
  name: 'secret',
  summary: "set, show the status of, or delete a feed's secret in the OS keychain",
  help: HELP,
  run,
};
