// The list head's "mark read" over what the search and filters match: says how many, is disabled when none is
// unread, and offers «Отменить» for a few seconds afterwards.
import { useI18n } from '../../i18n/I18nContext.ts';
import { CheckAllIcon } from '../../ui/Icons.tsx';
import type { MatchCount } from './useMatchCount.ts';
import type { MarkMatching } from './useMarkMatching.ts';

export function MarkReadButton({ counts, filtered, marking }: { counts: MatchCount; filtered: boolean; marking: MarkMatching }) {
  const i18n = useI18n();
  const unread = counts.stale ? null : counts.unread;
  const n = unread?.count ?? 0;
  const label =
    unread === null || n === 0
      ? i18n.t.list.markAllRead
      : (filtered ? i18n.t.list.markFound : i18n.t.list.markAll)(n, unread.atLeast);
  return (
    <button
      type="button"
      className="small-button"
      onClick={marking.mark}
      disabled={n === 0 || marking.busy}
      title={n === 0 ? i18n.t.list.nothingToMark : i18n.t.list.markTitle}
      data-testid="mark-read"
    >
      <CheckAllIcon />
      <span>{label}</span>
    </button>
  );
}

export function MarkNoticeBar({ marking }: { marking: MarkMatching }) {
  const i18n = useI18n();
  const { notice } = marking;
  if (!notice) return null;
  return (
    <div className="mark-notice" role="status" data-testid="mark-notice">
      <span>{notice.kind === 'marked' ? i18n.t.list.marked(notice.changed) : i18n.t.list.undone(notice.changed)}</span>
      {notice.kind === 'marked' && notice.undo !== null && (
        <button type="button" className="link-button" onClick={marking.undo} disabled={marking.busy}>
          {i18n.t.list.undo}
        </button>
      )}
      <button type="button" className="link-button" onClick={marking.dismiss} aria-label={i18n.t.common.close}>
        ×
      </button>
    </div>
  );
}
