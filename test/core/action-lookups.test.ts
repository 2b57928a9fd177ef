// The queue's lookups: asked with the feed's own context after a page is stored, never holding up the feed, and
// asked again after a later run when the service did not answer; the answer is kept and folded into the item.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionTracker, SubjectState } from '../../main/core/actions/action-tracker.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { demoModule } from '../../main/core/feeds/demo/index.ts';
import { ProviderRegistry } from '../../main/core/feeds/registry.ts';
import { FeedError } from '../../main/core/model.ts';
import { FakeClock, until } from '../support/fake-clock.ts';

const cores: FeedbellCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
});

function lookingTracker(answers: (() => Record<string, unknown>)[]) {
  const asked: { feedId: string; subject: string; hasHttp: boolean }[] = [];
  const base = demoModule.actions!;
  const tracker: ActionTracker = {
    subjectOf: (event) => base.subjectOf(event),
    fold(state, event, context) {
      const next = base.fold(state, event, context);
      const given = context.looked?.['receipt-deadline-date'];
      if (!next || typeof given !== 'string' || next.step !== 'receipt') return next;
      return { ...next, deadline: { date: given, source: 'service' } } satisfies SubjectState;
    },
    async lookup(context, state) {
      asked.push({ feedId: context.feedId, subject: state.subject, hasHttp: typeof context.http.send === 'function' });
      const answer = answers.shift();
      if (!answer) throw new FeedError('network', 'no answer');
      return answer();
    },
    needsLookup: (state, looked) => state.step === 'receipt' && looked === null,
  };
  return { tracker, asked };
}

describe('ActionService lookups', () => {
  it('asks after the first sync, asks again after a later run when it failed, and folds the answer in', async () => {
    const answers: (() => Record<string, unknown>)[] = [
      () => {
        throw new FeedError('network', 'down');
      },
    ];
    const { tracker, asked } = lookingTracker(answers);
    const providers = new ProviderRegistry({ demo: { ...demoModule, actions: tracker } });
    const clock = new FakeClock(Date.UTC(2026, 11, 1, 6, 0));
    const core = FeedbellCore.open({
      dataDir: ':memory:',
      feeds: new MemoryFeedsRepository(),
      settings: new MemorySettingsStore(),
      secrets: { get: async () => null },
      clock,
      providers,
    });
    cores.push(core);
    core.start();
    core.feeds.addSample({ ratePerMinute: 2, historyHours: 6 });
    await until(() => core.polling.status('demo')!.phase === 'ok', 'first sync');
    await core.actions.settled();
    const receipts = () => core.actions.list().items.filter((item) => item.step === 'receipt');
    expect(receipts().length).toBeGreaterThan(0);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((a) => a.feedId === 'demo' && a.hasHttp)).toBe(true);
    // Nobody answered: the deadlines stay as the events gave them.
    expect(receipts().some((item) => item.deadline?.date === '2026-12-25')).toBe(false);

    const before = asked.length;
    for (let i = 0; i < 20; i++) answers.push(() => ({ 'receipt-deadline-date': '2026-12-25' }));
    core.polling.syncNow('demo');
    await until(() => asked.length > before, 'asked again after the run');
    await core.actions.settled();
    expect(receipts().every((item) => item.deadline?.date === '2026-12-25')).toBe(true);
    expect(receipts().every((item) => item.deadline?.source === 'service')).toBe(true);
    // Answered subjects are not asked about again.
    const answered = asked.length;
    core.polling.syncNow('demo');
    await until(() => core.polling.status('demo')!.phase === 'ok', 'another run');
    await core.actions.settled();
    expect(asked.length).toBe(answered);
  });
});
