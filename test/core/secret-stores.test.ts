// The secret stores without a real keychain: a fake keyring binding reaches every path (test/keychain has the real one).
import { describe, expect, it } from 'vitest';
import { FeedError, type FeedConfig } from '../../main/core/model.ts';
import {
  AppSecretStore,
  classifyKeychainError,
  cliSecretStore,
  EnvFirstSecretStore,
  KEYCHAIN_SERVICE,
  KeychainSecretStore,
  KeychainUnavailableError,
  openSecretStore,
  secretAccount,
  SessionSecretStore,
  type KeyringBinding,
} from '../../main/core/secrets/index.ts';

const SECRET = 'tok-Very-Secret-4711';

/** A keyring in a Map, or one that fails the way the real binding does (its messages, verbatim). */
function fakeKeyring(failure?: { on: 'entry' | 'set' | 'get' | 'all'; message: string }): KeyringBinding & { items: Map<string, string> } {
  const items = new Map<string, string>();
  const fail = (op: 'entry' | 'set' | 'get') => {
    if (failure && (failure.on === op || failure.on === 'all')) throw new Error(failure.message, { cause: new Error(failure.message) });
  };
  return {
    items,
    entry(service, account) {
      fail('entry');
      const key = `${service}/${account}`;
      return {
        async setPassword(password) {
          fail('set');
          items.set(key, password);
        },
        async getPassword() {
          fail('get');
          return items.get(key) ?? null;
        },
        async deletePassword() {
          fail('get');
          return items.delete(key);
        },
      };
    },
    async accounts(service) {
      return [...items.keys()].filter((k) => k.startsWith(`${service}/`)).map((k) => k.slice(service.length + 1));
    },
  };
}

const NO_BUS = 'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead';
const NO_SERVICE = 'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files';
const LOCKED = "Couldn't access platform storage: Secret Service: unlock prompt was dismissed";
const NO_COLLECTION = "Couldn't access platform storage: Secret Service: no result found";

function feed(id: string, provider: FeedConfig['provider']): FeedConfig {
  return { id, provider, name: id, enabled: true, intervalSec: 60, start: { kind: 'now' }, settings: {} } as FeedConfig;
}

describe('account naming', () => {
  it('is the feed id, or "<feedId>:<name>" for a named secret', () => {
    expect(secretAccount('shop')).toBe('shop');
    expect(secretAccount('shop-1.x', 'apikey')).toBe('shop-1.x:apikey');
    expect(secretAccount('box', 'refresh')).toBe('box:refresh');
  });
  it('refuses what is not a feed id or a secret name, so accounts never collide', () => {
    expect(() => secretAccount('a:b')).toThrow(TypeError);
    expect(() => secretAccount('')).toThrow(TypeError);
    expect(() => secretAccount('shop', 'a:b')).toThrow(TypeError);
    expect(() => secretAccount('shop', '')).toThrow(TypeError);
  });
  it('keychain items go under service "Feedbell"', async () => {
    const keyring = fakeKeyring();
    const store = new KeychainSecretStore({ binding: keyring });
    await store.set('shop', SECRET);
    await store.set('shop', 'k2', 'apikey');
    expect(KEYCHAIN_SERVICE).toBe('Feedbell');
    expect([...keyring.items.keys()].toSorted()).toEqual(['Feedbell/shop', 'Feedbell/shop:apikey']);
  });
});

