// The user's preferences: read through the settings port with the defaults filled in, and changed with everyone who
// depends on them told (the HTTP client's proxy, the window, the tray's language).
import type { Preferences } from '../../../preload/contract.ts';
import { DEFAULT_PREFERENCES } from '../feeds-repository.ts';
import type { SettingsStore } from '../ports.ts';

export type PreferencesListener = (next: Preferences, previous: Preferences) => void;

export class PreferencesService {
  readonly #settings: SettingsStore;
  readonly #listeners: PreferencesListener[] = [];

  constructor(settings: SettingsStore) {
    this.#settings = settings;
  }

  get(): Preferences {
    return { ...DEFAULT_PREFERENCES, ...this.#settings.getPreferences() };
  }

  update(patch: Partial<Preferences>): Preferences {
    const previous = this.get();
    const next = { ...previous, ...patch };
    this.#settings.setPreferences(next);
    for (const listener of this.#listeners) listener(next, previous);
    return next;
  }

  onChange(listener: PreferencesListener): void {
    this.#listeners.push(listener);
  }
}
