// At start-up a damaged event log is reported in a dialog; the user may move it aside (then a new log starts) or quit.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWithDamagedLogDialog } from '../../main/platform/damaged-log-dialog.ts';
import { EventStore } from '../../main/core/store/event-store.ts';
import { silentLogger } from '../../main/core/ports.ts';
import * as stub from '../stubs/electron.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  stub.dialog.answer = 0;
});

function damagedLog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'feedbell-damaged-'));
  dirs.push(dir);
  const file = join(dir, 'feedbell.db');
  writeFileSync(file, 'not a log at all'.repeat(200));
  return file;
}

describe('a damaged event log at start-up', () => {
  it('says so in Russian and, with consent, moves the file aside and opens a new log', () => {
    stub.resetElectronStub();
    const file = damagedLog();
    stub.dialog.answer = 0;
    const store = openWithDamagedLogDialog(() => EventStore.open(file), {
      language: 'ru',
      log: silentLogger,
      now: () => new Date(2026, 11, 1, 9, 0, 0).getTime(),
    });
    expect(store).not.toBeNull();
    expect(store!.count()).toBe(0);
    store!.close();
    const shown = stub.calls.find((c) => c[0] === 'dialog.showMessageBoxSync')![1] as {
      message: string;
      detail: string;
      buttons: string[];
      defaultId: number;
    };
    expect(shown.message).toBe('Журнал событий Feedbell повреждён');
    expect(shown.detail).toContain(file);
    expect(shown.buttons).toEqual(['Отложить файл и начать новый журнал', 'Выйти']);
    expect(shown.defaultId).toBe(1); // the safe choice is the default
    const kept = join(file, '..', 'feedbell.damaged-20261201-090000.db');
    expect(readFileSync(kept, 'utf8')).toBe('not a log at all'.repeat(200));
  });

  it("quits without touching the file when the user says so; other failures are not this dialog's business", () => {
    stub.resetElectronStub();
    const file = damagedLog();
    stub.dialog.answer = 1;
    expect(openWithDamagedLogDialog(() => EventStore.open(file), { language: 'en', log: silentLogger })).toBeNull();
    expect(readdirSync(join(file, '..'))).toEqual(['feedbell.db']);
    expect(existsSync(file)).toBe(true);
    expect(() =>
      openWithDamagedLogDialog(
        () => {
          throw new Error('boom');
        },
        { language: 'en', log: silentLogger },
      ),
    ).toThrow('boom');
  });
});
