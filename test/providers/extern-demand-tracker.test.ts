// The pure parts of Kontur.Extern's «Требует действия» tracker: reading a docflow leniently, the civil dates of its
// deadlines, where the docflow is asked for (never off the feed's own API origin), and how single events move a
// demand (/work/notes/research-extern-demands.md).
import { describe, expect, it } from 'vitest';
import type { SubjectState, TrackedEvent } from '../../main/core/actions/action-tracker.ts';
import { externActions, docflowUrl } from '../../main/core/feeds/extern/extern-actions.ts';
import { civilDate, readDocflow } from '../../main/core/feeds/extern/extern-docflow.ts';
import type { DemandData } from '../../main/core/feeds/extern/extern-demand-fold.ts';
import { externSettingsSchema } from '../../main/core/feeds/extern/extern-provider.ts';

const DEMAND = '3f103e06-1c1a-46aa-a84a-05722b006dcb';
const ACCOUNT = 'e531381f-9bc5-4e8b-a7be-f75c4c857078';
const settings = externSettingsSchema.parse({ baseUrl: 'https://extern-api.kontur.ru' });

let key = 0;
function event(over: Record<string, unknown>, at = Date.UTC(2026, 2, 6, 7)): TrackedEvent {
  key++;
  return {
    key,
    feedId: 'f',
    id: `3_${key}`,
    type: 'fns534-demand',
    occurredAt: at,
    link: null,
    payload: {
      id: `3_${key}`,
      inn: '6676130154',
      kpp: '667601001',
      'docflow-type': 'urn:docflow:fns534-demand',
      'docflow-id': DEMAND,
      'account-id': ACCOUNT,
      'new-state': 'urn:transaction:document',
      ...over,
    },
  };
}

function foldAll(events: TrackedEvent[], looked: Record<string, unknown> | null = null): SubjectState | null {
  let state: SubjectState | null = null;
  for (const e of events) state = externActions.fold(state, e, { settings, looked });
  return state;
}

const facts = (over: Record<string, unknown>) => ({ revision: 1, facts: { ...readDocflow({ id: DEMAND, type: 'x' }), ...over } });

describe('civil dates of the service', () => {
  it('takes a date as it is, a zoneless date-time by its date, a zoned one by the day in Moscow', () => {
    expect(civilDate('2026-03-14')).toBe('2026-03-14');
    expect(civilDate('2026-03-14T00:00:00')).toBe('2026-03-14');
    expect(civilDate('2026-03-14T00:00:00.0000000')).toBe('2026-03-14');
    expect(civilDate('2026-03-13T21:00:00Z')).toBe('2026-03-14');
    expect(civilDate('2026-03-14T00:00:00+03:00')).toBe('2026-03-14');
  });
  it('refuses what is no day', () => {
    expect(civilDate('2026-02-30')).toBeNull();
    expect(civilDate('14.03.2026')).toBeNull();
    expect(civilDate('')).toBeNull();
    expect(civilDate(null)).toBeNull();
  });
});

