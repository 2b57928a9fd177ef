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
  const { feeds, forms, polling, preferences, reading, secrets, store } = core;
  const info = () => ({ version: app.version, platform: app.platform, firstRun: feeds.isEmpty() });
  return {
    // The first page first: it is what the window waits for.
    'app:boot': (query) => ({
      page: store.query(query),
      prefs: preferences.get(),
      providers: providerInfos(core.providers),
      feeds: polling.list(),
      unreadCounts: reading.unreadCounts(),
      types: core.events.types(),
      firstRun: info().firstRun,
      now: Date.now(),
      actionCounts: core.actions.counts(),
    }),
    'actions:list': (options) => core.actions.list(options),
    'actions:setDone': (id, done) => core.actions.setDone(id, done),
    'actions:counts': () => core.actions.counts(),
    'notify:snooze': (choice) => core.snooze(choice),
    'feeds:list': () => polling.list(),
    'events:query': (query) => store.query(query),
    'events:get': (key) => core.events.get(key),
    'events:markRead': (keys, read) => reading.markRead(keys, read),
    'events:markAllRead': (feedId) => reading.markAllRead(feedId),
    'events:unreadCounts': () => reading.unreadCounts(),
    'events:types': () => core.events.types(),
    'events:count': (filter) => store.countMatching(filter),
    'events:markMatching': (filter, read) => reading.markMatching(filter, read),
    'events:undoMark': (undo) => reading.undoMark(undo),
    'feeds:setPaused': (feedId, paused) => polling.setPaused(feedId, paused),
    'feeds:syncNow': (feedId) => polling.syncNow(feedId),
    'feeds:addSample': () => feeds.addSample(),
    'feeds:dismissNote': (feedId) => polling.dismissNote(feedId),
    'prefs:get': () => preferences.get(),
    'prefs:update': (patch) => preferences.update(patch),
    'app:dataInfo': () => core.dataInfo(),
    'app:info': info,
    'feeds:get': (feedId) => feeds.entry(feedId),
    'feeds:add': (config, typed) => forms.add(config, typed),
    'feeds:update': (feedId, patch, typed) => forms.update(feedId, patch, typed),
    'feeds:setEnabled': (feedId, enabled) => feeds.setEnabled(feedId, enabled),
    'feeds:remove': (feedId) => feeds.remove(feedId),
    'feeds:test': (feedId) => polling.test(feedId),
    'feeds:testDraft': (config, typed, existingFeedId) => forms.testDraft(config, typed, existingFeedId),
    'secrets:status': (feedId) => secrets.status(feedId),
    'secrets:keychain': (action) => secrets.keychainInfo(action),
    'feeds:export': () => feeds.exportConfig(),
    'feeds:import': (json) => feeds.importConfig(json),
    'providers:list': () => providerInfos(core.providers),
    ...konturSignInHandlers(core.capabilities, (feedId) => secrets.status(feedId)),
    ...tokenAssistantHandlers(core.capabilities),
    ...sharingHandlers(core.capabilities),
  };
}
