// The IPC API between the window and main, declared once: data types, requests and pushed events.
// Imported by main, preload and renderer; imports nothing but its own parts (DESIGN.md section 2).
import type {
  ActionCounts,
  ActionItem,
  ActionList,
  DailySummary,
  NotifyRule,
  QuietHours,
  SnoozeChoice,
} from './contract-actions.ts';

export type * from './contract-actions.ts';

/**
 * A provider's id, as main's provider registry names it. The window learns the ids from `providers:list` and never
 * tests for a particular one: what it shows of a provider comes from that list (name, colour, form, capabilities).
 */
export type ProviderId = string;

/**
 * A provider's colour, as a role the window's stylesheet maps to a colour (`.accent-<token>`), so that no style names
 * a provider. A new token needs its colour in the stylesheet.
 */
export type AccentToken = 'violet' | 'orange' | 'blue' | 'green' | 'teal' | 'slate';

export type Language = 'ru' | 'en';
export interface LocalizedText {
  ru: string;
  en: string;
}

/** One stored event as the window sees it. `key` is the store's own row key; `id` is the provider's event id. */
export interface EventRecord {
  key: number;
  feedId: string;
  provider: ProviderId;
  id: string;
  type: string;
  /** UTC epoch milliseconds. */
  occurredAt: number;
  receivedAt: number;
  title: LocalizedText;
  summary: LocalizedText;
  link: string | null;
  read: boolean;
}

/** One fact the detail pane leads with (counterparty, number, date, amount, state…), read from the payload by the provider's module. */
export interface EventFact {
  label: LocalizedText;
  /** The value as a person reads it (a name, «№ 123 от 05.03.2026», «12 500,00 ₽»); never an id where words exist. */
  value: string;
  /** When the value is itself words («ждёт подписи»): both languages (show this; `value` is its Russian). */
  valueText?: LocalizedText;
}

/**
 * An event with its raw payload, for the detail pane: `facts` first (people's words), then under «Подробнее» the ids
 * (`id`, `key`, `type`) and the payload.
 */
export interface EventDetail extends EventRecord {
  payload: unknown;
  facts: EventFact[];
  /** The event type in words («УПД», «Требование ФНС»), or null when the module has no name for it. */
  typeName: LocalizedText | null;
}

export interface EventFilter {
  feedIds?: string[];
  providers?: ProviderId[];
  types?: string[];
  unreadOnly?: boolean;
  /** Inclusive bounds on occurredAt, epoch ms. */
  since?: number;
  until?: number;
  /** Full-text search over title, summary and payload text. */
  search?: string;
}

export interface EventQuery extends EventFilter {
  /** Opaque keyset cursor from a previous page; absent for the first page. */
  after?: string;
  limit?: number;
}

/** Counting stops here: the window shows «10 000+» (`atLeast`) rather than waiting for an exact count. */
export const EVENT_COUNT_LIMIT = 10_000;

/** How many events a filter matches: `count` exactly, or with `atLeast` a lower bound (EVENT_COUNT_LIMIT). */
export interface EventCount {
  count: number;
  atLeast: boolean;
}

/** The answer of "mark what matches": how many changed, and a token for `events:undoMark` (null when nothing changed). */
export interface MarkMatchingResult {
  changed: number;
  /** Valid for MARK_UNDO_MS in this run of main; the changed keys stay in main. */
  undo: string | null;
}

/** How long main keeps what a `events:markMatching` changed, so that «Отменить» can take it back. */
export const MARK_UNDO_MS = 5 * 60_000;

/** One stored event type, with its name in words from its provider's module (null: none, show the code). */
export interface EventTypeInfo {
  provider: ProviderId;
  type: string;
  name: LocalizedText | null;
}

export interface EventPage {
  items: EventRecord[];
  /** Cursor of the next (older) page, or null when this was the last one. */
  next: string | null;
}