describe('KeychainSecretStore with a fake keyring', () => {
  it('sets, reads back, tells whether set, deletes; deleting twice is fine', async () => {
    const store = new KeychainSecretStore({ binding: fakeKeyring() });
    expect(store.backend).toBe('keychain');
    expect(await store.get('shop')).toBeNull();
    await store.set('shop', SECRET);
    expect(await store.get('shop')).toBe(SECRET);
    expect(await store.has('shop')).toBe(true);
    expect(await store.has('shop', 'apikey')).toBe(false);
    await store.delete('shop');
    await store.delete('shop');
    expect(await store.has('shop')).toBe(false);
  });

  it('deleteFeed removes the main and every named secret of that feed only', async () => {
    const keyring = fakeKeyring();
    const store = new KeychainSecretStore({ binding: keyring });
    await store.set('shop', 'a');
    await store.set('shop', 'b', 'apikey');
    await store.set('shop', 'c', 'custom');
    await store.set('shop2', 'd');
    await store.deleteFeed('shop');
    expect([...keyring.items.keys()]).toEqual(['Feedbell/shop2']);
  });

  it('probes by writing, reading back and deleting a throwaway item', async () => {
    const keyring = fakeKeyring();
    expect(await new KeychainSecretStore({ binding: keyring }).probe()).toEqual({ available: true });
    expect(keyring.items.size).toBe(0);
  });

  it.each([
    ['entry', NO_BUS, 'no-bus', /no D-Bus session bus/, /GNOME Keyring.*KWallet/],
    ['entry', NO_SERVICE, 'no-service', /no Secret Service/, /Install or unlock GNOME Keyring/],
    ['set', LOCKED, 'locked', /locked/, /Unlock GNOME Keyring or KWallet/],
    ['set', NO_COLLECTION, 'no-collection', /no default keyring/, /Login/],
  ] as const)('says plainly what is missing (%s: %s)', async (on, message, code, problem, fix) => {
    const status = await new KeychainSecretStore({ binding: fakeKeyring({ on, message }), platform: 'linux' }).probe();
    expect(status).toMatchObject({ available: false, code, detail: expect.stringContaining(message) });
    if (status.available) throw new Error('unreachable');
    expect(status.problem.en).toMatch(problem);
    expect(status.fix.en).toMatch(fix);
    expect(status.problem.ru).toMatch(/[а-я]/);
    expect(status.fix.ru).toMatch(/[а-я]/);
  });

  it('classifies the binding errors', () => {
    expect(classifyKeychainError(NO_BUS)).toBe('no-bus');
    expect(classifyKeychainError('Platform failure: DBus error: Failed to connect to socket /nowhere: No such file or directory')).toBe('no-bus');
    expect(classifyKeychainError(NO_SERVICE)).toBe('no-service');
    expect(classifyKeychainError(LOCKED)).toBe('locked');
    expect(classifyKeychainError('zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object')).toBe('locked');
    expect(classifyKeychainError(NO_COLLECTION)).toBe('no-collection');
    expect(classifyKeychainError('something else')).toBe('other');
  });

  it('a missing native module is "unavailable", not a crash', async () => {
    const binding: KeyringBinding = {
      entry() {
        throw new Error("Cannot find module '@napi-rs/keyring-linux-x64-gnu'");
      },
      accounts: async () => [],
    };
    const status = await new KeychainSecretStore({ binding }).probe();
    expect(status).toMatchObject({ available: false, code: 'module' });
  });

  it('operations fail with KeychainUnavailableError (a config FeedError) that never contains the secret', async () => {
    // A binding that (unlike the real one) echoes the password in its error: it must still not come out.
    const keyring = fakeKeyring();
    const leaky: KeyringBinding = {
      entry: (service, account) => ({
        ...keyring.entry(service, account),
        async setPassword(password: string) {
          throw new Error(`Secret Service: item locked while storing ${password}`);
        },
      }),
      accounts: keyring.accounts,
    };
    const store = new KeychainSecretStore({ binding: leaky, platform: 'linux' });
    const err = await store.set('shop', SECRET).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeychainUnavailableError);
    expect(err).toBeInstanceOf(FeedError);
    const e = err as KeychainUnavailableError;
    expect(e.kind).toBe('config');
    expect(e.code).toBe('locked');
    const everything = JSON.stringify({ message: e.message, hint: e.hint, detail: e.detail, problem: e.problem, fix: e.fix, stack: e.stack, cause: String(e.cause) });
    expect(everything).not.toContain(SECRET);
    expect(e.detail).toContain('***');
  });

  it('reads fail with the same plain error when the bus is gone', async () => {
    const store = new KeychainSecretStore({ binding: fakeKeyring({ on: 'entry', message: NO_BUS }), platform: 'linux' });
    await expect(store.get('shop')).rejects.toMatchObject({ name: 'KeychainUnavailableError', code: 'no-bus' });
    await expect(store.deleteFeed('shop')).rejects.toBeInstanceOf(KeychainUnavailableError);
  });

  it('an empty secret or a bad feed id is refused before the keychain is touched', async () => {
    const keyring = fakeKeyring();
    const store = new KeychainSecretStore({ binding: keyring });
    await expect(store.set('shop', '')).rejects.toThrow(TypeError);
    await expect(store.set('not a feed', SECRET)).rejects.toThrow(TypeError);
    expect(keyring.items.size).toBe(0);
  });
});

