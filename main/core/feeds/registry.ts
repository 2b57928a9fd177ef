// The provider registry: one line per provider. Adding a provider is its folder plus one line here; everything else
// reads the modules through a ProviderRegistry, so the compiler names whatever a new module lacks.
import { FeedError } from '../model.ts';
import { demoModule } from './demo/index.ts';
import { diadocModule } from './diadoc/index.ts';
import { evotorModule } from './evotor/index.ts';
import { externModule } from './extern/index.ts';
import type { ProviderModule } from './provider-module.ts';
import { realtyModule } from './realty/index.ts';

/** The table as given, once the compiler has checked that each key is its module's id. */
function table<T extends { [Id in keyof T]: ProviderModule<Id & string> }>(modules: T): T {
  return modules;
}

const MODULES = table({
  diadoc: diadocModule,
  evotor: evotorModule,
  extern: externModule,
  realty: realtyModule,
  demo: demoModule,
});

/** The built-in providers' ids, derived from the table above. */
export type ProviderId = keyof typeof MODULES;

export const PROVIDER_MODULES: Readonly<Record<ProviderId, ProviderModule>> = MODULES;

/** The modules Feedbell runs with: the built-in ones, or (in a test) others registered the same way. */
export class ProviderRegistry {
  readonly #modules: ReadonlyMap<string, ProviderModule>;

  constructor(modules: Readonly<Record<string, ProviderModule>>) {
    for (const [id, module] of Object.entries(modules)) {
      if (module.id !== id) throw new Error(`Provider registry: "${id}" holds the module "${module.id}"`);
    }
    this.#modules = new Map(Object.entries(modules));
  }

  /** The module of a provider id, or undefined for an id this version does not know. */
  find(id: string): ProviderModule | undefined {
    return this.#modules.get(id);
  }

  /** The module of a provider id; a feed of an unknown provider is a configuration error. */
  get(id: string): ProviderModule {
    const module = this.#modules.get(id);
    if (!module) throw new FeedError('config', `Provider "${id}" is not available in this version of Feedbell`);
    return module;
  }

  ids(): string[] {
    return [...this.#modules.keys()];
  }

  all(): ProviderModule[] {
    return [...this.#modules.values()];
  }

  /** Every module's link domains: where an event's link may go (main checks it, the window gets the list). */
  linkHosts(): string[] {
    return [...new Set(this.all().flatMap((module) => module.linkHosts))];
  }
}

export const BUILT_IN_PROVIDERS = new ProviderRegistry(PROVIDER_MODULES);