export type FeedErrorKind =
  | 'auth'
  | 'subscription'
  | 'forbidden'
  | 'rate-limit'
  | 'server'
  | 'network'
  | 'protocol'
  | 'config'
  /** The local event log could not be written or read (a full disk, a read-only folder, a damaged file). */
  | 'storage';

export interface FeedErrorInfo {
  kind: FeedErrorKind;
  message: string;
  /** What the user can do about it, when there is something. */
  hint?: string;
  /** The service's own error code and trace id, for support. */
  detail?: string;
  /**
   * What it means for the user, in plain words ("Токен не подходит: войдите заново"): what the window shows first.
   * `message`, `hint` and `detail` are the technical text (English or the service's own words): behind «Подробнее».
   */
  summary: LocalizedText;
  /** The one-click fix the window offers, when there is one (see FeedFix). */
  fix?: FeedFix;
  at: number;
}

/**
 * What the user can do about a feed's error with one click:
 * - `secret`: enter the token again (open the feed's form at its secret field, `field` "secret");
 * - `signIn`: sign in again (the feed's sign-in capability);
 * - `settings`: correct the feed's settings (open its form; `field` names the field when known);
 * - `retry`: try again now (`feeds:syncNow`): the service or the network failed and may work now.
 */
export interface FeedFix {
  kind: 'secret' | 'signIn' | 'settings' | 'retry';
  /** A form field as FieldError names it ("secret", "settings.boxId"), when one is to blame. */
  field?: string;
}

export type FeedPhase = 'idle' | 'syncing' | 'ok' | 'error' | 'paused' | 'disabled';

export interface FeedStatus {
  id: string;
  name: string;
  provider: ProviderId;
  enabled: boolean;
  paused: boolean;
  phase: FeedPhase;
  lastSuccessAt: number | null;
  lastError: FeedErrorInfo | null;
  /** When the next poll is due, epoch ms, if one is scheduled. */
  nextPollAt: number | null;
  unread: number;
  /** A note the user should see, e.g. a possible gap after a cursor reset, in both languages. */
  note: LocalizedText | null;
}

export interface Preferences {
  language: Language;
  theme: 'system' | 'light' | 'dark';
  notifications: boolean;
  /** Show one summary instead of single notifications above this many new events in one sync. */
  burstThreshold: number;
  /** Start polling when the user logs in. */
  openAtLogin: boolean;
  /** Proxy URL for the services (http://host:port); empty means HTTPS_PROXY / NO_PROXY from the environment. */
  proxy: string;
  /** Keep events this many days (older ones are pruned in the background); null keeps them all. */
  retentionDays: number | null;
  /** Nothing sounds or pops up in these hours (what was held back comes as one summary after). */
  quietHours: QuietHours;
  /** Per feed, event type and organisation: notify, only count, or ignore. */
  notifyRules: NotifyRule[];
  /** «Сегодня: 2 квитанции, 1 ответ…» at a time of day, on working days. */
  dailySummary: DailySummary;
  /** Notifications are snoozed until this instant (UTC ms), or null. */
  snoozedUntil: number | null;
  /** How the person left the window's columns and filter row. Kept in main, so the first screen is drawn with them. */
  layout: WindowLayout;
}

/** The window's column widths (dragged by the person) and whether the filter row is open. */
export interface WindowLayout {
  sidebarWidth: number;
  detailWidth: number;
  filtersOpen: boolean;
}

/**
 * The widths a column may take, in CSS pixels (the window clamps what it is given). The sidebar starts at 280 px: a
 * feed's status («обновлено только что») fits beside the longest service badge.
 */
export const PANE_WIDTHS = {
  sidebar: { min: 200, max: 420, initial: 280 },
  detail: { min: 300, max: 900, initial: 400 },
} as const;

export const DEFAULT_LAYOUT: WindowLayout = {
  sidebarWidth: PANE_WIDTHS.sidebar.initial,
  detailWidth: PANE_WIDTHS.detail.initial,
  filtersOpen: false,
};

