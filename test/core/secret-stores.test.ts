// The secret stores without a real keychain: a fake keyring binding reaches every path (test/keychain has the real one).
import { describe, expect, it } from 'vitest';
import { FeedError, type FeedConfig } from '../../main/core/model.ts';
import {
  AppSecretStore,
  classifyKeychainError,
  cliSecretStore,
  EnvFirstSecretStore,
  IncompleteSecretError,
  KEYCHAIN_SERVICE,
  KeychainSecretStore,
  KeychainUnavailableError,
  MAX_ENTRY_UNITS,
  openSecretStore,
  SecretOriginError,
  secretAccount,
  SessionSecretStore,
  splitSecret,
  type KeyringBinding,
} from '../../main/core/secrets/index.ts';

const SECRET = 'tok-Very-Secret-4711';
const API = 'https://api.example';
/** Where the secrets of these tests are entered for, and a request there. */
const ORIGINS = [API];
const TO = { origin: API, origins: ORIGINS };
/** What the keychain entry of a short secret holds: the secret in an envelope with its origins. */
const envelope = (secret: string, origins: string[] | undefined = ORIGINS) =>
  JSON.stringify({ feedbell: 1, ...(origins ? { origins } : {}), secret });

/** A keyring in a Map, or one that fails the way the real binding does (its messages, verbatim). */
function fakeKeyring(failure?: {
  on: 'entry' | 'set' | 'get' | 'all';
  message: string;
}): KeyringBinding & { items: Map<string, string> } {
  const items = new Map<string, string>();
  const fail = (op: 'entry' | 'set' | 'get') => {
    if (failure && (failure.on === op || failure.on === 'all'))
      throw new Error(failure.message, { cause: new Error(failure.message) });
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

const NO_BUS =
  'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead';
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
    await store.set('shop', SECRET, undefined, ORIGINS);
    await store.set('shop', 'k2', 'apikey', ORIGINS);
    expect(KEYCHAIN_SERVICE).toBe('Feedbell');
    expect([...keyring.items.keys()].toSorted()).toEqual(['Feedbell/shop', 'Feedbell/shop:apikey']);
  });
});

describe('KeychainSecretStore with a fake keyring', () => {
  it('sets, reads back, tells whether set, deletes; deleting twice is fine', async () => {
    const store = new KeychainSecretStore({ binding: fakeKeyring() });
    expect(store.backend).toBe('keychain');
    expect(await store.get('shop', undefined, TO)).toBeNull();
    await store.set('shop', SECRET, undefined, ORIGINS);
    expect(await store.get('shop', undefined, TO)).toBe(SECRET);
    expect(await store.has('shop')).toBe(true);
    expect(await store.has('shop', 'apikey')).toBe(false);
    await store.delete('shop');
    await store.delete('shop');
    expect(await store.has('shop')).toBe(false);
  });

  it('deleteFeed removes the main and every named secret of that feed only', async () => {
    const keyring = fakeKeyring();
    const store = new KeychainSecretStore({ binding: keyring });
    await store.set('shop', 'a', undefined, ORIGINS);
    await store.set('shop', 'b', 'apikey', ORIGINS);
    await store.set('shop', 'c', 'custom', ORIGINS);
    await store.set('shop2', 'd', undefined, ORIGINS);
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
    expect(
      classifyKeychainError('Platform failure: DBus error: Failed to connect to socket /nowhere: No such file or directory'),
    ).toBe('no-bus');
    expect(classifyKeychainError(NO_SERVICE)).toBe('no-service');
    expect(classifyKeychainError(LOCKED)).toBe('locked');
    expect(classifyKeychainError('zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object')).toBe(
      'locked',
    );
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
    const err = await store.set('shop', SECRET, undefined, ORIGINS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeychainUnavailableError);
    expect(err).toBeInstanceOf(FeedError);
    const e = err as KeychainUnavailableError;
    expect(e.kind).toBe('config');
    expect(e.code).toBe('locked');
    const everything = JSON.stringify({
      message: e.message,
      hint: e.hint,
      detail: e.detail,
      problem: e.problem,
      fix: e.fix,
      stack: e.stack,
      cause: String(e.cause),
    });
    expect(everything).not.toContain(SECRET);
    expect(e.detail).toContain('***');
  });

  it('reads fail with the same plain error when the bus is gone', async () => {
    const store = new KeychainSecretStore({ binding: fakeKeyring({ on: 'entry', message: NO_BUS }), platform: 'linux' });
    await expect(store.get('shop', undefined, TO)).rejects.toMatchObject({ name: 'KeychainUnavailableError', code: 'no-bus' });
    await expect(store.deleteFeed('shop')).rejects.toBeInstanceOf(KeychainUnavailableError);
  });

  it('an empty secret or a bad feed id is refused before the keychain is touched', async () => {
    const keyring = fakeKeyring();
    const store = new KeychainSecretStore({ binding: keyring });
    await expect(store.set('shop', '', undefined, ORIGINS)).rejects.toThrow(TypeError);
    await expect(store.set('not a feed', SECRET, undefined, ORIGINS)).rejects.toThrow(TypeError);
    expect(keyring.items.size).toBe(0);
  });
});

