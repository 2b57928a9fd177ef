// The filter bar above the list: search, service, type, unread only, date range.
import type { RefObject } from 'react';
import type { ProviderId } from '../../../../preload/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useProviders } from '../../providers/ProvidersContext.ts';
import { oneLine } from '../../text/remote-text.ts';
import { FilterIcon, SearchIcon } from '../../ui/Icons.tsx';
import { DateField } from '../../ui/DateField.tsx';
import type { UiFilter } from './event-filter.ts';
import type { KnownType } from './useEventTypes.ts';

export interface ToolbarProps {
  filter: UiFilter;
  providers: ProviderId[];
  types: KnownType[];
  searchRef: RefObject<HTMLInputElement | null>;
  onChange(patch: Partial<UiFilter>): void;
  onReset(): void;
  /** ↓ or Enter in the search box: the keyboard goes to the list. */
  onToList(): void;
  /** Whether the filter row is shown (closed at first, then as the person left it: a preference). */
  filtersOpen: boolean;
  onFiltersOpen(open: boolean): void;
}

/** One end of the date range, bounded by the other end when that is set. */
function RangeEnd({ end, filter, onChange }: { end: 'from' | 'to'; filter: UiFilter; onChange(patch: Partial<UiFilter>): void }) {
  const i18n = useI18n();
  return (
    <DateField
      label={i18n.t.filters[end]}
      value={filter[end]}
      onChange={(value) => onChange({ [end]: value })}
      {...(end === 'to' && filter.from ? { min: filter.from } : {})}
      {...(end === 'from' && filter.to ? { max: filter.to } : {})}
      testId={`filter-${end}`}
    />
  );
}

export function Toolbar(props: ToolbarProps) {
  const { filter, providers, types, searchRef, onChange, onReset, onToList } = props;
  const i18n = useI18n();
  const open = props.filtersOpen;
  const setOpen = props.onFiltersOpen;
  const known = useProviders();
  // Each service's types by their names in words (a type the module has no name for shows its code).
  const byProvider = new Map<ProviderId, { type: string; label: string }[]>();
  for (const { provider, type, name } of types) {
    if (filter.provider && provider !== filter.provider) continue;
    const list = byProvider.get(provider) ?? [];
    if (!list.some((t) => t.type === type)) list.push({ type, label: name ? i18n.text(name) : oneLine(type, 80) });
    byProvider.set(provider, list);
  }
  for (const list of byProvider.values()) list.sort((a, b) => a.label.localeCompare(b.label, i18n.lang));
  // Filters set in the filter row (the feed is the sidebar's, the search is on show).
  const set = [filter.provider !== '', filter.type !== '', filter.unreadOnly, filter.from !== '' || filter.to !== ''].filter(
    Boolean,
  ).length;
  const active = set > 0 || filter.feedId !== null || filter.search !== '';
  return (
    <div className="toolbar" role="search" aria-label={i18n.t.filters.filters}>
      <div className="search-box">
        <SearchIcon />
        <input
          ref={searchRef}
          type="search"
          className="search-input"
          placeholder={i18n.t.filters.searchPlaceholder}
          aria-label={i18n.t.filters.search}
          aria-keyshortcuts="/"
          data-testid="search-input"
          value={filter.search}
          maxLength={200}
          onChange={(e) => onChange({ search: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              onToList();
            }
          }}
        />
      </div>
      <button
        type="button"
        className={`small-button filters-toggle${set > 0 ? ' pressed' : ''}`}
        aria-expanded={open}
        aria-controls="filter-row"
        onClick={() => setOpen(!open)}
        data-testid="filters-toggle"
      >
        <FilterIcon />
        <span>{set > 0 ? i18n.t.filters.filtersSet(set) : i18n.t.filters.filters}</span>
      </button>
      <button type="button" className="link-button" onClick={onReset} disabled={!active}>
        {i18n.t.filters.reset}
      </button>
      <div className="filter-row" id="filter-row" hidden={!open}>
        <label className="field">
          <span className="field-label">{i18n.t.filters.provider}</span>
          <select
            value={filter.provider}
            onChange={(e) => onChange({ provider: e.target.value as ProviderId | '', type: '' })}
            data-testid="filter-provider"
          >
            <option value="">{i18n.t.filters.anyProvider}</option>
            {providers.map((p) => (
              <option key={p} value={p}>
                {i18n.text(known.name(p))}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{i18n.t.filters.type}</span>
          <select value={filter.type} onChange={(e) => onChange({ type: e.target.value })} data-testid="filter-type">
            <option value="">{i18n.t.filters.anyType}</option>
            {[...byProvider].map(([provider, list]) => (
              <optgroup key={provider} label={i18n.text(known.name(provider))}>
                {list.map(({ type, label }) => (
                  <option key={`${provider}:${type}`} value={type}>
                    {label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <RangeEnd end="from" filter={filter} onChange={onChange} />
        <RangeEnd end="to" filter={filter} onChange={onChange} />
        <label className="check">
          <input
            type="checkbox"
            checked={filter.unreadOnly}
            onChange={(e) => onChange({ unreadOnly: e.target.checked })}
            data-testid="filter-unread"
          />
          <span>{i18n.t.filters.unreadOnly}</span>
        </label>
      </div>
    </div>
  );
}
