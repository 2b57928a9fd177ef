import { afterEach, describe, expect, it } from 'vitest';
import { FeedbellCore } from '../../main/core/feedbell-core.ts';
import { MemoryFeedsRepository, MemorySettingsStore } from '../../main/core/feeds-repository.ts';
import type { KeychainControl } from '../../main/core/ports.ts';
import { MemorySecretStore } from '../support/memory-secret-store.ts';

const cores: FeedbellCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
});

/** A keychain that is locked until `unlock()`. */
function lockedKeychain() {
  let available = false;
  let sessionAllowed = false;
  const control: KeychainControl & { unlock(): void } = {
    get sessionAllowed() {
      return sessionAllowed;
    },
    async status() {
      return available
        ? { available: true as const }
        : {
            available: false as const,
            problem: { ru: 'Связка ключей заблокирована', en: 'The keyring is locked' },
            fix: { ru: 'Разблокируйте её', en: 'Unlock it' },
          };
    },
    recheck() {
      return this.status();
    },
    allowSession() {
      sessionAllowed = true;
    },
    unlock() {
      available = true;
    },
  };
  return control;
}

function open(keychain?: KeychainControl) {
  const core = FeedbellCore.open({
    dataDir: ':memory:',
    feeds: new MemoryFeedsRepository(),
    settings: new MemorySettingsStore(),
    secrets: new MemorySecretStore(),
    ...(keychain ? { keychain } : {}),
  });
  cores.push(core);
  return core;
}

describe('the keychain as the window sees it', () => {
  it('says what is wrong and how to fix it, records consent to keep secrets in memory, and sees an unlock', async () => {
    const keychain = lockedKeychain();
    const core = open(keychain);
    expect(await core.secrets.keychainInfo()).toEqual({
      available: false,
      problem: { ru: 'Связка ключей заблокирована', en: 'The keyring is locked' },
      fix: { ru: 'Разблокируйте её', en: 'Unlock it' },
      sessionAllowed: false,
    });
    expect(await core.secrets.keychainInfo('allowSession')).toMatchObject({ available: false, sessionAllowed: true });
    keychain.unlock();
    expect(await core.secrets.keychainInfo('recheck')).toMatchObject({ available: true, problem: null });
  });

  it('without a keychain behind the store (tests, the browser bridge) reports the store as usable', async () => {
    expect(await open().secrets.keychainInfo()).toEqual({ available: true, problem: null, fix: null, sessionAllowed: false });
  });
});