describe('reading a docflow', () => {
  it('takes the earliest deadline of the description and every attachment, and the first number', () => {
    const read = readDocflow({
      id: DEMAND,
      type: 'urn:docflow:fns534-demand',
      status: 'urn:docflow-common-status:received',
      description: { 'receipt-deadline-date': '2026-03-20', 'receipt-status': 'Waiting', 'replies-status': 'NotSent' },
      documents: [
        { description: { type: 'urn:document:fns534-demand' } },
        {
          description: {
            type: 'urn:document:fns534-demand-attachment',
            requisites: {
              'demand-number': '12-34/5',
              'demand-date': '2026-03-05',
              'receipt-deadline-date': '2026-03-18',
              'reply-deadline-date': '2026-03-30',
            },
          },
        },
        {
          description: {
            type: 'urn:document:fns534-demand-attachment',
            requisites: {
              'receipt-deadline-date': '2026-03-19T00:00:00',
              'reply-deadline-date': '2026-03-27',
              'demand-status': 'done',
            },
          },
        },
        'not a document',
      ],
      links: [{ rel: 'web-docflow', href: 'https://setter.kontur.ru/?key=abc' }],
    });
    expect(read).toMatchObject({
      status: 'received',
      receiptStatus: 'waiting',
      repliesStatus: 'not-sent',
      receiptDeadline: '2026-03-18',
      replyDeadline: '2026-03-27',
      demandNumber: '12-34/5',
      demandDate: '2026-03-05',
      allAttachmentsDone: false,
      webLink: 'https://setter.kontur.ru/?key=abc',
    });
  });

  it('tolerates unknown values and wrong types, and offers no web link off Kontur’s https sites', () => {
    for (const href of [
      'http://setter.kontur.ru/x',
      'https://setter.kontur.ru.evil.example/x',
      'https://kontur.ru@evil.example/',
      42,
    ]) {
      const read = readDocflow({
        id: DEMAND,
        status: 7,
        description: { 'receipt-status': 'brand-new-status', 'reply-deadline-date': 12 },
        links: [{ rel: 'web-docflow', href }],
      });
      expect(read).toMatchObject({ status: null, receiptStatus: 'brand-new-status', replyDeadline: null, webLink: null });
    }
  });

  it('says null for what is no docflow at all', () => {
    expect(readDocflow({ 'error-ish': true })).toBeNull();
    expect(readDocflow([1, 2])).toBeNull();
    expect(readDocflow('docflow')).toBeNull();
  });
});

const demandData = (href: string | null, accountId: string | null = ACCOUNT): DemandData => ({
  kind: 'fns',
  docflowId: DEMAND,
  accountId,
  href,
  arrival: '2026-03-06',
  receiptOn: null,
  replies: {},
  seen: ['3_1'],
});

describe('where the docflow is asked for', () => {
  it('follows the event’s docflow-link only on the feed’s own origin', () => {
    const own = `https://extern-api.kontur.ru/v1/${ACCOUNT}/docflows/${DEMAND}`;
    expect(docflowUrl(settings, demandData(own))?.href).toBe(own);
    for (const foreign of [
      `https://evil.example/v1/${ACCOUNT}/docflows/${DEMAND}`,
      `http://extern-api.kontur.ru/v1/${ACCOUNT}/docflows/${DEMAND}`,
      `https://extern-api.kontur.ru:8443/v1/${ACCOUNT}/docflows/${DEMAND}`,
      'not a url',
      null,
    ]) {
      expect(docflowUrl(settings, demandData(foreign))?.href).toBe(own);
    }
  });
  it('builds nothing without an account id or from ids that are not GUIDs', () => {
    expect(docflowUrl(settings, demandData(null, null))).toBeNull();
    expect(docflowUrl(settings, { ...demandData(null), docflowId: '../../events' })).toBeNull();
  });
});

