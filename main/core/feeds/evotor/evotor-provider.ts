// Evotor Cloud app events (Publisher API): time-window paging with a clock-skew overlap, or an NDJSON stream.
import { FeedError, type LocalizedText, type NormalizedEvent, type StartPosition } from '../../model.ts';
import type { FeedPage, Provider, StartPoint } from '../provider.ts';
import {
  SERVICE,
  cursorUrl,
  eventsUrl,
  get,
  isCursorRejection,
  parseJson,
  readEvent,
  readPage,
  describeIssue,
  responseError,
  streamHeaders,
  typeFilter,
  windowUrl,
  type Ctx,
} from './evotor-api.ts';
import { afterRejection, syncRunState } from './evotor-sync-run.ts';
import {
  decodeCursor,
  encodeCursor,
  evotorEventSchema,
  evotorPageSchema,
  evotorSettingsSchema,
  overlapMs,
  parseTimestamp,
  windowSince,
  type EvotorCursor,
  type EvotorEvent,
  type EvotorSettings,
} from './evotor-schema.ts';
import { startCursor } from './evotor-start.ts';
import { describeEvotorEvent, typeKey } from './evotor-texts.ts';

export { evotorSettingsSchema, type EvotorEvent, type EvotorSettings };

/** The stored type: the guide's "MarketplacePurchase" and the settings' "marketplace.purchase" are one type. */
function storedType(type: string): string {
  const key = typeKey(type);
  if (key === 'marketplacepurchase') return 'marketplace.purchase';
  if (key === 'productgroup') return 'product-group';
  return type || 'unknown';
}

/** The window in `c` lost its paging cursor: an empty page whose cursor reads again by time (see afterRejection). */
function recoverFromRejectedCursor(ctx: Ctx, c: EvotorCursor, rejection: FeedError): FeedPage<EvotorEvent> {
  const state = syncRunState(ctx);
  const { cursor, giveUp } = afterRejection(state, c, overlapMs(ctx.settings.skewMinutes));
  ctx.log.info('evotor: paging cursor rejected, reading the window again by time', {
    feedId: ctx.feedId,
    since: cursor.win,
    stalls: state.stalls,
    detail: rejection.detail,
  });
  if (giveUp) {
    // Stored first, so that the next sync starts from this clean cursor; the run ends at its next page.
    state.pending = new FeedError(
      'protocol',
      `${SERVICE} keeps rejecting its own paging cursor and the window does not move: ${rejection.message}`,
      rejection.detail ? { detail: rejection.detail } : {},
    );
  }
  return { events: [], cursor: encodeCursor(cursor), more: true };
}