/** How long events may be kept, in days, when the user limits it. */
export const RETENTION_DAYS = { min: 1, max: 3650 } as const;

/** Where the event log lives and how big it is (the Settings view). */
export interface DataInfo {
  /** The data folder (the event log and its journal files). */
  folder: string;
  /** The event log's size on disk, with its journal files, in bytes. */
  bytes: number;
  /** Stored events. */
  events: number;
}

export type UnreadCounts = Record<string, number>;

/** How often a feed may be polled, in seconds: the one limit main checks and the window's form shows. */
export const FEED_INTERVAL_SEC = { min: 5, max: 86_400 } as const;

/** One feed's configuration as the window edits it, in the config file's shape (start: "now", "beginning" or an ISO date). */
export interface FeedConfigEntry {
  id: string;
  provider: ProviderId;
  name: string;
  enabled: boolean;
  intervalSec: number;
  start: string;
  settings: Record<string, unknown>;
}

/** What may change in a feed; never its id or its service. */
export interface FeedConfigPatch {
  name?: string;
  enabled?: boolean;
  intervalSec?: number;
  start?: string;
  settings?: Record<string, unknown>;
}

/** Secrets typed into a feed's form: they go to main and into the keychain, never back. */
export interface FeedSecretsInput {
  /** The feed's main secret (token, auth.sid, API key). */
  main?: string;
  /** Named extra secrets of the service (e.g. an "apikey" sent next to the token). */
  extras?: Record<string, string>;
}

/** A problem with one form field: `field` is "id", "name", "intervalSec", "start", "settings.<key>", "secret" or "secret.<name>" ("" when no field is to blame). */
export interface FieldError {
  field: string;
  message: LocalizedText;
}

export type FeedSaveResult = { ok: true; feed: FeedStatus } | { ok: false; errors: FieldError[] };

/** Whether a feed's secrets are set (never their values) and where secrets are kept now. */
export interface SecretStatus {
  main: boolean;
  extras: Record<string, boolean>;
  /** keychain: the OS keychain; session: memory until the app quits (no keychain available); none: cannot store. */
  backend: 'keychain' | 'session' | 'none';
  /** For a feed that signs in (its provider's sign-in capability, e.g. auth "oidc"): whether a sign-in is kept. */
  signedIn?: boolean;
}

/** Whether the OS keychain works; when it does not, what is wrong and how to fix it, in both languages. */
export interface KeychainInfo {
  available: boolean;
  problem: LocalizedText | null;
  fix: LocalizedText | null;
  /** The user agreed to keep secrets in memory until the app quits. */
  sessionAllowed: boolean;
}

/** What the window shows while the user approves a Kontur sign-in (the device code stays in main). */
export interface KonturPrompt {
  feedId: string;
  /** The code to type on the verification page, e.g. "WDJB-MJHT". */
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** When the code stops working, epoch ms. */
  expiresAt: number;
}

/** How a Kontur sign-in ended: in words, and the service's own words underneath when it said something. */
export interface KonturDone {
  feedId: string;
  ok: boolean;
  message: LocalizedText;
  detail?: string;
}

/**
 * A capability step that failed: what happened in plain words, and underneath, when there is more, the service's or
 * the error's own words (technical, in the language they came in: for the curious and for support).
 */
export interface StepFailure {
  ok: false;
  message: LocalizedText;
  detail?: string;
}

/** The token assistant: signing in to the provider's developer portal (the portal's token stays in main, under sessionId). */
export type TokenAssistantSignInResult = { ok: true; sessionId: string } | (StepFailure & { needs2fa?: boolean });

/** One assistant step's answer; `expired` means: sign in to the portal again. */
export type TokenAssistantStepResult<T> = { ok: true; value: T } | (StepFailure & { expired?: boolean });

/** A personal token on the developer portal, without its value. */
export interface PersonalTokenInfo {
  id: string;
  name: string | null;
  scopes: string[];
  canReadEvents: boolean;
}

