// Settings on electron-store: the Preferences (SettingsStore port) and the configured feeds (FeedsRepository), with a schema.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import Store, { type Schema } from 'electron-store';
import { PANE_WIDTHS, RETENTION_DAYS, type Preferences } from '../../preload/contract.ts';
import { BUILT_IN_PROVIDERS } from '../core/feeds/registry.ts';
import { DEFAULT_PREFERENCES, type FeedsRepository } from '../core/feeds-repository.ts';
import type { FeedConfig } from '../core/model.ts';
import type { Logger, SettingsStore } from '../core/ports.ts';

export interface SettingsShape {
  preferences: Preferences;
  feeds: FeedConfig[];
}

export { DEFAULT_PREFERENCES };

const TIME_OF_DAY = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

const SCHEMA: Schema<SettingsShape> = {
  preferences: {
    type: 'object',
    additionalProperties: false,
    properties: {
      language: { enum: ['ru', 'en'] },
      theme: { enum: ['system', 'light', 'dark'] },
      notifications: { type: 'boolean' },
      burstThreshold: { type: 'integer', minimum: 1, maximum: 1000 },
      openAtLogin: { type: 'boolean' },
      proxy: { type: 'string', maxLength: 300 },
      retentionDays: { type: ['integer', 'null'], minimum: RETENTION_DAYS.min, maximum: RETENTION_DAYS.max },
      quietHours: {
        type: 'object',
        additionalProperties: false,
        required: ['enabled', 'from', 'to', 'daysOff', 'allowUrgent'],
        properties: {
          enabled: { type: 'boolean' },
          from: { type: 'string', pattern: TIME_OF_DAY },
          to: { type: 'string', pattern: TIME_OF_DAY },
          daysOff: { type: 'boolean' },
          allowUrgent: { type: 'boolean' },
        },
      },
      notifyRules: {
        type: 'array',
        maxItems: 500,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['feedId', 'type', 'organisation', 'mode'],
          properties: {
            feedId: { type: ['string', 'null'], maxLength: 100 },
            type: { type: ['string', 'null'], maxLength: 200 },
            organisation: { type: ['string', 'null'], maxLength: 200 },
            mode: { enum: ['notify', 'count', 'ignore'] },
          },
        },
      },
      dailySummary: {
        type: 'object',
        additionalProperties: false,
        required: ['enabled', 'at'],
        properties: { enabled: { type: 'boolean' }, at: { type: 'string', pattern: TIME_OF_DAY } },
      },
      snoozedUntil: { type: ['number', 'null'] },
      layout: {
        type: 'object',
        additionalProperties: false,
        required: ['sidebarWidth', 'detailWidth', 'filtersOpen'],
        properties: {
          sidebarWidth: { type: 'number', minimum: PANE_WIDTHS.sidebar.min, maximum: PANE_WIDTHS.sidebar.max },
          detailWidth: { type: 'number', minimum: PANE_WIDTHS.detail.min, maximum: PANE_WIDTHS.detail.max },
          filtersOpen: { type: 'boolean' },
        },
      },
    },
  },
  feeds: {
    type: 'array',
    maxItems: 200,
    items: {
      type: 'object',
      required: ['id', 'provider', 'name', 'enabled', 'intervalSec', 'start', 'settings'],
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 100 },
        provider: { enum: BUILT_IN_PROVIDERS.ids() },
        name: { type: 'string', maxLength: 200 },
        enabled: { type: 'boolean' },
        intervalSec: { type: 'integer', minimum: 1 },
        start: { type: 'object', required: ['kind'], properties: { kind: { enum: ['now', 'beginning', 'date'] } } },
        // Provider settings are validated by the provider's own schema; never secrets (those live in the keychain).
        settings: { type: 'object' },
      },
    },
  },
};

export interface ElectronSettingsOptions {
  /** Folder of the settings file; electron-store defaults to app.getPath('userData'). */
  cwd?: string;
  name?: string;
  log: Logger;
  /** Called after the preferences were saved (e.g. to apply openAtLogin). */
  onPreferencesChanged?: (prefs: Preferences) => void;
}

/** SettingsStore and FeedsRepository over one electron-store file (settings.json). */
export class ElectronSettings implements SettingsStore {
  private readonly store: Store<SettingsShape>;
  private readonly options: ElectronSettingsOptions;

  constructor(options: ElectronSettingsOptions) {
    this.options = options;
    this.store = openStore(options);
  }

  /** Where the file is, for the log. */
  get path(): string {
    return this.store.path;
  }

  getPreferences(): Preferences {
    return { ...DEFAULT_PREFERENCES, ...this.store.get('preferences') };
  }

  setPreferences(prefs: Preferences): void {
    const next: Preferences = {
      language: prefs.language,
      theme: prefs.theme,
      notifications: prefs.notifications,
      burstThreshold: prefs.burstThreshold,
      openAtLogin: prefs.openAtLogin,
      proxy: prefs.proxy,
      retentionDays: prefs.retentionDays,
      quietHours: prefs.quietHours,
      notifyRules: prefs.notifyRules,
      dailySummary: prefs.dailySummary,
      snoozedUntil: prefs.snoozedUntil,
      layout: prefs.layout,
    };
    this.store.set('preferences', next);
    this.options.onPreferencesChanged?.(next);
  }

  /** FeedsRepository: the configured feeds. */
  readonly feeds: FeedsRepository = {
    list: (): FeedConfig[] => structuredClone(this.store.get('feeds')),
    save: (feeds: FeedConfig[]): void => {
      this.store.set('feeds', structuredClone(feeds));
    },
  };
}

function openStore(options: ElectronSettingsOptions): Store<SettingsShape> {
  const storeOptions = {
    name: options.name ?? 'settings',
    ...(options.cwd ? { cwd: options.cwd } : {}),
    schema: SCHEMA,
    defaults: { preferences: DEFAULT_PREFERENCES, feeds: [] },
    clearInvalidConfig: false,
  };
  try {
    return new Store<SettingsShape>(storeOptions);
  } catch (err) {
    // A damaged or hand-broken file: keep it aside for the user and start from defaults rather than refusing to start.
    const file = join(options.cwd ?? app.getPath('userData'), `${storeOptions.name}.json`);
    const aside = `${file}.invalid-${Date.now()}`;
    if (existsSync(file)) renameSync(file, aside);
    options.log.error('settings: the settings file was invalid and was set aside', {
      error: err instanceof Error ? err.message : String(err),
      aside,
    });
    return new Store<SettingsShape>(storeOptions);
  }
}
