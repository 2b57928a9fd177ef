// One row of the event list: unread dot, title and time, service badge, summary and feed.
import type { EventRecord } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { oneLine } from '../../text/remote-text.ts';
import { ProviderBadge } from '../../ui/ProviderBadge.tsx';
import { Highlighted } from './Highlighted.tsx';

export const ROW_HEIGHT = 60;
/** A row shows one line of title and summary (CSS adds the ellipsis); the rest is in the detail pane. */
const ROW_TEXT_MAX = 200;

export function rowId(key: number): string {
  return `event-row-${key}`;
}

interface EventRowProps {
  item: EventRecord;
  index: number;
  active: boolean;
  open: boolean;
  feedName: string;
  search: string;
  onClick(): void;
}

/**
 * The Element Timing API's mark (https://w3c.github.io/element-timing/): the browser reports when a row's title was
 * first painted, which is how `npm run bench` times the window's opening (the attribute is not in React's types).
 */
const PAINT_MARK: Record<string, string> = { elementtiming: 'event-row' };

export function EventRow({ item, index, active, open, feedName, search, onClick }: EventRowProps) {
  const i18n = useI18n();
  const title = oneLine(i18n.text(item.title), ROW_TEXT_MAX);
  const summary = oneLine(i18n.text(item.summary), ROW_TEXT_MAX);
  const feed = oneLine(feedName, ROW_TEXT_MAX);
  const className = ['event-row', item.read ? 'read' : 'unread', active ? 'active' : '', open ? 'open' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={rowId(item.key)}
      role="option"
      aria-selected={open}
      aria-posinset={index + 1}
      aria-setsize={-1}
      className={className}
      data-key={item.key}
      data-feed={item.feedId}
      data-type={item.type}
      data-provider={item.provider}
      data-read={item.read ? 'true' : 'false'}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
      onClick={onClick}
      title={`${title}\n${summary}\n${feed} · ${i18n.dateTime(item.occurredAt)}`}
    >
      <span className="unread-dot" aria-hidden="true" />
      {!item.read && <span className="visually-hidden">{i18n.t.list.unread}: </span>}
      <div className="event-row-main">
        <div className="event-row-top">
          <span className="event-title" dir="auto" {...PAINT_MARK}>
            <Highlighted text={title} search={search} />
          </span>
          <time className="event-time" dateTime={new Date(item.occurredAt).toISOString()}>
            {i18n.shortStamp(item.occurredAt)}
          </time>
        </div>
        <div className="event-row-bottom">
          <ProviderBadge provider={item.provider} compact />
          <span className="event-summary" dir="auto">
            <Highlighted text={summary} search={search} />
          </span>
          <span className="event-feed" dir="auto">
            {feed}
          </span>
        </div>
      </div>
    </div>
  );
}
