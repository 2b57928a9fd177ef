// The main-side implementation of every request in the contract: the core's requests, and each capability's own
// handler set (a call for a feed whose provider lacks the capability is refused).
import type { FeedbellCore } from '../core/feedbell-core.ts';
import { konturSignInHandlers } from '../core/feeds/capabilities/kontur-sign-in.ts';
import { sharingHandlers } from '../core/feeds/capabilities/sharing.ts';
import { tokenAssistantHandlers } from '../core/feeds/capabilities/token-assistant.ts';
import { providerInfos } from '../core/feeds/provider-info.ts';
import type { RequestHandlers } from './handler-table.ts';

export interface AppInfo {
  version: string;
  platform: string;
}

export function createRequestHandlers(core: FeedbellCore, app: AppInfo): RequestHandlers {
  return {
    'feeds:list': () => core.listFeeds(),
    'events:query': (query) => core.store.query(query),
    'events:get': (key) => core.store.get(key),
    'events:markRead': (keys, read) => core.markRead(keys, read),
    'events:markAllRead': (feedId) => core.markAllRead(feedId),
    'events:unreadCounts': () => core.unreadCounts(),
    'events:types': () => core.store.eventTypes(),
    'feeds:setPaused': (feedId, paused) => core.setPaused(feedId, paused),
    'feeds:syncNow': (feedId) => core.syncNow(feedId),
    'feeds:addSample': () => core.addSampleFeed(),
    'feeds:dismissNote': (feedId) => core.dismissNote(feedId),
    'prefs:get': () => core.preferences(),
    'prefs:update': (patch) => core.updatePreferences(patch),
    'app:info': () => ({ version: app.version, platform: app.platform, firstRun: core.isFirstRun() }),
    'feeds:get': (feedId) => core.feedConfigEntry(feedId),
    'feeds:add': (config, secrets) => core.addFeedFromForm(config, secrets),
    'feeds:update': (feedId, patch, secrets) => core.updateFeedFromForm(feedId, patch, secrets),
    'feeds:setEnabled': (feedId, enabled) => core.setEnabled(feedId, enabled),
    'feeds:remove': (feedId) => core.removeFeed(feedId),
    'feeds:test': (feedId) => core.testFeed(feedId),
    'secrets:status': (feedId) => core.secretStatus(feedId),
    'secrets:keychain': (action) => core.keychainInfo(action),
    'feeds:export': () => core.exportFeeds(),
    'feeds:import': (json) => core.importFeeds(json),
    'providers:list': () => providerInfos(core.providers),
    ...konturSignInHandlers(core.capabilities, (feedId) => core.secretStatus(feedId)),
    ...tokenAssistantHandlers(core.capabilities),
    ...sharingHandlers(core.capabilities),
  };
}
