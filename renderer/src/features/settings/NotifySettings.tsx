// Settings → «Уведомления»: quiet hours (from, to, all day on days off, urgent ones let through), the daily summary of
// «Требует действия», the snooze (when set, with a way to end it) and the rules per feed, type and organisation.
import type { FeedStatus, Preferences, QuietHours } from '../../../../preload/contract.ts';
import { call } from '../../bridge.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { TimeField } from '../../ui/TimeField.tsx';
import { useNow } from '../sidebar/useNow.ts';
import type { KnownType } from '../log/useEventTypes.ts';
import { NotifyRules } from './NotifyRules.tsx';

export interface NotifySettingsProps {
  prefs: Preferences;
  onUpdate(patch: Partial<Preferences>): void;
  feeds: readonly FeedStatus[];
  types: readonly KnownType[];
  report(err: unknown): void;
}

export function NotifySettings({ prefs, onUpdate, feeds, types, report }: NotifySettingsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const quiet = prefs.quietHours;
  const setQuiet = (patch: Partial<QuietHours>) => onUpdate({ quietHours: { ...quiet, ...patch } });
  const summary = prefs.dailySummary;
  const now = useNow(30_000);
  const snoozed = prefs.snoozedUntil !== null && prefs.snoozedUntil > now;
  return (
    <section className="settings-section notify-settings" aria-labelledby="settings-notify" data-testid="notify-settings">
      <h3 id="settings-notify">{t.notify.title}</h3>
      {snoozed && (
        <p className="notify-snoozed" data-testid="notify-snoozed">
          <span>{t.notify.snoozedUntil(i18n.shortStamp(prefs.snoozedUntil!))}</span>
          <button
            type="button"
            className="small-button"
            onClick={() => call('notify:snooze', 'off').then(({ snoozedUntil }) => onUpdate({ snoozedUntil }), report)}
          >
            {t.notify.resume}
          </button>
        </p>
      )}

      <h4 className="settings-subtitle">{t.notify.quiet}</h4>
      <label className="check">
        <input
          type="checkbox"
          checked={quiet.enabled}
          onChange={(e) => setQuiet({ enabled: e.target.checked })}
          aria-describedby="s-quiet-help"
        />
        <span>{t.notify.quietOn}</span>
      </label>
      <p className="form-help" id="s-quiet-help">
        {t.notify.quietHelp}
      </p>
      <fieldset className="notify-quiet" disabled={!quiet.enabled}>
        <legend className="visually-hidden">{t.notify.quiet}</legend>
        <div className="time-range">
          <label htmlFor="s-quiet-from">{t.notify.from}</label>
          <TimeField id="s-quiet-from" value={quiet.from} onCommit={(from) => setQuiet({ from })} disabled={!quiet.enabled} />
          <label htmlFor="s-quiet-to">{t.notify.to}</label>
          <TimeField id="s-quiet-to" value={quiet.to} onCommit={(to) => setQuiet({ to })} disabled={!quiet.enabled} />
        </div>
        <label className="check">
          <input type="checkbox" checked={quiet.daysOff} onChange={(e) => setQuiet({ daysOff: e.target.checked })} />
          <span>{t.notify.daysOff}</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={quiet.allowUrgent} onChange={(e) => setQuiet({ allowUrgent: e.target.checked })} />
          <span>{t.notify.allowUrgent}</span>
        </label>
      </fieldset>

      <h4 className="settings-subtitle">{t.notify.summary}</h4>
      <label className="check">
        <input
          type="checkbox"
          checked={summary.enabled}
          onChange={(e) => onUpdate({ dailySummary: { ...summary, enabled: e.target.checked } })}
        />
        <span>{t.notify.summaryOn}</span>
      </label>
      <div className="time-range">
        <label htmlFor="s-summary-at">{t.notify.summaryAt}</label>
        <TimeField
          id="s-summary-at"
          value={summary.at}
          onCommit={(at) => onUpdate({ dailySummary: { ...summary, at } })}
          disabled={!summary.enabled}
        />
      </div>

      <NotifyRules rules={prefs.notifyRules} onChange={(notifyRules) => onUpdate({ notifyRules })} feeds={feeds} types={types} />
    </section>
  );
}
