// The reminders_sent table through the store's connection: a step is recorded once, and stays recorded after reopening.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RemindersSent } from '../../../main/core/notify/reminders-sent.ts';
import { EventStore } from '../../../main/core/store/event-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('RemindersSent', () => {
  it('records each (item, step) once and remembers it after the store is reopened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-reminders-'));
    dirs.push(dir);
    const file = join(dir, 'feedbell.db');
    const store = EventStore.open(file);
    const sent = store.sideTable((db, write) => new RemindersSent(db, write));
    expect(sent.has('feed-1:doc', 'receipt:soon')).toBe(false);
    expect(sent.mark('feed-1:doc', 'receipt:soon', 1)).toBe(true);
    expect(sent.mark('feed-1:doc', 'receipt:soon', 2)).toBe(false);
    expect(sent.has('feed-1:doc', 'receipt:due')).toBe(false);
    store.close();

    const reopened = EventStore.open(file);
    const again = reopened.sideTable((db, write) => new RemindersSent(db, write));
    expect(again.has('feed-1:doc', 'receipt:soon')).toBe(true);
    expect(again.mark('feed-1:doc', 'receipt:soon', 3)).toBe(false);
    reopened.close();
  });
});
