// Feedbell's secrets: the OS keychain, this session's memory, and FEEDBELL_SECRET_* variables (DESIGN.md section 10).
export {
  accountOfFeed,
  classifyKeychainError,
  IncompleteSecretError,
  KEYCHAIN_SERVICE,
  KeychainSecretStore,
  KeychainUnavailableError,
  KNOWN_SECRET_NAMES,
  MAX_ENTRY_UNITS,
  napiKeyringBinding,
  secretAccount,
  splitSecret,
  type FeedSecretStore,
  type KeychainOptions,
  type KeychainProblemCode,
  type KeychainStatus,
  type KeyringBinding,
  type KeyringEntry,
} from './keychain.ts';
export {
  AppSecretStore,
  cliSecretStore,
  EnvFirstSecretStore,
  openSecretStore,
  SessionSecretStore,
  type AppSecretStoreOptions,
  type EnvFirstOptions,
  type SecretSource,
} from './stores.ts';
export {
  originOf,
  SecretOrigins,
  type FeedAddresses,
  type FeedAddressSource,
  type SignInSecrets,
  type SignInServiceOf,
} from './secret-origins.ts';
export { releaseSecret, SecretOriginError, type StoredSecret } from './secret-release.ts';
