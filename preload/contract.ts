// The IPC API between the window and main, declared once: data types, requests and pushed events.
// Imported by main, preload and renderer; imports nothing (DESIGN.md section 2).

export type ProviderId = 'demo' | 'evotor' | 'diadoc' | 'extern' | 'realty';
export const PROVIDER_IDS: readonly ProviderId[] = ['demo', 'evotor', 'diadoc', 'extern', 'realty'];

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

/** An event with its raw payload, for the detail pane. */
export interface EventDetail extends EventRecord {
  payload: unknown;
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
  | 'config';

export interface FeedErrorInfo {
  kind: FeedErrorKind;
  message: string;
  /** What the user can do about it, when there is something. */
  hint?: string;
  /** The service's own error code and trace id, for support. */
  detail?: string;
  at: number;
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
  /** A note the user should see, e.g. a possible gap after a cursor reset. */
  note: string | null;
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
}

export type UnreadCounts = Record<string, number>;

/** Requests: renderer → main (invoke/handle). Each takes one argument (or none) and returns a promise. */
export interface Requests {
  'feeds:list': { args: []; result: FeedStatus[] };
  'events:query': { args: [query: EventQuery]; result: EventPage };
  'events:get': { args: [key: number]; result: EventDetail | null };
  'events:markRead': { args: [keys: number[], read: boolean]; result: number };
  'events:markAllRead': { args: [feedId: string | null]; result: number };
  'events:unreadCounts': { args: []; result: UnreadCounts };
  'events:types': { args: []; result: { provider: ProviderId; type: string }[] };
  'feeds:setPaused': { args: [feedId: string | null, paused: boolean]; result: void };
  'feeds:syncNow': { args: [feedId: string | null]; result: void };
  'feeds:addDemo': { args: []; result: FeedStatus };
  /** The user has read a feed's note (e.g. "there may be a gap"): clear it. */
  'feeds:dismissNote': { args: [feedId: string]; result: void };
  'prefs:get': { args: []; result: Preferences };
  'prefs:update': { args: [patch: Partial<Preferences>]; result: Preferences };
  'app:info': { args: []; result: { version: string; firstRun: boolean; platform: string } };
}

/** Pushed events: main → renderer (webContents.send). */
export interface Pushes {
  'events:added': { feedId: string; keys: number[]; count: number };
  'feeds:status': FeedStatus;
  'events:unreadCounts': UnreadCounts;
  /** Main asks the window to show one event (a notification was clicked). */
  'window:openEvent': { key: number };
  /** Main asks the window to show one feed's events (a summary notification was clicked). */
  'window:openFeed': { feedId: string };
  'prefs:changed': Preferences;
}

export type RequestChannel = keyof Requests;
export type PushChannel = keyof Pushes;

export const REQUEST_CHANNELS = [
  'feeds:list',
  'events:query',
  'events:get',
  'events:markRead',
  'events:markAllRead',
  'events:unreadCounts',
  'events:types',
  'feeds:setPaused',
  'feeds:syncNow',
  'feeds:addDemo',
  'feeds:dismissNote',
  'prefs:get',
  'prefs:update',
  'app:info',
] as const satisfies readonly RequestChannel[];

export const PUSH_CHANNELS = [
  'events:added',
  'feeds:status',
  'events:unreadCounts',
  'window:openEvent',
  'window:openFeed',
  'prefs:changed',
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
