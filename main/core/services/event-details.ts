// What the window reads of stored events beyond the rows: one event's detail with the facts its provider's module
// reads from the payload, and the stored types with their names in words.
import type { EventDetail, EventTypeInfo } from '../../../preload/contract.ts';
import { eventFacts, eventTypeName } from '../feeds/provider-module.ts';
import type { ProviderRegistry } from '../feeds/registry.ts';
import type { EventStore } from '../store/event-store.ts';

export class EventDetails {
  readonly #store: EventStore;
  readonly #providers: ProviderRegistry;

  constructor(store: EventStore, providers: ProviderRegistry) {
    this.#store = store;
    this.#providers = providers;
  }

  /** One event with its payload, facts and type name; null when it is not stored. */
  get(key: number): EventDetail | null {
    const event = this.#store.get(key);
    if (!event) return null;
    const module = this.#providers.find(event.provider);
    return { ...event, facts: eventFacts(module, event), typeName: eventTypeName(module, event.type) };
  }

  /** The stored (provider, type) pairs, each with its name in words where the module has one. */
  types(): EventTypeInfo[] {
    return this.#store
      .eventTypes()
      .map(({ provider, type }) => ({ provider, type, name: eventTypeName(this.#providers.find(provider), type) }));
  }
}
