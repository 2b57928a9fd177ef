// A feed's (or all feeds') unread count, read out in words.
import { useI18n } from '../../i18n/I18nContext.ts';

export function UnreadBadge({ count, testId }: { count: number; testId: string }) {
  const i18n = useI18n();
  return (
    <span
      className={`unread-badge${count === 0 ? ' zero' : ''}`}
      data-testid={testId}
      data-count={count}
      title={i18n.t.common.unreadCount(count)}
    >
      <span aria-hidden="true">{i18n.number(count)}</span>
      <span className="visually-hidden">{i18n.t.common.unreadCount(count)}</span>
    </span>
  );
}