/** An app version's event settings: whether it sends events, and which types. */
export interface AppEventSettingsInfo {
  active: boolean;
  events: string[];
}

/** Someone who shares their events with this integration (an account), without any secret. */
export interface PublisherInfo {
  id: string;
  name: string | null;
  accountId: string | null;
  subscriber: string | null;
}

/** An event-sharing step's answer: what happened, or what went wrong and what to do. */
export type SharingResult<T> = { ok: true; value: T; message: LocalizedText } | StepFailure;

/** The answer of "Test connection": what it came to in words, and the service's own words underneath. */
export interface FeedTestResult {
  ok: boolean;
  title: LocalizedText;
  /** The service's own words and what to do, when there is more to say. */
  detail?: string;
}

/** An import's outcome: the feeds added and skipped, or why the document was refused (`detail` names the feed and field). */
export type FeedImportResult = { ok: true; added: string[]; skipped: string[] } | StepFailure;

export type FormFieldKind = 'text' | 'guid' | 'url' | 'select' | 'multiselect' | 'number' | 'password';

export interface FormFieldOption {
  value: string;
  label: LocalizedText;
}

/** One field of a service's feed form; the window renders forms from these, so it needs no knowledge of the services. */
export interface FormField {
  /** A settings key, or for a password field the secret's name ("" for the main secret). */
  key: string;
  kind: FormFieldKind;
  label: LocalizedText;
  /** Where the value comes from, in plain words. */
  help: LocalizedText;
  required: boolean;
  /** Settings default (a number, a string or a list of strings). */
  default?: string | number | string[];
  options?: FormFieldOption[];
  min?: number;
  max?: number;
  placeholder?: string;
  /** For a `guid` field: the service also writes its ids with this text after the GUID, and the form accepts that. */
  guidSuffix?: string;
  /** Show the field only when another settings field has one of these values. */
  showWhen?: { key: string; values: string[] };
  /** Rarely changed: shown under "More settings". */
  advanced?: boolean;
  /** A change of this field points the feed at another source: its position is reset. */
  source?: boolean;
}

/** A provider's feed form: the window renders it from this, so it needs no knowledge of the services. */
export interface ProviderFormInfo {
  /** One or two sentences on what the feed shows and what the user needs. */
  intro: LocalizedText;
  fields: FormField[];
  defaultIntervalSec: number;
}

/** What the window knows of one provider: everything it shows of it comes from here (`providers:list`). */
export interface ProviderInfo extends ProviderFormInfo {
  id: ProviderId;
  /** The provider's one display name: the badge, the service list, a new feed's default name. */
  name: LocalizedText;
  accent: AccentToken;
  /**
   * Registrable domains of the provider's web sites: an event's link is shown as a link, and handed to the system
   * browser, only when it is https to one of the providers' domains or a subdomain (DESIGN.md section 10).
   */
  linkHosts: string[];
  /** Its event types in words, by the stored type (e.g. an e-document type → «УПД»): the type filter shows these, never the code. */
  typeNames: Record<string, LocalizedText>;
  /** Its events are made up (the offline sample feed), which the detail pane says. */
  sample: boolean;
  /** What a saved feed of this provider can do besides polling (each with its own requests). */
  capabilities: ProviderCapabilitiesInfo;
}

/** The capabilities a provider's module has, with what the window needs to offer them. */
export interface ProviderCapabilitiesInfo {
  /** Sign in to Kontur with a code (device flow), offered while the feed's settings say so. */
  konturSignIn?: { when: { key: string; values: string[] } };
  /** Get the feed's token from the provider's developer portal; `appIdField` names the setting with the app id. */
  tokenAssistant?: { appIdField: string; eventTypes: { id: string; label: LocalizedText }[] };
  /** Let an account share its events with the integration; `subscriberField` names the setting to suggest as subscriber. */
  sharing?: { subscriberField: string };
}

