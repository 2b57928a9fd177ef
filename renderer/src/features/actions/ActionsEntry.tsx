// The sidebar's first entry, «Требует действия», with how many items are open and a sign (a word for screen readers,
// «!» for the eye) when any is due today or overdue.
import type { ActionCounts } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';

export interface ActionsEntryProps {
  counts: ActionCounts | null;
  selected: boolean;
  onSelect(): void;
}

export function ActionsEntry({ counts, selected, onSelect }: ActionsEntryProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const open = counts?.open ?? 0;
  const urgent = counts?.urgent ?? 0;
  return (
    <li>
      <button
        type="button"
        className={`feed-item all actions-entry${selected ? ' selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        aria-label={t.actions.entryLabel(open, urgent)}
        data-testid="actions-entry"
        onClick={onSelect}
      >
        <span className="feed-name">{t.actions.title}</span>
        {urgent > 0 && (
          <span className="failing-sign" data-testid="actions-urgent" data-count={urgent} title={t.actions.urgentSign(urgent)}>
            <span aria-hidden="true">!</span>
          </span>
        )}
        <span
          className={`unread-badge actions-count${open === 0 ? ' zero' : ''}${urgent > 0 ? ' urgent' : ''}`}
          data-testid="actions-count"
          data-count={open}
          aria-hidden="true"
        >
          {i18n.number(open)}
        </span>
      </button>
    </li>
  );
}