describe('single events', () => {
  it('dates the arrival by the day in Moscow', () => {
    const state = foldAll([event({}, Date.UTC(2026, 2, 5, 22, 30))])!;
    expect(state.title.ru).toBe('Требование ФНС от 06.03.2026');
  });

  it('counts computed terms from the day the authority sent it when the first event seen came later', () => {
    // Feedbell first saw the demand on Thu 12 March; the inspectorate sent it on Fri 6 March.
    const later = [event({ 'new-state': 'urn:transaction:receipt-abonent' }, Date.UTC(2026, 2, 12, 7))];
    expect(foldAll(later)!.deadline).toEqual({ date: '2026-03-20', source: 'computed' });
    expect(foldAll(later, facts({ sentDate: '2026-03-06' }))!.deadline).toEqual({ date: '2026-03-17', source: 'computed' });
    expect(readDocflow({ id: DEMAND, 'send-date': '2026-03-06T09:51:08.4636938' })!.sentDate).toBe('2026-03-06');
  });

  it('takes the извещение о получении for no receipt, and the КоП in every spelling for one', () => {
    expect(foldAll([event({}), event({ 'new-state': 'urn:transaction:receipt-abonent' })])!.step).toBe('receipt');
    for (const state of [
      'urn:transaction:receiption-result-abonent-positive',
      'urn:transaction:reception-result-abonent-positive',
      'urn:transaction:receipt-result-abonent-negative',
      'urn:transaction:fns534-demand-receiption-result-abonent-positive',
      'receiption-result-cu',
    ]) {
      expect(foldAll([event({}), event({ 'new-state': state })])!.step).toBe('reply');
    }
  });

  it('keeps an УО (refusal) at «answer» unless the service says no reply is needed', () => {
    const events = [event({}), event({ 'new-state': 'urn:transaction:receiption-result-abonent-negative' })];
    expect(foldAll(events)!.step).toBe('reply');
    expect(foldAll(events, facts({ repliesStatus: 'not-required' }))!.step).toBeNull();
  });

  it('dates a close the service reported at the latest event, not at the first one the answer is folded with', () => {
    const later = Date.UTC(2026, 2, 12, 7);
    const state = foldAll(
      [event({}), event({ 'new-state': 'urn:transaction:receipt-abonent' }, later)],
      facts({ receiptStatus: 'accepted', repliesStatus: 'accepted' }),
    )!;
    expect(state.step).toBeNull();
    expect(state.closedAt).toBe(later);
  });

  it('closes when every attachment is marked done in Extern', () => {
    expect(foldAll([event({})], facts({ receiptStatus: 'accepted', allAttachmentsDone: true }))!.step).toBeNull();
  });

  it('opens no item for a reply whose demand it never saw, nor for other docflows', () => {
    const reply = event({ 'docflow-type': 'urn:docflow:fns534-inventory', 'docflow-id': ACCOUNT, 'related-docflow-id': DEMAND });
    expect(externActions.subjectOf(reply)).toBe(DEMAND);
    expect(foldAll([reply])).toBeNull();
    const report = event({ 'docflow-type': 'urn:docflow:fns534-report' });
    expect(externActions.subjectOf(report)).toBeNull();
    expect(externActions.subjectOf(event({ 'docflow-type': 'urn:docflow:fns534-inventory' }))).toBeNull();
  });

  it('joins a reply named by a braced upper-case id to its demand', () => {
    const reply = event({ 'docflow-type': 'urn:docflow:fns534-inventory', 'related-docflow-id': `{${DEMAND.toUpperCase()}}` });
    expect(externActions.subjectOf(reply)).toBe(DEMAND);
  });

  it('is the same after folding an event twice (a replay, a lookup folded in again)', () => {
    const a = event({});
    const b = event({ 'new-state': 'urn:transaction:receiption-result-abonent-positive' });
    const once = foldAll([a, b]);
    expect(externActions.fold(once, b, { settings, looked: null })).toEqual(once);
  });

  it('asks the service once per revision of its events, never for a closed demand', () => {
    const open = foldAll([event({})])!;
    expect(externActions.needsLookup!(open, null)).toBe(true);
    expect(externActions.needsLookup!(open, { revision: 1, facts: null })).toBe(false);
    const moved = foldAll([event({}), event({ 'new-state': 'urn:transaction:receipt-abonent' })])!;
    expect(externActions.needsLookup!(moved, { revision: 1, facts: null })).toBe(true);
    const closed = foldAll([event({})], facts({ receiptStatus: 'accepted', repliesStatus: 'accepted' }))!;
    expect(externActions.needsLookup!(closed, null)).toBe(false);
  });

  it('never throws on odd payloads', () => {
    for (const payload of [null, 'x', [], { 'docflow-type': 5 }, { 'docflow-type': 'urn:docflow:fns534-demand' }]) {
      const odd = { ...event({}), payload };
      expect(() => externActions.subjectOf(odd)).not.toThrow();
      expect(() => externActions.fold(null, odd, { settings, looked: null })).not.toThrow();
    }
  });
});