export const evotorProvider: Provider<EvotorSettings, EvotorEvent> = {
  settingsSchema: evotorSettingsSchema,
  needsSecret: true,

  async start(ctx: Ctx, position: StartPosition): Promise<StartPoint> {
    return { cursor: encodeCursor(await startCursor(ctx, position)), skipBefore: null };
  },

  async fetchPage(ctx: Ctx, cursorText: string | null): Promise<FeedPage<EvotorEvent>> {
    const s = ctx.settings;
    const run = syncRunState(ctx);
    if (run.pending) throw run.pending;
    let note: LocalizedText | undefined;
    let c = decodeCursor(cursorText);
    if (c === null) {
      if (cursorText === null) c = { from: 0, last: null };
      else {
        // Not a cursor this version wrote: read from the server's now rather than replay or stop.
        c = await startCursor(ctx, { kind: 'now' });
        note = {
          ru: 'Сохранённую позицию ленты Эвотора не удалось прочитать: лента продолжена с текущего момента — возможен пропуск событий.',
          en: 'The stored Evotor position could not be read; reading from now: events before may be missing.',
        };
      }
    }
    const continuing = c.next !== undefined;
    // A window in progress keeps its own `since`; a re-read after a lost cursor sets `win` without `next`.
    const since = c.win ?? windowSince(c, overlapMs(s.skewMinutes));
    const res = await get(ctx, continuing ? cursorUrl(s, c.next!) : windowUrl(s, since));
    if (continuing && isCursorRejection(res.status)) {
      const page = recoverFromRejectedCursor(ctx, c, responseError(ctx, res));
      return note ? { ...page, note } : page;
    }
    if (res.status !== 200) throw responseError(ctx, res);
    if (continuing) run.accepted = true;
    else run.openedWindow = true;

    const page = readPage(res);
    const wanted = typeFilter(s);
    const events: EvotorEvent[] = [];
    let last = c.last;
    let top = continuing ? (c.top ?? null) : null;
    let seen = continuing ? (c.seen ?? 0) : 0;
    let unordered = continuing && c.unordered === true;
    // Every event moves the position, also those of types the feed does not keep.
    for (const { event, at } of page.events) {
      if (top !== null && at < top) unordered = true;
      top = top === null ? at : Math.max(top, at);
      last = last === null ? at : Math.max(last, at);
      seen++;
      if (wanted(event.type)) events.push(event);
    }

    // A cursor handed back unchanged with nothing in the page would have us ask for ever.
    const paging = page.next !== null && !(continuing && page.next === c.next && page.events.length === 0);
    const cursor: EvotorCursor = paging
      ? {
          from: c.from,
          last,
          next: page.next!,
          win: since,
          ...(top !== null ? { top } : {}),
          seen,
          ...(unordered ? { unordered: true as const } : {}),
        }
      : { from: c.from, last };
    // The end of a window an earlier run opened is not the end of the feed: a fresh window follows.
    const more = paging || !run.openedWindow;
    return { events, cursor: encodeCursor(cursor), more, ...(note ? { note } : {}) };
  },

  normalize(raw: EvotorEvent): NormalizedEvent {
    const type = typeof raw.type === 'string' ? raw.type : 'unknown';
    const texts = describeEvotorEvent(type, typeof raw.action === 'string' ? raw.action : null, raw.payload);
    return {
      id: String(raw.id),
      type: storedType(type),
      occurredAt: parseTimestamp(raw.timestamp) ?? 0,
      title: texts.title,
      summary: texts.summary,
      // Evotor has no web page per app event.
      link: null,
      payload: raw,
    };
  },

  async stream(ctx: Ctx, cursorText: string | null, onPage: (page: FeedPage<EvotorEvent>) => Promise<void>): Promise<void> {
    const s = ctx.settings;
    const stored = decodeCursor(cursorText) ?? (await startCursor(ctx, { kind: 'now' }));
    const c: EvotorCursor = { from: stored.from, last: stored.last };
    const wanted = typeFilter(s);
    const stream = await ctx.http.open({
      url: windowUrl(s, windowSince(c, overlapMs(s.skewMinutes))),
      headers: streamHeaders(ctx),
      signal: ctx.signal,
    });
    const contentType = stream.headers['content-type'] ?? '';
    const ordinaryPage = /json/i.test(contentType) && !/stream|ndjson|x-json-stream/i.test(contentType);
    if (stream.status !== 200 || ordinaryPage) {
      // Read the (small) body rather than close it unread: closing an unread body raises an uncaught AbortError.
      let text = '';
      try {
        const decoder = new TextDecoder();
        for await (const chunk of stream.body) {
          text += decoder.decode(chunk, { stream: true });
          if (text.length > 65_536) break;
        }
      } finally {
        stream.close();
      }
      if (stream.status !== 200) throw responseError(ctx, { status: stream.status, headers: stream.headers, text });
      // An ordinary page instead of a stream: this host does not stream (UNCONFIRMED for api.evotor.ru).
      throw new FeedError(
        'config',
        `${SERVICE} answered the stream request with an ordinary page: this address does not stream`,
        {
          hint: 'Set the feed\'s mode to "poll", or point baseUrl/pathStyle at a host that streams (the reference\'s /apps/… form)',
        },
      );
    }

    const timeoutMs = Math.round(s.pingTimeoutSec * 1000);
    let silent = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        silent = true;
        stream.close();
      }, timeoutMs);
    };
    const decoder = new TextDecoder('utf-8');
    let buffer = '';
    const deliver = async (lines: string[]) => {
      const events: EvotorEvent[] = [];
      let read = 0;
      for (const line of lines) {
        const text = line.trim();
        if (text === '') continue;
        arm();
        const got = readEvent(parseJson(text, 'a stream line'), 'stream line');
        if (!got) continue;
        read++;
        c.last = c.last === null ? got.at : Math.max(c.last, got.at);
        if (wanted(got.event.type)) events.push(got.event);
      }
      // Events of other types move the position too.
      if (read > 0) await onPage({ events, cursor: encodeCursor(c), more: false });
    };
    arm();
    try {
      for await (const chunk of stream.body) {
        // Lines arrive split anywhere, even inside a UTF-8 character: decode in stream mode, cut at newlines.
        buffer += decoder.decode(chunk, { stream: true });
        const end = buffer.lastIndexOf('\n');
        if (end < 0) continue;
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 1);
        await deliver(lines);
        if (silent) break;
      }
    } catch (err) {
      if (!silent) throw err;
    } finally {
      clearTimeout(timer);
      stream.close();
    }
    if (silent) {
      throw new FeedError(
        'network',
        `${SERVICE}'s event stream sent nothing for ${s.pingTimeoutSec} s, not even a ping; reconnecting`,
      );
    }
    // The server closed the stream: a last line without a newline is complete only if it parses.
    buffer += decoder.decode();
    if (buffer.trim() !== '') {
      try {
        await deliver([buffer]);
      } catch (err) {
        if (!(err instanceof FeedError && err.kind === 'protocol')) throw err;
      }
    }
  },

  async check(ctx: Ctx): Promise<void> {
    // Our clock only picks a small window to ask for: nothing is stored from it.
    const res = await get(ctx, windowUrl(ctx.settings, ctx.now()));
    if (res.status !== 200) throw responseError(ctx, res);
    const page = evotorPageSchema.safeParse(parseJson(res.text, 'a page of events'));
    if (!page.success)
      throw new FeedError('protocol', `${SERVICE} sent a page of events in an unexpected shape (${describeIssue(page.error)})`);
  },
};

/** One event by id for the detail pane (GET …/apps/{appId}/events/{eventId}); null when Evotor does not know it. */
export async function getEvotorEvent(ctx: Ctx, eventId: string): Promise<EvotorEvent | null> {
  const res = await get(ctx, `${eventsUrl(ctx.settings)}/${encodeURIComponent(eventId)}`);
  if (res.status === 404) return null;
  if (res.status !== 200) throw responseError(ctx, res);
  const parsed = evotorEventSchema.safeParse(parseJson(res.text, 'an event'));
  if (!parsed.success)
    throw new FeedError('protocol', `${SERVICE} sent an event in an unexpected shape (${describeIssue(parsed.error)})`);
  return parsed.data;
}
