// The Kontur sign-in capability: a feed signs in with a code the user approves in the browser (device flow), and
// its access tokens come from the kept sign-in. Its requests are the konturSignIn:* channels.
import type { SecretStatus } from '../../../../preload/contract.ts';
import type { FeedConfig } from '../../model.ts';
import type { AccessTokenSource } from '../../ports.ts';
import type { CapabilityPorts, HandlerSet } from './capability-ports.ts';
import type { CapabilityRouter } from './capability-router.ts';

/** Where a secret of the sign-in may go: only to the sign-in service, or to the API too. */
export type SignInSecretUse = 'sign-in' | 'both';

export interface KonturSignInCapability {
  /** Whether a feed with these (parsed) settings signs in: its token comes from the sign-in, not from a stored secret. */
  signsIn(settings: Record<string, unknown>): boolean;
  /** The sign-in service's address for these settings, whatever the scheme: its secrets may go to its origin only. */
  signInUrl(settings: Record<string, unknown>): string;
  /** The secrets the sign-in keeps or uses, by name, and where each may go. */
  readonly secrets: Readonly<Record<string, SignInSecretUse>>;
  /** The secret whose presence means "signed in" (the refresh token). */
  readonly sessionSecret: string;
  /** The settings that turn the sign-in on, for the window. */
  readonly when: { key: string; values: string[] };
  /** Starts the capability for the app (once); it keeps running sign-ins and tokens until close(). */
  open(ports: CapabilityPorts): KonturSignIn;
}

/** A running sign-in capability. */
export interface KonturSignIn {
  /** Starts the device flow; the code goes out as `konturSignIn:prompt`, the end as `konturSignIn:done`. */
  start(feed: FeedConfig): { done: Promise<void> };
  cancel(feedId: string): void;
  /** Forgets the feed's sign-in: the access token in memory and the kept refresh token. */
  signOut(feedId: string): Promise<void>;
  /** Access tokens of the feeds that sign in; null where sign-ins cannot be kept (no writable secret store). */
  readonly tokens: AccessTokenSource | null;
  /** Stops every running flow (the app is quitting). */
  close(): void;
}

export type KonturSignInChannel = 'konturSignIn:start' | 'konturSignIn:cancel' | 'konturSignIn:signOut';

export function konturSignInHandlers(
  router: CapabilityRouter,
  secretStatus: (feedId: string) => Promise<SecretStatus>,
): HandlerSet<KonturSignInChannel> {
  return {
    'konturSignIn:start': (feedId) => {
      const { feed, instance } = router.use(feedId, 'konturSignIn');
      instance.start(feed);
    },
    'konturSignIn:cancel': (feedId) => router.use(feedId, 'konturSignIn').instance.cancel(feedId),
    'konturSignIn:signOut': async (feedId) => {
      await router.use(feedId, 'konturSignIn').instance.signOut(feedId);
      return secretStatus(feedId);
    },
  };
}