/**
 * Everything the window's first screen shows, in one answer (`app:boot`), so opening the window costs one round trip
 * rather than a request per part. The match count and an event's detail are not in it: the rows do not wait for them.
 */
export interface BootData {
  prefs: Preferences;
  providers: ProviderInfo[];
  feeds: FeedStatus[];
  unreadCounts: UnreadCounts;
  types: EventTypeInfo[];
  /** No feed is configured yet (as `app:info` says). */
  firstRun: boolean;
  /** The first page of the query the window asked with. */
  page: EventPage;
  /** Main's clock when it answered (UTC ms): the first screen's «N мин. назад» are counted from it. */
  now: number;
  /** «Требует действия»'s counts for the sidebar (as actions:counts answers). */
  actionCounts: ActionCounts;
}

/** How many events the list asks for at a time; the first screen main draws has the first page of this size. */
export const LOG_PAGE_SIZE = 100;

/** The list's query when the window opens (no filter, no search), which main answers in the first screen it draws. */
export const FIRST_QUERY: EventQuery = { limit: LOG_PAGE_SIZE };

/**
 * The window's first screen as main draws it into index.html (main/platform/first-screen.ts): the data it was drawn
 * from goes with it, as JSON in <script type="application/json" id="feedbell-boot">, and the window's React takes
 * the drawn screen over with the same data (hydration), with no round trip before its first render.
 */
export interface DrawnBoot {
  data: BootData;
  query: EventQuery;
}
export const DRAWN_BOOT_ELEMENT_ID = 'feedbell-boot';
/** The User Timing mark the window sets once it answers input (rendered, or the drawn screen taken over). */
export const WINDOW_READY_MARK = 'feedbell:ready';

