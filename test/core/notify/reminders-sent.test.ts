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

  it('markAll records many steps in one write, skipping those already sent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-reminders-'));
    dirs.push(dir);
    const store = EventStore.open(join(dir, 'feedbell.db'));
    let writes = 0;
    const sent = store.sideTable((db, write) => new RemindersSent(db, (fn) => (writes++, write(fn))));
    sent.mark('feed-1:doc-0', 'sign:arrived', 1);
    const steps = Array.from({ length: 1000 }, (_, i) => ({ itemId: `feed-1:doc-${i}`, step: 'sign:arrived' }));
    writes = 0;
    sent.markAll(steps, 2);
    // A first pass after an upgrade can mark thousands of steps: one transaction, not a commit each.
    expect(writes).toBe(1);
    expect(steps.every(({ itemId, step }) => sent.has(itemId, step))).toBe(true);
    expect(sent.mark('feed-1:doc-999', 'sign:arrived', 3)).toBe(false);
    store.close();
  });
});