describe('SessionSecretStore', () => {
  it('keeps secrets in memory only, per account, and forgets a feed', async () => {
    const store = new SessionSecretStore();
    expect(store.backend).toBe('session');
    await store.set('shop', SECRET, undefined, ORIGINS);
    await store.set('shop', 'k', 'apikey', ORIGINS);
    await store.set('other', 'x', undefined, ORIGINS);
    expect(await store.get('shop', undefined, TO)).toBe(SECRET);
    expect(await store.get('shop', 'apikey', TO)).toBe('k');
    expect(await store.has('shop', 'refresh')).toBe(false);
    await store.delete('shop', 'apikey');
    expect(await store.has('shop', 'apikey')).toBe(false);
    await store.set('shop', 'k', 'apikey', ORIGINS);
    await store.deleteFeed('shop');
    expect(await store.has('shop')).toBe(false);
    expect(await store.has('shop', 'apikey')).toBe(false);
    expect(await store.get('other', undefined, TO)).toBe('x');
    await expect(store.set('shop', '', undefined, ORIGINS)).rejects.toThrow(TypeError);
  });
});

describe('EnvFirstSecretStore', () => {
  it('FEEDBELL_SECRET_* wins for reading; writes go to the inner store', async () => {
    const inner = new SessionSecretStore();
    const env = { FEEDBELL_SECRET_MY_SHOP: 'from-env', FEEDBELL_SECRET_MY_SHOP_APIKEY: 'key-env', FEEDBELL_SECRET_EMPTY: '' };
    const store = new EnvFirstSecretStore(env, inner);
    await store.set('my-shop', 'from-store', undefined, ORIGINS);
    expect(await store.get('my-shop', undefined, TO)).toBe('from-env');
    expect(await store.get('my-shop', 'apikey', TO)).toBe('key-env');
    expect(await store.source('my-shop')).toBe('env');
    expect(await inner.get('my-shop', undefined, TO)).toBe('from-store');
    // An empty variable does not count.
    await store.set('empty', 'stored', undefined, ORIGINS);
    expect(await store.get('empty', undefined, TO)).toBe('stored');
    expect(await store.source('empty')).toBe('session');
    expect(await store.source('nothing')).toBeNull();
    expect(store.backend).toBe('session');
  });

  it('with the keychain unavailable: a required secret fails saying both ways to give it; others read as not set', async () => {
    const keychain = new KeychainSecretStore({ binding: fakeKeyring({ on: 'entry', message: NO_BUS }), platform: 'linux' });
    const store = new EnvFirstSecretStore({ FEEDBELL_SECRET_OK: 'x' }, keychain, { required: (_id, name) => name === undefined });
    expect(await store.get('ok', undefined, TO)).toBe('x');
    expect(await store.get('shop', 'apikey', TO)).toBeNull();
    const err = (await store.get('shop', undefined, TO).catch((e: unknown) => e)) as FeedError;
    expect(err).toBeInstanceOf(FeedError);
    expect(err.kind).toBe('config');
    expect(err.message).toMatch(/FEEDBELL_SECRET_SHOP is not set and the OS keychain cannot be read/);
    expect(err.message).toMatch(/GNOME Keyring or KWallet/);
    expect(err.hint).toMatch(/secret set shop/);
  });

  it('cliSecretStore requires only the main secret of providers that need one', async () => {
    const keychain = new KeychainSecretStore({ binding: fakeKeyring({ on: 'entry', message: NO_SERVICE }), platform: 'linux' });
    const store = cliSecretStore({}, [feed('demo1', 'demo'), feed('reestro', 'realty')], keychain);
    expect(await store.get('demo1', undefined, TO)).toBeNull();
    expect(await store.get('reestro', 'apikey', TO)).toBeNull();
    await expect(store.get('reestro', undefined, TO)).rejects.toThrow(/no Secret Service/);
    expect(
      await cliSecretStore({ FEEDBELL_SECRET_REESTRO: 'sid' }, [feed('reestro', 'realty')], keychain).get(
        'reestro',
        undefined,
        TO,
      ),
    ).toBe('sid');
  });
});

