// Strict, bounded argument schemas for every request of the contract: what main accepts from a window.
import { z } from 'zod';
import {
  PANE_WIDTHS,
  RETENTION_DAYS,
  type NotifyRule,
  type QuietHours,
  type RequestChannel,
  type Requests,
} from '../../preload/contract.ts';
import { BUILT_IN_PROVIDERS } from '../core/feeds/registry.ts';

const feedId = z.string().min(1).max(64);
const eventKey = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const epochMs = z.int().min(0).max(8.64e15);

/** Only the ids of the providers main runs with. */
function providerIdOf(providerIds: readonly string[]) {
  return z.enum(providerIds as [string, ...string[]]);
}

const eventFilterShape = (providerIds: readonly string[]) => ({
  feedIds: z.array(feedId).max(200).optional(),
  providers: z.array(providerIdOf(providerIds)).max(providerIds.length).optional(),
  types: z.array(z.string().min(1).max(200)).max(200).optional(),
  unreadOnly: z.boolean().optional(),
  since: epochMs.optional(),
  until: epochMs.optional(),
  search: z.string().max(500).optional(),
});

const eventQueryOf = (providerIds: readonly string[]) =>
  z.strictObject({
    ...eventFilterShape(providerIds),
    after: z.string().max(20).optional(),
    limit: z.int().min(1).max(500).optional(),
  });

/** A filter; a whole query is accepted too (the window may pass its current query), its paging fields ignored. */
const eventFilterOf = (providerIds: readonly string[]) =>
  eventQueryOf(providerIds).transform(({ after: _after, limit: _limit, ...filter }) => filter);

/** HH:MM, 00:00–23:59. */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day, HH:MM');

const quietHours = z.strictObject({
  enabled: z.boolean(),
  from: timeOfDay,
  to: timeOfDay,
  daysOff: z.boolean(),
  allowUrgent: z.boolean(),
}) satisfies z.ZodType<QuietHours>;

const notifyRule = z.strictObject({
  feedId: feedId.nullable(),
  type: z.string().min(1).max(200).nullable(),
  organisation: z.string().min(1).max(200).nullable(),
  mode: z.enum(['notify', 'count', 'ignore']),
}) satisfies z.ZodType<NotifyRule>;

const preferencesPatch = z.strictObject({
  language: z.enum(['ru', 'en']).optional(),
  theme: z.enum(['system', 'light', 'dark']).optional(),
  notifications: z.boolean().optional(),
  burstThreshold: z.int().min(1).max(1000).optional(),
  openAtLogin: z.boolean().optional(),
  retentionDays: z.int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max).nullable().optional(),
  quietHours: quietHours.optional(),
  notifyRules: z.array(notifyRule).max(500).optional(),
  dailySummary: z.strictObject({ enabled: z.boolean(), at: timeOfDay }).optional(),
  layout: z
    .strictObject({
      sidebarWidth: z.number().min(PANE_WIDTHS.sidebar.min).max(PANE_WIDTHS.sidebar.max),
      detailWidth: z.number().min(PANE_WIDTHS.detail.min).max(PANE_WIDTHS.detail.max),
      filtersOpen: z.boolean(),
    })
    .optional(),
  proxy: z
    .string()
    .max(300)
    .refine(
      (value) => value === '' || /^(https?|socks5):\/\/[^\s]+$/.test(value),
      'must be empty or an http(s):// or socks5:// URL',
    )
    .optional(),
});

/** A secret typed into a form: bounded, and never echoed (the router logs an issue's message, never the input). */
const secretValue = z.string().min(1).max(4096);
const secretName = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/);
const feedSecrets = z
  .strictObject({ main: secretValue.optional(), extras: z.record(secretName, secretValue).optional() })
  .nullable();

/** Settings of one feed: checked field by field by the service's own schema in the core; here only bounded. */
const settingsValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(50)]);
const feedSettings = z
  .record(z.string().min(1).max(64), settingsValue)
  .refine((s) => Object.keys(s).length <= 30, 'too many settings');
const startValue = z.string().min(1).max(40);

const feedConfigEntryOf = (providerIds: readonly string[]) =>
  z.strictObject({
    id: z.string().max(64),
    provider: providerIdOf(providerIds),
    name: z.string().max(200),
    enabled: z.boolean(),
    intervalSec: z.number(),
    start: startValue,
    settings: feedSettings,
  });

const feedConfigPatch = z.strictObject({
  name: z.string().max(200).optional(),
  enabled: z.boolean().optional(),
  intervalSec: z.number().optional(),
  start: startValue.optional(),
  settings: feedSettings.optional(),
});

