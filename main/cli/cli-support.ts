// What every command shares: usage errors with exit codes, strict option parsing, output streams, redaction.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { proxyEnvSecrets, scrubSecrets } from '../core/text/server-text.ts';
import { stripUnsafe } from '../core/text/untrusted-text.ts';

export const PROGRAM = 'feedbell';

/** Exit codes (docs/CLI.md). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** An error the CLI reports as one clean line, with the exit code it implies. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, message: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export function usageError(command: string, message: string): CliError {
  return new CliError(EXIT_USAGE, `${command}: ${message} (see "${PROGRAM} ${command} --help")`);
}

/** Where a command writes; the real process in index.ts, and the same shape would serve an in-process test. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves once everything written with `out` so far has left the process (written to the pipe or file). */
  flush(): Promise<void>;
  env: NodeJS.ProcessEnv;
  /** Registers a handler for SIGINT/SIGTERM while a long operation runs; returns the unregister function. */
  onInterrupt(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void;
}

export interface CommandSpec {
  name: string;
  summary: string;
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** True when the arguments ask for help (before a "--" terminator). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** node:util parseArgs in strict mode, with its errors turned into short usage errors naming the option. */
export function parseOptions<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const message = (err as Error).message;
    const quoted = /'([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw usageError(command, `unknown option ${quoted ?? message}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw usageError(command, `unexpected argument ${JSON.stringify(quoted ?? message)}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = quoted?.split(' ')[0] ?? '';
      throw usageError(command, option ? `option ${option} needs a value` : message);
    }
    throw usageError(command, message);
  }
}

/**
 * `text` without control or bidi characters and without any FEEDBELL_SECRET_* value or proxy credential of `env`, in
 * any form a server may have echoed it in (a prefix, base64, URL-encoded, another letter case: see server-text.ts).
 */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv): string {
  const secrets = Object.entries(env)
    .filter(([name]) => name.startsWith('FEEDBELL_SECRET_'))
    .map(([, value]) => value);
  return scrubSecrets(stripUnsafe(text), [...secrets, ...proxyEnvSecrets(env)]);
}

/** `--timeout <seconds>`: the whole of one request, 1 s to 1 h; undefined keeps the default (120 s). */
export function parseTimeout(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || seconds < 1 || seconds > 3600) {
    throw usageError(command, `--timeout must be a number of seconds from 1 to 3600, not ${JSON.stringify(value)}`);
  }
  return Math.round(seconds * 1000);
}

/** "1 new event", "120 new events". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date-time as "2026-01-02 15:04:05" (sortable, unambiguous in a table). */
export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
