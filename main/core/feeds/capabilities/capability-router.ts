// The capabilities a module may have, what the window learns of them, and how a capability request finds the
// running capability of the feed it names.
import type { ProviderCapabilitiesInfo } from '../../../../preload/contract.ts';
import type { FeedConfig } from '../../model.ts';
import type { KonturSignIn, KonturSignInCapability } from './kontur-sign-in.ts';
import type { Sharing, SharingCapability } from './sharing.ts';
import type { TokenAssistant, TokenAssistantCapability } from './token-assistant.ts';

/** What a saved feed of a provider can do besides polling; each capability brings its own request channels. */
export interface ProviderCapabilities {
  konturSignIn?: KonturSignInCapability;
  tokenAssistant?: TokenAssistantCapability;
  sharing?: SharingCapability;
}

/** The running form of each capability. */
export interface RunningCapabilities {
  konturSignIn: KonturSignIn;
  tokenAssistant: TokenAssistant;
  sharing: Sharing;
}

export type CapabilityKind = keyof RunningCapabilities;

export interface CapabilityRouter {
  /** The feed and its provider's running capability; throws CapabilityRefused when the feed has none (or is unknown). */
  use<K extends CapabilityKind>(feedId: string, kind: K): { feed: FeedConfig; instance: RunningCapabilities[K] };
}

/** What the window needs to offer a module's capabilities. */
export function capabilitiesInfo(capabilities: ProviderCapabilities): ProviderCapabilitiesInfo {
  const { konturSignIn, tokenAssistant, sharing } = capabilities;
  return {
    ...(konturSignIn ? { konturSignIn: { when: structuredClone(konturSignIn.when) } } : {}),
    ...(tokenAssistant
      ? { tokenAssistant: { appIdField: tokenAssistant.appIdField, eventTypes: structuredClone([...tokenAssistant.eventTypes]) } }
      : {}),
    ...(sharing ? { sharing: { subscriberField: sharing.subscriberField } } : {}),
  };
}