/** Requests: renderer → main (invoke/handle). Each takes one argument (or none) and returns a promise. */
export interface Requests {
  /** The first screen's data in one answer; `query` is the window's first page (its filter at start). */
  'app:boot': { args: [query: EventQuery]; result: BootData };
  /** «Требует действия»: open items, the nearest deadline first; closed ones too when asked. */
  'actions:list': { args: [options: { includeClosed: boolean }]; result: ActionList };
  /** The person marks an item done (or open again); the answer is the item as it now is, null if unknown. */
  'actions:setDone': { args: [id: string, done: boolean]; result: ActionItem | null };
  'actions:counts': { args: []; result: ActionCounts };
  /** Snooze every notification for an hour or until tomorrow's summary time, or stop snoozing; the new end. */
  'notify:snooze': { args: [choice: SnoozeChoice]; result: { snoozedUntil: number | null } };
  'feeds:list': { args: []; result: FeedStatus[] };
  'events:query': { args: [query: EventQuery]; result: EventPage };
  'events:get': { args: [key: number]; result: EventDetail | null };
  'events:markRead': { args: [keys: number[], read: boolean]; result: number };
  'events:markAllRead': { args: [feedId: string | null]; result: number };
  'events:unreadCounts': { args: []; result: UnreadCounts };
  'events:types': { args: []; result: EventTypeInfo[] };
  /** How many events the filter matches (the query's paging fields are ignored); stops at EVENT_COUNT_LIMIT. */
  'events:count': { args: [filter: EventFilter]; result: EventCount };
  /** Marks read (or unread) every event the filter and search match; the answer's token undoes it. */
  'events:markMatching': { args: [filter: EventFilter, read: boolean]; result: MarkMatchingResult };
  /** Takes back one markMatching (its events get their former state); returns how many changed, 0 once expired. */
  'events:undoMark': { args: [undo: string]; result: number };
  'feeds:setPaused': { args: [feedId: string | null, paused: boolean]; result: void };
  'feeds:syncNow': { args: [feedId: string | null]; result: void };
  /** Adds the sample feed a provider offers for first run (offline, made-up events). */
  'feeds:addSample': { args: []; result: FeedStatus };
  /** The user has read a feed's note (e.g. "there may be a gap"): clear it. */
  'feeds:dismissNote': { args: [feedId: string]; result: void };
  'prefs:get': { args: []; result: Preferences };
  'prefs:update': { args: [patch: Partial<Preferences>]; result: Preferences };
  'app:info': { args: []; result: { version: string; firstRun: boolean; platform: string } };
  /** The data folder, the event log's size and how many events it holds (the Settings view). */
  'app:dataInfo': { args: []; result: DataInfo };
  /** A feed's full configuration for editing (no secrets: those are only ever reported as set or not). */
  'feeds:get': { args: [feedId: string]; result: FeedConfigEntry | null };
  'feeds:add': { args: [config: FeedConfigEntry, secrets: FeedSecretsInput | null]; result: FeedSaveResult };
  'feeds:update': { args: [feedId: string, patch: FeedConfigPatch, secrets: FeedSecretsInput | null]; result: FeedSaveResult };
  'feeds:setEnabled': { args: [feedId: string, enabled: boolean]; result: FeedStatus };
  /** Removes the feed, its events and its secrets. */
  'feeds:remove': { args: [feedId: string]; result: void };
  /** One request with the feed's settings and secret; the answer in words. */
  'feeds:test': { args: [feedId: string]; result: FeedTestResult };
  /**
   * "Test connection" on what is in the form, before saving, without storing anything: the typed secrets win; for an
   * existing feed (`existingFeedId`) its stored secrets are used where nothing was typed and its address did not
   * change origin.
   */
  'feeds:testDraft': {
    args: [config: FeedConfigEntry, secrets: FeedSecretsInput | null, existingFeedId: string | null];
    result: FeedTestResult;
  };
  'secrets:status': { args: [feedId: string]; result: SecretStatus };
  /** The keychain's state; `recheck` probes it again (the user unlocked it), `allowSession` keeps secrets in memory. */
  'secrets:keychain': { args: [action: 'status' | 'recheck' | 'allowSession']; result: KeychainInfo };
  /** The feed configuration as JSON ({"feeds": [...]}), without secrets. */
  'feeds:export': { args: []; result: string };
  /** Adds the feeds of a configuration JSON; feeds whose id exists are skipped, not overwritten. */
  'feeds:import': { args: [json: string]; result: FeedImportResult };
  /** The providers: names, colours, link hosts, feed forms and capabilities. */
  'providers:list': { args: []; result: ProviderInfo[] };
  /** Kontur sign-in: starts the device flow; the code comes as konturSignIn:prompt, the end as konturSignIn:done. */
  'konturSignIn:start': { args: [feedId: string]; result: void };
  'konturSignIn:cancel': { args: [feedId: string]; result: void };
  /** Forgets the feed's sign-in (the refresh token in the keychain, the access token in memory). */
  'konturSignIn:signOut': { args: [feedId: string]; result: SecretStatus };
  /** Token assistant: sign in to the developer portal for a saved feed (the password is never stored or logged). */
  'tokenAssistant:signIn': {
    args: [input: { feedId: string; login: string; password: string; twoFactorCode?: string }];
    result: TokenAssistantSignInResult;
  };
  'tokenAssistant:listTokens': {
    args: [feedId: string, sessionId: string];
    result: TokenAssistantStepResult<PersonalTokenInfo[]>;
  };
  /** Adds event:read to the token (its value changes) and keeps the new value as the feed's secret; returns only the secret status. */
  'tokenAssistant:useToken': {
    args: [feedId: string, sessionId: string, tokenId: string];
    result: TokenAssistantStepResult<SecretStatus>;
  };
  'tokenAssistant:getEventSettings': {
    args: [feedId: string, sessionId: string, appId: string, versionId: string];
    result: TokenAssistantStepResult<AppEventSettingsInfo | null>;
  };
  'tokenAssistant:setEventSettings': {
    args: [feedId: string, sessionId: string, appId: string, versionId: string, settings: AppEventSettingsInfo];
    result: TokenAssistantStepResult<AppEventSettingsInfo>;
  };
  /** Event sharing: lets `subscriber` (the integration's client_id) read the account's events; run as its administrator. */
  'sharing:share': { args: [feedId: string, accountId: string, subscriber: string]; result: SharingResult<null> };
  /** Event sharing: the accounts that share their events with the feed's sign-in. */
  'sharing:publishers': { args: [feedId: string]; result: SharingResult<PublisherInfo[]> };
  /** Event sharing: stops reading one publisher's events. */
  'sharing:unsubscribe': { args: [feedId: string, publisherId: string]; result: SharingResult<null> };
}

