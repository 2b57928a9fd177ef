// What one provider folder exports: everything Feedbell knows of a provider, so that the provider is the unit of
// change. Nothing outside a provider's folder tests its id; the core, the IPC handlers and the window read this.
import type {
  AccentToken,
  EventFact,
  FeedErrorKind,
  FormField,
  LocalizedText,
  ProviderFormInfo,
} from '../../../preload/contract.ts';
import type { ActionTracker } from '../actions/action-tracker.ts';
import type { ProviderCapabilities } from './capabilities/capability-router.ts';
import type { AnyProvider } from './provider.ts';

/** The words Feedbell uses about a provider's feeds, beside the generic ones. */
export interface ProviderWording {
  /** Where its events happen, as it follows a number of events: "в Диадоке" / "in Diadoc" ("12 новых событий в Диадоке"). */
  where: LocalizedText;
  /** "Test connection" and a feed's error summary in this provider's terms, where they say more than the generic words. */
  check?: Partial<Record<FeedErrorKind, LocalizedText>>;
}

/** A feed the window may add with one click on first run: it needs no account and no secret. */
export interface SampleFeed {
  id: string;
  name: string;
  intervalSec: number;
  start: 'now' | 'beginning';
  settings: Record<string, unknown>;
}

/** See ProviderModule.formerTypes. */
export interface FormerTypes {
  readonly types: readonly string[];
  retype(event: { type: string; payload: unknown }): string;
}

export interface ProviderModule<Id extends string = string> {
  readonly id: Id;
  /** The one display name: badges, the service list, a new feed's default name. */
  readonly name: LocalizedText;
  readonly accent: AccentToken;
  /** Registrable domains of its web sites: an event's link is kept and offered only when it goes to one of these. */
  readonly linkHosts: readonly string[];
  /** The API client and normalizer, with the settings schema. */
  readonly provider: AnyProvider;
  /** The feed form the window renders. */
  readonly form: ProviderFormInfo;
  readonly wording: ProviderWording;
  /** Its event types in words, by the type its normalizer stores: the type filter shows these (providers:list). */
  readonly typeNames: Readonly<Record<string, LocalizedText>>;
  /** The name of a type `typeNames` does not list (open-ended types, other spellings), or null to show the code. */
  typeName?(type: string): LocalizedText | null;
  /**
   * Types an older Feedbell stored for this provider's events that this version replaces, and the type a stored event
   * of one of them has now (read from its payload): the event log's migrations re-type those events once.
   */
  readonly formerTypes?: FormerTypes;
  /**
   * What the detail pane leads with, read from a stored event's payload: counterparty, document number and date,
   * amount, state… in people's words (ids go under «Подробнее»). May throw on a payload it cannot read: the caller
   * then shows none.
   */
  facts?(event: { type: string; payload: unknown }): EventFact[];
  /** Which of its events open, change and close items of «Требует действия» (demands, documents to sign). */
  readonly actions?: ActionTracker;
  /** Offered on first run: an offline feed of made-up events. */
  readonly sampleFeed?: SampleFeed;
  /** What a saved feed of this provider can do besides polling, each with its own requests. */
  readonly capabilities: ProviderCapabilities;
}

/** Settings keys whose change points a feed at another source (its position is then reset). */
export function sourceKeys(module: ProviderModule): string[] {
  return module.form.fields.filter((f) => f.kind !== 'password' && f.source).map((f) => f.key);
}

/** Whether a form field is shown for these settings (its `showWhen`). */
export function fieldShown(field: FormField, settings: Record<string, unknown>): boolean {
  if (!field.showWhen) return true;
  const value = settings[field.showWhen.key];
  return typeof value === 'string' && field.showWhen.values.includes(value);
}

/**
 * Whether a feed with these (parsed) settings must be given its main secret in the form: its main password field is
 * required and shown. A feed that signs in, or gets its token from an assistant once saved, has none to type.
 */
export function mainSecretRequired(module: ProviderModule, settings: Record<string, unknown>): boolean {
  const field = module.form.fields.find((f) => f.kind === 'password' && f.key === '');
  return field !== undefined && field.required && fieldShown(field, settings);
}

/** A type's name in words: the module's list, then its own lookup; null when it has none. */
export function eventTypeName(module: ProviderModule | undefined, type: string): LocalizedText | null {
  if (!module) return null;
  return module.typeNames[type] ?? module.typeName?.(type) ?? null;
}

/** The facts of a stored event (none when its module has none or cannot read the payload). */
export function eventFacts(module: ProviderModule | undefined, event: { type: string; payload: unknown }): EventFact[] {
  if (!module?.facts) return [];
  try {
    return module.facts(event).filter((fact) => fact.value.trim() !== '');
  } catch {
    return [];
  }
}