describe('AppSecretStore', () => {
  it('uses the keychain when it works', async () => {
    const keyring = fakeKeyring();
    const store = new AppSecretStore({ allowSessionFallback: false, keychain: new KeychainSecretStore({ binding: keyring }) });
    await store.set('shop', SECRET, undefined, ORIGINS);
    expect(store.backend).toBe('keychain');
    expect(keyring.items.get('Feedbell/shop')).toBe(envelope(SECRET));
    expect(await store.source('shop')).toBe('keychain');
    await store.deleteFeed('shop');
    expect(keyring.items.size).toBe(0);
  });

  it('without a keychain: reads as not set, refuses to write until the session is allowed, then keeps it in memory only', async () => {
    const keyring = fakeKeyring({ on: 'entry', message: NO_BUS });
    const warnings: unknown[] = [];
    const log = { info() {}, warn: (m: string, f?: Record<string, unknown>) => warnings.push([m, f]), error() {} };
    const store = new AppSecretStore({
      allowSessionFallback: false,
      keychain: new KeychainSecretStore({ binding: keyring, platform: 'linux' }),
      log,
    });
    expect(await store.get('shop', undefined, TO)).toBeNull();
    expect(store.backend).toBe('session');
    const refused = (await store.set('shop', SECRET, undefined, ORIGINS).catch((e: unknown) => e)) as KeychainUnavailableError;
    expect(refused).toBeInstanceOf(KeychainUnavailableError);
    expect(refused.problem.ru).toMatch(/D-Bus/);
    expect(await store.has('shop')).toBe(false);
    store.allowSession();
    await store.set('shop', SECRET, undefined, ORIGINS);
    expect(await store.get('shop', undefined, TO)).toBe(SECRET);
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
    await store.set('shop', SECRET, undefined, ORIGINS);
    await store.set('shop', 'k', 'apikey', ORIGINS);
    expect(store.backend).toBe('session');
    broken = false;
    expect(await store.recheck()).toEqual({ available: true });
    expect(store.backend).toBe('keychain');
    expect(keyring.items.get('Feedbell/shop')).toBe(envelope(SECRET));
    expect(keyring.items.get('Feedbell/shop:apikey')).toBe(envelope('k'));
  });

  it('env wins in the app too', async () => {
    const store = new AppSecretStore({
      allowSessionFallback: false,
      env: { FEEDBELL_SECRET_SHOP: 'env' },
      keychain: new KeychainSecretStore({ binding: fakeKeyring() }),
    });
    await store.set('shop', SECRET, undefined, ORIGINS);
    expect(await store.get('shop', undefined, TO)).toBe('env');
    expect(await store.source('shop')).toBe('env');
  });

  it('openSecretStore: the keychain, the session when allowed, else an error saying what to do', async () => {
    const ok = await openSecretStore({
      allowSessionFallback: false,
      keychain: new KeychainSecretStore({ binding: fakeKeyring() }),
    });
    expect(ok.backend).toBe('keychain');
    const broken = () => new KeychainSecretStore({ binding: fakeKeyring({ on: 'all', message: LOCKED }), platform: 'linux' });
    const session = await openSecretStore({ allowSessionFallback: true, keychain: broken() });
    expect(session.backend).toBe('session');
    expect(session.sessionAllowed).toBe(true);
    await expect(openSecretStore({ allowSessionFallback: false, keychain: broken() })).rejects.toThrow(/locked/);
  });
});

/** A fake keyring with the keychain and session stores over it, logging into `lines`. */
function stores() {
  const keyring = fakeKeyring();
  const lines: string[] = [];
  const log = {
    info: (m: string, f?: Record<string, unknown>) => lines.push(`${m} ${JSON.stringify(f ?? {})}`),
    warn() {},
    error() {},
  };
  return {
    keyring,
    lines,
    log,
    keychain: new KeychainSecretStore({ binding: keyring, log }),
    session: new SessionSecretStore({ log }),
  };
}

