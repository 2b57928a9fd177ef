// Where the list of configured feeds lives: electron-store in the app, a config file in the CLI, memory in tests.
import { DEFAULT_LAYOUT, type Preferences } from '../../preload/contract.ts';
import type { FeedConfig } from './model.ts';
import type { SettingsStore } from './ports.ts';

export interface FeedsRepository {
  list(): FeedConfig[];
  save(feeds: FeedConfig[]): void;
}

export class MemoryFeedsRepository implements FeedsRepository {
  #feeds: FeedConfig[];
  constructor(feeds: FeedConfig[] = []) {
    this.#feeds = structuredClone(feeds);
  }
  list(): FeedConfig[] {
    return structuredClone(this.#feeds);
  }
  save(feeds: FeedConfig[]): void {
    this.#feeds = structuredClone(feeds);
  }
}

export const DEFAULT_PREFERENCES: Preferences = {
  language: 'ru',
  theme: 'system',
  notifications: true,
  burstThreshold: 3,
  openAtLogin: false,
  proxy: '',
  retentionDays: null,
  quietHours: { enabled: false, from: '20:00', to: '09:00', daysOff: true, allowUrgent: true },
  notifyRules: [],
  dailySummary: { enabled: true, at: '09:00' },
  snoozedUntil: null,
  layout: DEFAULT_LAYOUT,
};

export class MemorySettingsStore implements SettingsStore {
  #prefs: Preferences;
  constructor(prefs: Partial<Preferences> = {}) {
    this.#prefs = { ...DEFAULT_PREFERENCES, ...prefs };
  }
  getPreferences(): Preferences {
    return { ...this.#prefs };
  }
  setPreferences(prefs: Preferences): void {
    this.#prefs = { ...prefs };
  }
}