describe('SessionSecretStore', () => {
  it('keeps secrets in memory only, per account, and forgets a feed', async () => {
    const store = new SessionSecretStore();
    expect(store.backend).toBe('session');
    await store.set('shop', SECRET);
    await store.set('shop', 'k', 'apikey');
    await store.set('other', 'x');
    expect(await store.get('shop')).toBe(SECRET);
    expect(await store.get('shop', 'apikey')).toBe('k');
    expect(await store.has('shop', 'refresh')).toBe(false);
    await store.delete('shop', 'apikey');
    expect(await store.has('shop', 'apikey')).toBe(false);
    await store.set('shop', 'k', 'apikey');
    await store.deleteFeed('shop');
    expect(await store.has('shop')).toBe(false);
    expect(await store.has('shop', 'apikey')).toBe(false);
    expect(await store.get('other')).toBe('x');
    await expect(store.set('shop', '')).rejects.toThrow(TypeError);
  });
});

describe('EnvFirstSecretStore', () => {
  it('FEEDBELL_SECRET_* wins for reading; writes go to the inner store', async () => {
    const inner = new SessionSecretStore();
    const env = { FEEDBELL_SECRET_MY_SHOP: 'from-env', FEEDBELL_SECRET_MY_SHOP_APIKEY: 'key-env', FEEDBELL_SECRET_EMPTY: '' };
    const store = new EnvFirstSecretStore(env, inner);
    await store.set('my-shop', 'from-store');
    expect(await store.get('my-shop')).toBe('from-env');
    expect(await store.get('my-shop', 'apikey')).toBe('key-env');
    expect(await store.source('my-shop')).toBe('env');
    expect(await inner.get('my-shop')).toBe('from-store');
    // An empty variable does not count.
    await store.set('empty', 'stored');
    expect(await store.get('empty')).toBe('stored');
    expect(await store.source('empty')).toBe('session');
    expect(await store.source('nothing')).toBeNull();
    expect(store.backend).toBe('session');
  });

  it('with the keychain unavailable: a required secret fails saying both ways to give it; others read as not set', async () => {
    const keychain = new KeychainSecretStore({ binding: fakeKeyring({ on: 'entry', message: NO_BUS }), platform: 'linux' });
    const store = new EnvFirstSecretStore({ FEEDBELL_SECRET_OK: 'x' }, keychain, { required: (_id, name) => name === undefined });
    expect(await store.get('ok')).toBe('x');
    expect(await store.get('shop', 'apikey')).toBeNull();
    const err = (await store.get('shop').catch((e: unknown) => e)) as FeedError;
    expect(err).toBeInstanceOf(FeedError);
    expect(err.kind).toBe('config');
    expect(err.message).toMatch(/FEEDBELL_SECRET_SHOP is not set and the OS keychain cannot be read/);
    expect(err.message).toMatch(/GNOME Keyring or KWallet/);
    expect(err.hint).toMatch(/secret set shop/);
  });

  it('cliSecretStore requires only the main secret of providers that need one', async () => {
    const keychain = new KeychainSecretStore({ binding: fakeKeyring({ on: 'entry', message: NO_SERVICE }), platform: 'linux' });
    const store = cliSecretStore({}, [feed('demo1', 'demo'), feed('reestro', 'realty')], keychain);
    expect(await store.get('demo1')).toBeNull();
    expect(await store.get('reestro', 'apikey')).toBeNull();
    await expect(store.get('reestro')).rejects.toThrow(/no Secret Service/);
    expect(await cliSecretStore({ FEEDBELL_SECRET_REESTRO: 'sid' }, [feed('reestro', 'realty')], keychain).get('reestro')).toBe('sid');
  });
});

