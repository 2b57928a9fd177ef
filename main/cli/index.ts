// The headless command line over the same core as the app: `node main/cli/index.ts <command> [options]`.
import { checkCommand } from './commands/check.ts';
import { eventsCommand } from './commands/events.ts';
import { feedsCommand } from './commands/feeds.ts';
import { secretCommand } from './commands/secret.ts';
import { syncCommand } from './commands/sync.ts';
import { todoCommand } from './commands/todo.ts';
import {
  CliError,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  PROGRAM,
  redactSecrets,
  wantsHelp,
  type CliIo,
  type CommandSpec,
} from './cli-support.ts';

const COMMANDS: readonly CommandSpec[] = [syncCommand, eventsCommand, todoCommand, feedsCommand, checkCommand, secretCommand];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Usage: ${PROGRAM} <command> [options]      (from the repository: npm run --silent cli -- <command>)

Feedbell's event feeds without the app: sync them, read the stored event log.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "${PROGRAM} <command> --help" for a command's options. Full reference: docs/CLI.md.
Secrets come from FEEDBELL_SECRET_<FEED ID>, else the OS keychain ("secret set"); FEEDBELL_DEBUG=1 adds stack traces to errors.`;
}

/** Runs one command line; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined) {
      io.err(mainHelp());
      return EXIT_USAGE;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      io.out(topic ? topic.help : mainHelp());
      return EXIT_OK;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command)
      throw new CliError(
        EXIT_USAGE,
        `unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')}; see "${PROGRAM} --help")`,
      );
    if (wantsHelp(rest)) {
      io.out(command.help);
      return EXIT_OK;
    }
    return await command.run(rest, io);
  } catch (err) {
    const debug = io.env['FEEDBELL_DEBUG'] === '1';
    if (err instanceof CliError) {
      io.err(redactSecrets(`${PROGRAM}: ${err.message}`, io.env));
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.err(redactSecrets(`${PROGRAM}: unexpected error: ${message.split('\n')[0]}`, io.env));
    if (debug && err instanceof Error && err.stack) io.err(redactSecrets(err.stack, io.env));
    return EXIT_FAILED;
  }
}

function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    // Writes complete in order: the callback of an empty write runs once every earlier one has been handed over.
    flush: () => new Promise<void>((resolve) => process.stdout.write('', () => resolve())),
    env: process.env,
    onInterrupt(handler) {
      let count = 0;
      const listener = (signal: NodeJS.Signals) => {
        // A second signal means "now": skip the clean stop.
        if (++count > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
        handler(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
      };
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
  };
}

if (import.meta.main) {
  // The reader went away (`| head`): stop quietly instead of dying with an EPIPE stack trace.
  // Stored data is safe: every page is committed in one transaction before it is printed.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  // Let stdout drain (large --json output into a pipe) instead of calling process.exit().
  process.exitCode = await main(process.argv.slice(2), processIo());
}