describe('a secret goes only to the origins it was entered for', () => {
  const OTHER = { origin: 'https://evil.example', origins: ['https://evil.example'] };

  it('the keychain keeps the origins in the entry and refuses a request to another origin, without the secret', async () => {
    const { keyring, keychain } = stores();
    await keychain.set('shop', SECRET, undefined, ORIGINS);
    expect(keyring.items.get('Feedbell/shop')).toBe(JSON.stringify({ feedbell: 1, origins: ORIGINS, secret: SECRET }));
    expect(await keychain.get('shop', undefined, TO)).toBe(SECRET);
    const err = (await keychain.get('shop', undefined, OTHER).catch((e: unknown) => e)) as SecretOriginError;
    expect(err).toBeInstanceOf(SecretOriginError);
    expect(err).toMatchObject({ kind: 'auth' });
    expect(err.message).toBe(
      'The stored token was entered for another address (https://api.example), not for https://evil.example: enter it again',
    );
    expect(err.hint).toMatch(/^Введите токен заново в настройках ленты: сохранённый был введён для другого адреса/);
    expect(JSON.stringify({ m: err.message, h: err.hint, d: err.detail })).not.toContain(SECRET);
    // The origins the feed sends it to now do not matter: only the recorded ones.
    await expect(
      keychain.get('shop', undefined, { origin: 'https://evil.example', origins: ['https://evil.example', API] }),
    ).rejects.toBeInstanceOf(SecretOriginError);
  });

  it('a secret entered for two origins (an API key: the API and the sign-in service) goes to either', async () => {
    const { keychain } = stores();
    const both = [API, 'https://identity.kontur.ru'];
    await keychain.set('ext', 'key', 'apikey', both);
    expect(await keychain.get('ext', 'apikey', { origin: 'https://identity.kontur.ru', origins: both })).toBe('key');
    expect(await keychain.get('ext', 'apikey', { origin: API, origins: both })).toBe('key');
  });

  it('migration: an entry without origins (an older Feedbell, secret-tool, `feedbell secret set`) is bound to the feed’s current origins on first read, and the log says so', async () => {
    const { keyring, keychain, lines } = stores();
    keyring.items.set('Feedbell/shop', SECRET);
    expect(await keychain.read('shop')).toEqual({ value: SECRET, origins: null });
    expect(await keychain.get('shop', undefined, TO)).toBe(SECRET);
    expect(keyring.items.get('Feedbell/shop')).toBe(envelope(SECRET));
    expect(lines).toEqual([
      `secrets: a secret stored without its address is now bound to the feed’s current address {"feedId":"shop","name":"main","origins":["${API}"]}`,
    ]);
    // From now on it is bound: the next read for another origin is refused.
    await expect(keychain.get('shop', undefined, OTHER)).rejects.toBeInstanceOf(SecretOriginError);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('`secret set` without origins keeps a short secret bare, as secret-tool would', async () => {
    const { keyring, keychain } = stores();
    await keychain.set('shop', SECRET);
    expect(keyring.items.get('Feedbell/shop')).toBe(SECRET);
  });

  it('the session store follows the same rule', async () => {
    const { session, lines } = stores();
    await session.set('shop', SECRET, undefined, ORIGINS);
    expect(await session.get('shop', undefined, TO)).toBe(SECRET);
    await expect(session.get('shop', undefined, OTHER)).rejects.toBeInstanceOf(SecretOriginError);
    await session.set('old', SECRET, undefined, null);
    expect(await session.get('old', undefined, TO)).toBe(SECRET);
    await expect(session.get('old', undefined, OTHER)).rejects.toBeInstanceOf(SecretOriginError);
    expect(lines).toHaveLength(1);
  });

  it('the app store: FEEDBELL_SECRET_* goes anywhere (the user’s own), the keychain only to its origins; recheck keeps the origins', async () => {
    const { keychain, keyring } = stores();
    const app = new AppSecretStore({ allowSessionFallback: false, env: { FEEDBELL_SECRET_ENVFEED: 'from-env' }, keychain });
    await app.set('shop', SECRET, undefined, ORIGINS);
    expect(await app.get('envfeed', undefined, OTHER)).toBe('from-env');
    await expect(app.get('shop', undefined, OTHER)).rejects.toBeInstanceOf(SecretOriginError);
    expect(keyring.items.get('Feedbell/shop')).toBe(envelope(SECRET));

    let broken = true;
    const flaky: KeyringBinding = {
      entry: (service, account) => {
        if (broken) throw new Error(NO_SERVICE);
        return keyring.entry(service, account);
      },
      accounts: keyring.accounts,
    };
    const later = new AppSecretStore({ allowSessionFallback: true, keychain: new KeychainSecretStore({ binding: flaky }) });
    await later.set('moved', 'm', 'apikey', ORIGINS);
    await expect(later.get('moved', 'apikey', OTHER)).rejects.toBeInstanceOf(SecretOriginError);
    broken = false;
    await later.recheck();
    expect(keyring.items.get('Feedbell/moved:apikey')).toBe(envelope('m'));
  });

  it('the CLI: FEEDBELL_SECRET_* goes to whatever the config file says; a keychain secret only to the origins recorded with it', async () => {
    const { keyring, keychain } = stores();
    await keychain.set('reestro', SECRET, undefined, ORIGINS);
    const feeds = [feed('reestro', 'realty')];
    const fromKeychain = cliSecretStore({}, feeds, keychain);
    expect(await fromKeychain.get('reestro', undefined, TO)).toBe(SECRET);
    await expect(fromKeychain.get('reestro', undefined, OTHER)).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/entered for another address/),
    });
    const fromEnv = cliSecretStore({ FEEDBELL_SECRET_REESTRO: 'env-sid' }, feeds, keychain);
    expect(await fromEnv.get('reestro', undefined, OTHER)).toBe('env-sid');
    // `feedbell secret set` stores it unbound: the first sync binds it to the config's address.
    keyring.items.set('Feedbell/cli-feed', 'typed-in-a-terminal');
    const cli = cliSecretStore({}, [feed('cli-feed', 'realty')], keychain);
    expect(await cli.get('cli-feed', undefined, OTHER)).toBe('typed-in-a-terminal');
    await expect(cli.get('cli-feed', undefined, TO)).rejects.toBeInstanceOf(SecretOriginError);
  });
});

