// The notification rules as sentences, each with «Удалить», and a form to add one: a feed (or all), an event type (or
// all; the types of that feed's service when a feed is chosen), an organisation (optional) and what to do.
import { useState } from 'react';
import type { FeedStatus, NotifyMode, NotifyRule } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useProviders } from '../../providers/ProvidersContext.ts';
import type { KnownType } from '../log/useEventTypes.ts';
import { feedWords, ruleWords, typeName, withRule } from './notify-text.ts';

const MODES: NotifyMode[] = ['notify', 'count', 'ignore'];

export interface NotifyRulesProps {
  rules: NotifyRule[];
  onChange(rules: NotifyRule[]): void;
  feeds: readonly FeedStatus[];
  types: readonly KnownType[];
}

export function NotifyRules({ rules, onChange, feeds, types }: NotifyRulesProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const providers = useProviders();
  const [feedId, setFeedId] = useState('');
  const [type, setType] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [mode, setMode] = useState<NotifyMode>('count');
  const context = { feeds, types, providers };
  const feed = feeds.find((f) => f.id === feedId);
  // Types with a name in words, by service (a code is no choice for a person: such events get a rule from the log's
  // menu, «Не уведомлять о таких событиях»); a chosen feed's service only.
  const byService = new Map<string, KnownType[]>();
  for (const k of types) {
    if (!k.name || (feed && k.provider !== feed.provider)) continue;
    byService.set(k.provider, [...(byService.get(k.provider) ?? []), k]);
  }

  const add = () => {
    onChange(withRule(rules, { feedId: feedId || null, type: type || null, organisation: organisation.trim() || null, mode }));
    setType('');
    setOrganisation('');
  };

  return (
    <div className="notify-rules">
      <h4 className="settings-subtitle">{t.notify.rules}</h4>
      <p className="form-help">{t.notify.rulesHelp}</p>
      {rules.length === 0 ? (
        <p className="notify-no-rules">{t.notify.noRules}</p>
      ) : (
        <ul className="rule-list" data-testid="rule-list">
          {rules.map((rule, index) => {
            const words = ruleWords(rule, context, i18n);
            return (
              <li key={`${rule.feedId} ${rule.type} ${rule.organisation}`} className="rule" data-testid="rule">
                <span className="rule-words" dir="auto">
                  {words}
                </span>
                <button
                  type="button"
                  className="small-button"
                  aria-label={t.notify.removeRule(words)}
                  onClick={() => onChange(rules.filter((_, i) => i !== index))}
                >
                  {t.notify.remove}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="rule-form">
        <label htmlFor="rule-feed">{t.notify.ruleFeed}</label>
        <select
          id="rule-feed"
          value={feedId}
          onChange={(e) => {
            setFeedId(e.target.value);
            setType('');
          }}
        >
          <option value="">{t.notify.anyFeed}</option>
          {feeds.map((f) => (
            <option key={f.id} value={f.id}>
              {feedWords(f, providers, i18n)}
            </option>
          ))}
        </select>
        <label htmlFor="rule-type">{t.notify.ruleType}</label>
        <select id="rule-type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t.notify.anyType}</option>
          {[...byService].map(([provider, list]) => (
            <optgroup key={provider} label={i18n.text(providers.name(provider))}>
              {list.map((k) => (
                <option key={k.type} value={k.type}>
                  {typeName(k.type, types, i18n)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <label htmlFor="rule-organisation">{t.notify.ruleOrganisation}</label>
        <span className="rule-field">
          <input
            id="rule-organisation"
            type="text"
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
            aria-describedby="rule-organisation-help"
          />
          <span className="form-help" id="rule-organisation-help">
            {t.notify.ruleOrganisationHelp}
          </span>
        </span>
        <label htmlFor="rule-mode">{t.notify.ruleMode}</label>
        <select id="rule-mode" value={mode} onChange={(e) => setMode(e.target.value as NotifyMode)}>
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t.notify.mode[m]}
            </option>
          ))}
        </select>
        <span />
        <button type="button" className="button" onClick={add}>
          {t.notify.addRule}
        </button>
      </div>
    </div>
  );
}
