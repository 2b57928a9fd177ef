// «Требует действия»: the demands and documents that wait for the person, the nearest deadline first, with «Готово»
// (and «Отменить» for a few seconds); the done and closed ones under «Показать выполненные», with «Вернуть».
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useNow } from '../sidebar/useNow.ts';
import { ActionCard } from './ActionCard.tsx';
import { localDate } from './action-text.ts';
import { splitItems } from './action-list.ts';
import { useActionList } from './useActionList.ts';

export interface ActionsViewProps {
  report(err: unknown): void;
  /** Shows the item's event in the log. */
  onShowEvent(key: number): void;
}

export function ActionsView({ report, onShowEvent }: ActionsViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement | null>(null);
  const { list, includeClosed, setIncludeClosed, setDone, undo, takeBack } = useActionList(report);
  // Today's date moves at midnight: the terms' words follow.
  const today = localDate(useNow(60_000));
  useEffect(() => heading.current?.focus(), []);
  // «Показать выполненные» below a long list: the completed ones are brought into view once, when they first come.
  const closedHeading = useRef<HTMLHeadingElement | null>(null);
  const reveal = useRef(false);
  useEffect(() => {
    if (!reveal.current || !list?.items.some((i) => i.state !== 'open')) return;
    reveal.current = false;
    closedHeading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [list]);
  const { open, closed } = splitItems(list?.items ?? []);
  const undoTitle = undo ? i18n.text(undo.item.title) : '';

  return (
    <main className="actions-view" aria-labelledby="actions-title" data-testid="actions-view">
      <div className="editor-head">
        <h2 id="actions-title" tabIndex={-1} ref={heading}>
          {t.actions.title}
        </h2>
        <label className="check">
          <input
            type="checkbox"
            checked={includeClosed}
            onChange={(e) => {
              reveal.current = e.target.checked;
              setIncludeClosed(e.target.checked);
            }}
          />
          <span>{t.actions.showClosed}</span>
        </label>
      </div>
      <p className="actions-intro">{t.actions.intro}</p>
      {list?.calendarWarning && (
        <p className="actions-warning" role="alert" data-testid="calendar-warning">
          {i18n.text(list.calendarWarning)}
        </p>
      )}
      <div className="actions-undo" role="status" aria-live="polite" data-testid="actions-undo">
        {undo && (
          <>
            <span>{undo.done ? t.actions.markedDone(undoTitle) : t.actions.reopened(undoTitle)}</span>
            <button type="button" className="small-button" onClick={takeBack}>
              {t.actions.undo}
            </button>
          </>
        )}
      </div>
      {list === null ? (
        <p className="actions-empty">{t.common.loading}</p>
      ) : open.length === 0 ? (
        <div className="actions-empty" data-testid="actions-empty">
          <p className="actions-empty-title">{t.actions.empty}</p>
          <p>{t.actions.emptyHelp}</p>
        </div>
      ) : (
        <ul className="action-list" aria-label={t.actions.list} data-testid="action-list">
          {open.map((item) => (
            <ActionCard key={item.id} item={item} today={today} onSetDone={setDone} onShowEvent={onShowEvent} />
          ))}
        </ul>
      )}
      {includeClosed && (
        <section className="actions-closed" aria-labelledby="actions-closed-title">
          <h2 id="actions-closed-title" className="actions-closed-title" ref={closedHeading}>
            {t.actions.closedTitle}
          </h2>
          {closed.length === 0 ? (
            <p className="actions-empty">{t.actions.noClosed}</p>
          ) : (
            <ul className="action-list closed" data-testid="action-list-closed">
              {closed.map((item) => (
                <ActionCard key={item.id} item={item} today={today} onSetDone={setDone} onShowEvent={onShowEvent} />
              ))}
            </ul>
          )}
        </section>
      )}
    </main>
  );
}
