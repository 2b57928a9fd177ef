// Diadoc's documents awaiting signature in «Требует действия», under the mock, with each reading of where the wait is
// said (RecipientResponseStatus in DocumentInfo, or only NeedRecipientSignature): the full sync, the steady state (one
// new event per poll), a restart, the per-feed overdue limit, and every way the wait ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isoDateOf, shiftDays } from '../../main/core/calendar/working-days.ts';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import { parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import { NO_RETRY } from '../support/retry.ts';
import { DiadocMock, startDiadocMock } from '../mocks/diadoc-mock.ts';
import { FakeClock } from '../support/fake-clock.ts';

const FEED = 'box';
const cores: FeedbellCore[] = [];
const mocks: DiadocMock[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop().catch(() => {});
  for (const mock of mocks.splice(0)) await mock.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The box's history: ordinary events (the mock's own patches sign or refuse some inbound documents) and two waits. */
async function box(reading: 'field' | 'flag-only') {
  const mock = await startDiadocMock({ events: 0 });
  mocks.push(mock);
  mock.recipientStatus = reading;
  const waiting = mock.awaitSignature();
  const packet = mock.awaitSignature(2);
  const signed = mock.awaitSignature();
  mock.answer(signed, 'signed');
  return { mock, waiting, packet, signed };
}

function openCore(mock: DiadocMock, dataDir = ':memory:', settings: Record<string, unknown> = {}) {
  const feed = parseFeedConfig(
    { id: FEED, provider: 'diadoc', start: 'beginning', settings: { boxId: mock.boxId, baseUrl: mock.url, ...settings } },
    'test',
  );
  const core = FeedbellCore.open({
    dataDir,
    feeds: new MemoryFeedsRepository([feed]),
    settings: new MemorySettingsStore(),
    secrets: { get: async (_id, name) => (name ? null : mock.token) },
    // Ten days after the mock's live events (stamped with the real clock).
    clock: new FakeClock(Date.now() + 10 * 86_400_000),
    retryPolicy: NO_RETRY,
  });
  cores.push(core);
  return core;
}

async function sync(core: FeedbellCore) {
  expect((await core.polling.syncAllOnce()).get(FEED)).toMatchObject({ error: null });
  await core.actions.settled();
}

describe.each(['field', 'flag-only'] as const)('Diadoc documents to sign (%s)', (reading) => {
  it('full sync: one item per waiting message, with its age, counterparty and link; signed ones closed', async () => {
    const { mock, waiting, packet } = await box(reading);
    const core = openCore(mock);
    await sync(core);
    const items = core.actions.list().items;
    expect(items).toHaveLength(2);
    expect(items.every((item) => item.step === 'sign' && item.deadline === null && !item.overdue)).toBe(true);
    expect(items.map((item) => item.action.ru)).toEqual(['Подписать или отказать', 'Подписать или отказать']);
    expect(items[0]!.arrivedAt).toBe(DiadocMock.ms(waiting));
    expect(items[0]!.title.ru).toMatch(/^УПД № \d+ от \d\d\.\d\d\.2026$/);
    expect(items[1]!.title.ru).toMatch(/^УПД № \d+ от .+ и ещё 1$/);
    expect(items[0]!.organisation).toBe('АО «Вектор»');
    const messageId = (waiting.body['Message'] as { MessageId: string }).MessageId;
    expect(items[0]!.link).toContain(`letterId=${messageId}`);
    expect(items[0]!.link).toMatch(/^https:\/\/diadoc\.kontur\.ru\//);
    expect(core.actions.list({ includeClosed: true }).items.filter((item) => item.state === 'closed')).toHaveLength(1);
    void packet;
  });

  it('steady state: one new event per poll closes items one by one, however the wait ends', async () => {
    const { mock, waiting, packet } = await box(reading);
    const core = openCore(mock);
    await sync(core);
    const open = () => core.actions.list().items.map((item) => item.title.ru);
    expect(open()).toHaveLength(2);
    // Refusing one document of the packet leaves it open for the other.
    mock.answer(packet, 'refused', 0);
    await sync(core);
    expect(open()).toHaveLength(2);
    expect(open()[1]).not.toMatch(/и ещё/);
    mock.answer(packet, 'deleted', 1);
    await sync(core);
    expect(open()).toHaveLength(1);
    mock.answer(waiting, 'revoked');
    await sync(core);
    expect(open()).toEqual([]);
    expect(core.actions.counts()).toEqual({ open: 0, urgent: 0, overdue: 0 });
  });

  it('a deleted message closes its item; a restart gives the same items; a limit in days makes one overdue', async () => {
    const { mock, waiting } = await box(reading);
    const dir = mkdtempSync(join(tmpdir(), 'feedbell-diadoc-actions-'));
    dirs.push(dir);
    const core = openCore(mock, dir);
    await sync(core);
    const before = core.actions.list({ includeClosed: true });
    await core.stop();
    cores.splice(cores.indexOf(core), 1);
    // Reopened with a limit of 5 days: the clock says ten days after they arrived.
    const again = openCore(mock, dir, { overdueAfterDays: 5 });
    await again.actions.catchUp();
    const after = again.actions.list({ includeClosed: true });
    expect(after.items.map((item) => item.id)).toEqual(before.items.map((item) => item.id));
    expect(after.items.filter((item) => item.overdue)).toHaveLength(2);
    expect(after.items[0]!.deadline).toEqual({ date: shiftDays(isoDateOf(DiadocMock.ms(waiting)), 5), source: 'computed' });
    mock.answer(waiting, 'message-deleted');
    await sync(again);
    expect(again.actions.list().items).toHaveLength(1);
  });
});

describe('Diadoc documents to sign: what is not an item', () => {
  it('outbound documents, and the mock’s ordinary history under the status reading, open none by mistake', async () => {
    const mock = await startDiadocMock({ events: 60 });
    mocks.push(mock);
    const core = openCore(mock, ':memory:', { limit: 20 });
    await sync(core);
    const inboundWaiting = mock.events.filter((e) => e.kind === 'message' && e.direction === 'Inbound').length;
    const items = core.actions.list({ includeClosed: true }).items;
    // The mock's own messages say only NeedRecipientSignature (the flag reading): each inbound one is a wait.
    expect(items.length).toBe(inboundWaiting);
    expect(items.every((item) => item.provider === 'diadoc')).toBe(true);
  });
});