/**
 * Windows' Credential Manager as the binding drives it: at most 2,560 bytes per entry, the password written as UTF-16,
 * and the binding's own refusal above that (keyring-rs: "Attribute 'password' is longer than platform limit …").
 */
function windowsKeyring(): KeyringBinding & { items: Map<string, string> } {
  const inner = fakeKeyring();
  return {
    items: inner.items,
    entry(service, account) {
      const entry = inner.entry(service, account);
      return {
        ...entry,
        async setPassword(password: string) {
          if (Buffer.byteLength(password, 'utf16le') > 2560)
            throw new Error("Attribute 'password' is longer than platform limit of 2560 chars");
          await entry.setPassword(password);
        },
      };
    },
    accounts: inner.accounts,
  };
}

describe('a long secret split across entries (Windows keeps at most 2,560 bytes of UTF-16 per entry)', () => {
  const TOKEN_4K = Array.from(
    { length: 4096 },
    (_, i) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[(i * 7) % 64],
  ).join('');

  it('the fake binding refuses what the real one refuses', async () => {
    const keyring = windowsKeyring();
    await expect(keyring.entry('Feedbell', 'x').setPassword('x'.repeat(1281))).rejects.toThrow(/longer than platform limit/);
    await keyring.entry('Feedbell', 'x').setPassword('x'.repeat(1280));
  });

  it('a 4 KB token is stored in numbered entries under the limit, read back whole and removed as one', async () => {
    const keyring = windowsKeyring();
    const store = new KeychainSecretStore({ binding: keyring, platform: 'win32' });
    await store.set('shop', TOKEN_4K, undefined, ORIGINS);
    const accounts = [...keyring.items.keys()].toSorted();
    expect(accounts).toEqual([
      'Feedbell/shop',
      'Feedbell/shop#1',
      'Feedbell/shop#2',
      'Feedbell/shop#3',
      'Feedbell/shop#4',
      'Feedbell/shop#5',
    ]);
    for (const value of keyring.items.values()) expect(Buffer.byteLength(value, 'utf16le')).toBeLessThanOrEqual(2560);
    const head = JSON.parse(keyring.items.get('Feedbell/shop')!) as Record<string, unknown>;
    expect(head).toEqual({
      feedbell: 1,
      origins: ORIGINS,
      chunks: 5,
      length: 4096,
      sha256: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(keyring.items.get('Feedbell/shop')).not.toContain(TOKEN_4K.slice(0, 40));
    expect([1, 2, 3, 4, 5].map((n) => keyring.items.get(`Feedbell/shop#${n}`)).join('')).toBe(TOKEN_4K);

    expect(await store.get('shop', undefined, TO)).toBe(TOKEN_4K);
    expect(await store.has('shop')).toBe(true);
    await expect(store.get('shop', undefined, { origin: 'https://evil.example', origins: [] })).rejects.toBeInstanceOf(
      SecretOriginError,
    );
    await store.delete('shop');
    expect(keyring.items.size).toBe(0);
    expect(await store.get('shop', undefined, TO)).toBeNull();
  });

  it('a shorter secret replacing a longer one leaves no stale pieces, and a longer one replacing a shorter one neither', async () => {
    const keyring = windowsKeyring();
    const store = new KeychainSecretStore({ binding: keyring, platform: 'win32' });
    await store.set('shop', TOKEN_4K, undefined, ORIGINS);
    await store.set('shop', TOKEN_4K.slice(0, 2500), undefined, ORIGINS);
    expect([...keyring.items.keys()].toSorted()).toEqual([
      'Feedbell/shop',
      'Feedbell/shop#1',
      'Feedbell/shop#2',
      'Feedbell/shop#3',
    ]);
    expect(await store.get('shop', undefined, TO)).toBe(TOKEN_4K.slice(0, 2500));
    await store.set('shop', SECRET, undefined, ORIGINS);
    expect([...keyring.items.keys()]).toEqual(['Feedbell/shop']);
    expect(keyring.items.get('Feedbell/shop')).toBe(envelope(SECRET));
    await store.set('shop', TOKEN_4K, 'refresh', ORIGINS);
    await store.deleteFeed('shop');
    expect(keyring.items.size).toBe(0);
  });

  it('a missing piece is an error asking for the secret again, never a truncated token', async () => {
    const keyring = windowsKeyring();
    const store = new KeychainSecretStore({ binding: keyring, platform: 'win32' });
    await store.set('shop', TOKEN_4K, undefined, ORIGINS);
    keyring.items.delete('Feedbell/shop#3');
    const err = (await store.get('shop', undefined, TO).catch((e: unknown) => e)) as FeedError;
    expect(err).toBeInstanceOf(IncompleteSecretError);
    expect(err).toMatchObject({
      kind: 'auth',
      message: 'The stored secret shop is incomplete in the OS keychain (part 3 of 5 is missing): enter it again',
    });
    expect(err.hint).toMatch(/^Введите токен заново/);
    expect(JSON.stringify({ m: err.message, h: err.hint, d: err.detail })).not.toContain(TOKEN_4K.slice(2000, 2040));
    // A piece from another secret (a crash between writes) does not add up either.
    keyring.items.set('Feedbell/shop#3', 'x'.repeat(1000));
    await expect(store.get('shop', undefined, TO)).rejects.toThrow(/do not fit together/);
    // Deleting still removes every piece, and the pieces left over by a crash.
    keyring.items.set('Feedbell/shop#6', 'stray');
    await store.delete('shop');
    expect(keyring.items.size).toBe(0);
  });

  it('pieces never cut a character in two (surrogate pairs), and short secrets stay in one entry', async () => {
    const emoji = '😀'.repeat(1500);
    const pieces = splitSecret(emoji);
    expect(pieces.join('')).toBe(emoji);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(MAX_ENTRY_UNITS);
      expect(piece).toBe(Buffer.from(piece, 'utf8').toString('utf8'));
    }
    const keyring = windowsKeyring();
    const store = new KeychainSecretStore({ binding: keyring, platform: 'win32' });
    await store.set('shop', emoji, undefined, ORIGINS);
    expect(await store.get('shop', undefined, TO)).toBe(emoji);
    await store.set('short', 'x'.repeat(900), undefined, ORIGINS);
    expect([...keyring.items.keys()].filter((k) => k.startsWith('Feedbell/short'))).toEqual(['Feedbell/short']);
  });

  it('an unbound long secret (`feedbell secret set`) is split too, and bound on first use', async () => {
    const keyring = windowsKeyring();
    const store = new KeychainSecretStore({ binding: keyring, platform: 'win32' });
    await store.set('shop', TOKEN_4K);
    expect(JSON.parse(keyring.items.get('Feedbell/shop')!)).toEqual({
      feedbell: 1,
      chunks: 5,
      length: 4096,
      sha256: expect.any(String),
    });
    expect(await store.get('shop', undefined, TO)).toBe(TOKEN_4K);
    expect(JSON.parse(keyring.items.get('Feedbell/shop')!)).toMatchObject({ origins: ORIGINS, chunks: 5 });
  });
});