/** Pushed events: main → renderer (webContents.send). */
export interface Pushes {
  /** The items of «Требует действия» changed (new, closed, a day passed): the window asks again. */
  'actions:changed': ActionCounts;
  'events:added': { feedId: string; keys: number[]; count: number };
  'feeds:status': FeedStatus;
  'events:unreadCounts': UnreadCounts;
  /** Main asks the window to show one event (a notification was clicked). */
  'window:openEvent': { key: number };
  /** Main asks the window to show one feed's events (a summary notification was clicked). */
  'window:openFeed': { feedId: string };
  'prefs:changed': Preferences;
  /** Old events were pruned (the retention setting): the window reloads its list and counts. */
  'events:pruned': { count: number };
  'konturSignIn:prompt': KonturPrompt;
  'konturSignIn:done': KonturDone;
}

export type RequestChannel = keyof Requests;
export type PushChannel = keyof Pushes;

export const REQUEST_CHANNELS = [
  'app:boot',
  'actions:list',
  'actions:setDone',
  'actions:counts',
  'notify:snooze',
  'feeds:list',
  'events:query',
  'events:get',
  'events:markRead',
  'events:markAllRead',
  'events:unreadCounts',
  'events:types',
  'events:count',
  'events:markMatching',
  'events:undoMark',
  'feeds:setPaused',
  'feeds:syncNow',
  'feeds:addSample',
  'feeds:dismissNote',
  'prefs:get',
  'prefs:update',
  'app:info',
  'app:dataInfo',
  'feeds:get',
  'feeds:add',
  'feeds:update',
  'feeds:setEnabled',
  'feeds:remove',
  'feeds:test',
  'feeds:testDraft',
  'secrets:status',
  'secrets:keychain',
  'feeds:export',
  'feeds:import',
  'providers:list',
  'konturSignIn:start',
  'konturSignIn:cancel',
  'konturSignIn:signOut',
  'tokenAssistant:signIn',
  'tokenAssistant:listTokens',
  'tokenAssistant:useToken',
  'tokenAssistant:getEventSettings',
  'tokenAssistant:setEventSettings',
  'sharing:share',
  'sharing:publishers',
  'sharing:unsubscribe',
] as const satisfies readonly RequestChannel[];

export const PUSH_CHANNELS = [
  'actions:changed',
  'events:added',
  'feeds:status',
  'events:unreadCounts',
  'window:openEvent',
  'window:openFeed',
  'prefs:changed',
  'events:pruned',
  'konturSignIn:prompt',
  'konturSignIn:done',
] as const satisfies readonly PushChannel[];

/** The methods the preload exposes on `window.feedbell`: one per request, plus `on` for pushes. */
export type FeedbellBridge = {
  [C in RequestChannel]: (...args: Requests[C]['args']) => Promise<Requests[C]['result']>;
} & {
  on<C extends PushChannel>(channel: C, listener: (payload: Pushes[C]) => void): () => void;
};

export const BRIDGE_GLOBAL = 'feedbell';

// Compile-time proof that the channel lists above name every request and push exactly.
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : false;
export const CONTRACT_IS_COMPLETE: Missing<RequestChannel, (typeof REQUEST_CHANNELS)[number]> &
  Missing<PushChannel, (typeof PUSH_CHANNELS)[number]> = true;