describe('AppSecretStore', () => {
  it('uses the keychain when it works', async () => {
    const keyring = fakeKeyring();
    const store = new AppSecretStore({ allowSessionFallback: false, keychain: new KeychainSecretStore({ binding: keyring }) });
    await store.set('shop', SECRET);
    expect(store.backend).toBe('keychain');
    expect(keyring.items.get('Feedbell/shop')).toBe(SECRET);
    expect(await store.source('shop')).toBe('keychain');
    await store.deleteFeed('shop');
    expect(keyring.items.size).toBe(0);
  });

  it('without a keychain: reads as not set, refuses to write until the session is allowed, then keeps it in memory only', async () => {
    const keyring = fakeKeyring({ on: 'entry', message: NO_BUS });
    const warnings: unknown[] = [];
    const log = { info() {}, warn: (m: string, f?: Record<string, unknown>) => warnings.push([m, f]), error() {} };
    const store = new AppSecretStore({ allowSessionFallback: false, keychain: new KeychainSecretStore({ binding: keyring, platform: 'linux' }), log });
    expect(await store.get('shop')).toBeNull();
    expect(store.backend).toBe('session');
    const refused = (await store.set('shop', SECRET).catch((e: unknown) => e)) as KeychainUnavailableError;
    expect(refused).toBeInstanceOf(KeychainUnavailableError);
    expect(refused.problem.ru).toMatch(/D-Bus/);
    expect(await store.has('shop')).toBe(false);
    store.allowSession();
    await store.set('shop', SECRET);
    expect(await store.get('shop')).toBe(SECRET);
    expect(await store.source('shop')).toBe('session');
    expect(JSON.stringify(warnings)).toMatch(/keychain is unavailable/);
    expect(JSON.stringify(warnings)).not.toContain(SECRET);
    await store.deleteFeed('shop');
    expect(await store.has('shop')).toBe(false);
  });

  it('recheck moves secrets kept in memory into the keychain once it works', async () => {
    let broken = true;
    const keyring = fakeKeyring();
    const binding: KeyringBinding = {
      entry: (service, account) => {
        if (broken) throw new Error(NO_SERVICE);
        return keyring.entry(service, account);
      },
      accounts: keyring.accounts,
    };
    const store = new AppSecretStore({ allowSessionFallback: true, keychain: new KeychainSecretStore({ binding }) });
    await store.set('shop', SECRET);
    await store.set('shop', 'k', 'apikey');
    expect(store.backend).toBe('session');
    broken = false;
    expect(await store.recheck()).toEqual({ available: true });
    expect(store.backend).toBe('keychain');
    expect(keyring.items.get('Feedbell/shop')).toBe(SECRET);
    expect(keyring.items.get('Feedbell/shop:apikey')).toBe('k');
  });

  it('env wins in the app too', async () => {
    const store = new AppSecretStore({ allowSessionFallback: false, env: { FEEDBELL_SECRET_SHOP: 'env' }, keychain: new KeychainSecretStore({ binding: fakeKeyring() }) });
    await store.set('shop', SECRET);
    expect(await store.get('shop')).toBe('env');
    expect(await store.source('shop')).toBe('env');
  });

  it('openSecretStore: the keychain, the session when allowed, else an error saying what to do', async () => {
    const ok = await openSecretStore({ allowSessionFallback: false, keychain: new KeychainSecretStore({ binding: fakeKeyring() }) });
    expect(ok.backend).toBe('keychain');
    const broken = () => new KeychainSecretStore({ binding: fakeKeyring({ on: 'all', message: LOCKED }), platform: 'linux' });
    const session = await openSecretStore({ allowSessionFallback: true, keychain: broken() });
    expect(session.backend).toBe('session');
    expect(session.sessionAllowed).toBe(true);
    await expect(openSecretStore({ allowSessionFallback: false, keychain: broken() })).rejects.toThrow(/locked/);
  });
});