/** Token assistant: a portal session id (a UUID main made), and ids from the portal that go into its paths. */
const sessionId = z.uuid();
const portalId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.-]+$/);
const appEventSettings = z.strictObject({ active: z.boolean(), events: z.array(z.string().min(1).max(60)).max(20) });
/** Event sharing: bounded here; the service checks the account GUID and the subscriber and answers in words. */
const accountId = z.string().max(100);
const subscriber = z.string().max(200);
const publisherId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\s/?#]+$/);

/**
 * One tuple schema per channel, for the providers main runs with, tied to the contract: a channel missing here, or a
 * schema whose output is not the channel's arguments, does not compile.
 */
export function requestSchemas(providerIds: readonly string[]) {
  const eventQuery = eventQueryOf(providerIds);
  const eventFilter = eventFilterOf(providerIds);
  const feedConfigEntry = feedConfigEntryOf(providerIds);
  return {
    'feeds:list': z.tuple([]),
    'events:query': z.tuple([eventQuery]),
    'events:get': z.tuple([eventKey]),
    'events:markRead': z.tuple([z.array(eventKey).min(1).max(1000), z.boolean()]),
    'events:markAllRead': z.tuple([feedId.nullable()]),
    'events:unreadCounts': z.tuple([]),
    'events:types': z.tuple([]),
    'events:count': z.tuple([eventFilter]),
    'events:markMatching': z.tuple([eventFilter, z.boolean()]),
    'events:undoMark': z.tuple([z.uuid()]),
    'feeds:setPaused': z.tuple([feedId.nullable(), z.boolean()]),
    'feeds:syncNow': z.tuple([feedId.nullable()]),
    'feeds:addSample': z.tuple([]),
    'feeds:dismissNote': z.tuple([feedId]),
    'actions:list': z.tuple([z.strictObject({ includeClosed: z.boolean() })]),
    'actions:setDone': z.tuple([z.string().min(1).max(500), z.boolean()]),
    'actions:counts': z.tuple([]),
    'notify:snooze': z.tuple([z.enum(['hour', 'tomorrow', 'off'])]),
    'prefs:get': z.tuple([]),
    'prefs:update': z.tuple([preferencesPatch]),
    'app:info': z.tuple([]),
    'app:dataInfo': z.tuple([]),
    'app:boot': z.tuple([eventQuery]),
    'feeds:get': z.tuple([feedId]),
    'feeds:add': z.tuple([feedConfigEntry, feedSecrets]),
    'feeds:update': z.tuple([feedId, feedConfigPatch, feedSecrets]),
    'feeds:setEnabled': z.tuple([feedId, z.boolean()]),
    'feeds:remove': z.tuple([feedId]),
    'feeds:test': z.tuple([feedId]),
    'feeds:testDraft': z.tuple([feedConfigEntry, feedSecrets, feedId.nullable()]),
    'secrets:status': z.tuple([feedId]),
    'secrets:keychain': z.tuple([z.enum(['status', 'recheck', 'allowSession'])]),
    'feeds:export': z.tuple([]),
    'feeds:import': z.tuple([z.string().min(1).max(30_000)]),
    'providers:list': z.tuple([]),
    'konturSignIn:start': z.tuple([feedId]),
    'konturSignIn:cancel': z.tuple([feedId]),
    'konturSignIn:signOut': z.tuple([feedId]),
    'tokenAssistant:signIn': z.tuple([
      z.strictObject({
        feedId,
        login: z.string().min(1).max(200),
        password: z.string().min(1).max(200),
        twoFactorCode: z.string().max(20).optional(),
      }),
    ]),
    'tokenAssistant:listTokens': z.tuple([feedId, sessionId]),
    'tokenAssistant:useToken': z.tuple([feedId, sessionId, portalId]),
    'tokenAssistant:getEventSettings': z.tuple([feedId, sessionId, portalId, portalId]),
    'tokenAssistant:setEventSettings': z.tuple([feedId, sessionId, portalId, portalId, appEventSettings]),
    'sharing:share': z.tuple([feedId, accountId, subscriber]),
    'sharing:publishers': z.tuple([feedId]),
    'sharing:unsubscribe': z.tuple([feedId, publisherId]),
  } satisfies { [C in RequestChannel]: z.ZodType<Requests[C]['args']> };
}

export type RequestSchemas = ReturnType<typeof requestSchemas>;

/** The schemas for the built-in providers: what the app's window may send. */
export const REQUEST_SCHEMAS = requestSchemas(BUILT_IN_PROVIDERS.ids());

/** Largest serialized argument list main will look at, whatever the channel. */
export const MAX_REQUEST_BYTES = 32 * 1024;
