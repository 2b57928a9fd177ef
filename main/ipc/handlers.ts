// The main-side implementation of every request in the contract, over the core.
import type { FeedbellCore } from '../core/feedbell-core.ts';
import { providerInfos } from '../core/feeds/provider-info.ts';
import { ExternSharingService } from '../core/extern-sharing-service.ts';
import { SignInService } from '../core/sign-in-service.ts';
import type { RequestHandlers } from './handler-table.ts';

export interface AppInfo {
  version: string;
  platform: string;
}

export function createRequestHandlers(
  core: FeedbellCore,
  app: AppInfo,
  signIn: SignInService = new SignInService(core),
  // Without a secret store only feeds signed in to Kontur can reach Extern; the app passes its keychain store.
  externSharing: ExternSharingService = new ExternSharingService(core),
): RequestHandlers {
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
    'secrets:set': (feedId, name, value) => core.setSecret(feedId, value, name ?? undefined),
    'secrets:status': (feedId) => core.secretStatus(feedId),
    'secrets:keychain': (action) => core.keychainInfo(action),
    'feeds:export': () => core.exportFeeds(),
    'feeds:import': (json) => core.importFeeds(json),
    'providers:list': () => providerInfos(core.providers),
    'auth:konturStart': (feedId) => {
      signIn.konturStart(feedId);
    },
    'auth:konturCancel': (feedId) => signIn.konturCancel(feedId),
    'evotor:signIn': (input) => signIn.evotorSignIn(input),
    'evotor:listTokens': (sessionId) => signIn.evotorListTokens(sessionId),
    'evotor:useToken': (sessionId, tokenId) => signIn.evotorUseToken(sessionId, tokenId),
    'evotor:getEventSettings': (sessionId, appId, versionId) => signIn.evotorGetEventSettings(sessionId, appId, versionId),
    'evotor:setEventSettings': (sessionId, appId, versionId, settings) => signIn.evotorSetEventSettings(sessionId, appId, versionId, settings),
    'extern:share': (feedId, accountId, subscriber) => externSharing.share(feedId, accountId, subscriber),
    'extern:publishers': (feedId) => externSharing.publishers(feedId),
    'extern:unsubscribe': (feedId, publisherId) => externSharing.unsubscribe(feedId, publisherId),
    'auth:konturSignOut': async (feedId) => {
      await signIn.konturSignOut(feedId);
      return core.secretStatus(feedId);
    },
  };
}
