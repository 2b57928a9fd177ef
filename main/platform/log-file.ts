// A Logger writing one JSON object per line to a rotating file (rotate at ~1 MB, keep 3 old files); takes the folder, not electron.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/ports.ts';

export interface RotatingFileLoggerOptions {
  dir: string;
  /** Base file name; old files get .1, .2, .3. */
  name?: string;
  maxBytes?: number;
  keep?: number;
  /** Also echo to stderr (development). */
  echo?: boolean;
  now?: () => number;
}

type Level = 'info' | 'warn' | 'error';

const MAX_FIELD_CHARS = 2000;

/** Makes fields JSON-safe and bounded: errors become their message, long strings are cut. */
function sanitize(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'string') return value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}…` : value;
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[function]' : value;
  if (depth >= 4) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => sanitize(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value).slice(0, 50)) out[k] = sanitize(v, depth + 1);
  return out;
}

export class RotatingFileLogger implements Logger {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private size: number;
  private readonly options: RotatingFileLoggerOptions;

  constructor(options: RotatingFileLoggerOptions) {
    this.options = options;
    mkdirSync(options.dir, { recursive: true });
    this.file = join(options.dir, options.name ?? 'feedbell.log');
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 3;
    this.size = existsSync(this.file) ? statSync(this.file).size : 0;
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.write('info', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('warn', message, fields);
  }

  error(message: string, fields?: Record<string, unknown>): void {
    this.write('error', message, fields);
  }

  private write(level: Level, message: string, fields?: Record<string, unknown>): void {
    const time = new Date(this.options.now?.() ?? Date.now()).toISOString();
    const record = { time, level, msg: message, ...(fields ? (sanitize(fields) as Record<string, unknown>) : {}) };
    let line: string;
    try {
      line = `${JSON.stringify(record)}\n`;
    } catch {
      line = `${JSON.stringify({ time, level, msg: message, note: 'fields not serializable' })}\n`;
    }
    if (this.options.echo) process.stderr.write(line);
    try {
      const bytes = Buffer.byteLength(line);
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.file, line);
      this.size += bytes;
    } catch {
      // Logging must never take the app down (disk full, folder removed).
    }
  }

  private rotate(): void {
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      if (existsSync(`${this.file}.${i}`)) renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    }
    if (existsSync(this.file)) renameSync(this.file, `${this.file}.1`);
    this.size = 0;
  }
}
