// The real OS keychain: GNOME Keyring's Secret Service on a private D-Bus session (run by test/keychain/run.sh).
// A secret set through the app's code is found by secret-tool under service "Feedbell" (with the origin it was entered
// for), read back and deleted; a 4 KB token is split into entries secret-tool sees, read back whole and removed as one;
// the CLI's `secret set` + `sync` work without FEEDBELL_SECRET_*, bind the secret to the config's address, refuse to
// send it anywhere else, and leave no secret in the data folder or the output (in no form a server may echo it in: a
// prefix, base64, URL-encoded, another case; nor a proxy's credentials); and without a keychain the CLI says what is
// missing and how to fix it.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppSecretStore, KEYCHAIN_SERVICE, KeychainSecretStore, openSecretStore } from '../../main/core/secrets/index.ts';
import { CLI, Scratch, childEnv } from '../cli/cli-harness.ts';
import { startRealtyMock, type RealtyMock } from '../mocks/realty-mock.ts';
import { startEchoServer } from '../support/echo-server.ts';
import { echoForms, formNeedles, leakedForms, proxyEchoForms } from '../support/secret-forms.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} ${args.join(' ')} did not finish in 45 s\n${stderr}`));
    }, 45_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** `secret-tool lookup service Feedbell username <account>`: the secret, or null when there is none. */
async function lookup(account: string): Promise<string | null> {
  const r = await run('secret-tool', ['lookup', 'service', KEYCHAIN_SERVICE, 'username', account]);
  return r.code === 0 ? r.stdout : null;
}

function cli(scratch: Scratch, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return run(process.execPath, [CLI, ...args], { input: options.input, env: childEnv(scratch, options.env) });
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The files whose bytes hold the secret: as UTF-8 or UTF-16LE, or in a form a server may echo it in (its first half,
 * base64, base64url, URL-encoded, lower- or upper-cased), or any of `extra` (e.g. a proxy's user:password).
 */
function filesHolding(dir: string, secret: string, extra: Record<string, string> = {}): string[] {
  const needles = formNeedles(secret, { ...echoForms(secret), ...extra });
  return filesUnder(dir).filter((file) => {
    const bytes = readFileSync(file);
    return needles.some((needle) => bytes.includes(needle));
  });
}

const API = 'https://api.example';
const ORIGINS = [API];
/** A request to the address the test secrets are entered for. */
const TO = { origin: API, origins: ORIGINS };

/** The envelope secret-tool shows for a short secret: the secret and the origins it was entered for. */
function envelopeOf(text: string | null): { feedbell: number; origins?: string[]; secret?: string; chunks?: number } | null {
  return text === null ? null : (JSON.parse(text) as { feedbell: number; origins?: string[]; secret?: string; chunks?: number });
}

describe('KeychainSecretStore on GNOME Keyring', () => {
  const store = new KeychainSecretStore();
  const secret = `kc-secret-${Date.now()}-Ωж`;

  it('probes the Secret Service as available', async () => {
    expect(await store.probe()).toEqual({ available: true });
    expect(await lookup('.probe')).toBeNull();
  });

  it('a secret set through the app code is found by secret-tool under service Feedbell, with its origin, read back and deleted', async () => {
    await store.set('kc-shop', secret, undefined, ORIGINS);
    expect(envelopeOf(await lookup('kc-shop'))).toEqual({ feedbell: 1, origins: ORIGINS, secret });
    expect(await store.get('kc-shop', undefined, TO)).toBe(secret);
    expect(await store.has('kc-shop')).toBe(true);
    await expect(
      store.get('kc-shop', undefined, { origin: 'https://evil.example', origins: ['https://evil.example'] }),
    ).rejects.toThrow(/entered for another address/);

    await store.set('kc-shop', 'second-key', 'apikey', ORIGINS);
    expect(envelopeOf(await lookup('kc-shop:apikey'))?.secret).toBe('second-key');
    // Setting again replaces, it does not add a second item.
    await store.set('kc-shop', `${secret}-2`, undefined, ORIGINS);
    expect(envelopeOf(await lookup('kc-shop'))?.secret).toBe(`${secret}-2`);
    const search = await run('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE, 'username', 'kc-shop']);
    expect(search.stdout.match(/^\[/gm)).toHaveLength(1);

    await store.delete('kc-shop');
    expect(await lookup('kc-shop')).toBeNull();
    expect(await store.get('kc-shop', undefined, TO)).toBeNull();
    expect(envelopeOf(await lookup('kc-shop:apikey'))?.secret).toBe('second-key');
  });

  it('reads what another tool stored under the same attributes, and binds it to the feed’s address on that first read', async () => {
    const stored = await run('secret-tool', ['store', '--label=test', 'service', KEYCHAIN_SERVICE, 'username', 'kc-tool'], {
      input: 'from-secret-tool',
    });
    expect(stored.code).toBe(0);
    expect(await store.get('kc-tool', undefined, TO)).toBe('from-secret-tool');
    expect(envelopeOf(await lookup('kc-tool'))).toEqual({ feedbell: 1, origins: ORIGINS, secret: 'from-secret-tool' });
    await store.delete('kc-tool');
    expect(await lookup('kc-tool')).toBeNull();
  });

  it('a 4 KB token goes into numbered entries that secret-tool sees under service Feedbell, is read back whole and removed as one', async () => {
    const long = Array.from({ length: 4096 }, (_, i) => String.fromCharCode(65 + ((i * 7) % 26))).join('');
    await store.set('kc-long', long, undefined, ORIGINS);
    const head = envelopeOf(await lookup('kc-long'));
    expect(head).toMatchObject({ feedbell: 1, origins: ORIGINS, chunks: 5, length: 4096 });
    const pieces = await Promise.all([1, 2, 3, 4, 5].map((n) => lookup(`kc-long#${n}`)));
    expect(pieces.map((p) => p?.length)).toEqual([1000, 1000, 1000, 1000, 96]);
    expect(pieces.join('')).toBe(long);
    expect(await lookup('kc-long#6')).toBeNull();
    const search = await run('secret-tool', ['search', '--all', 'service', KEYCHAIN_SERVICE]);
    for (const account of ['kc-long', 'kc-long#1', 'kc-long#5'])
      expect(search.stdout).toContain(`label = keyring:${account}@Feedbell\n`);
    expect(await store.get('kc-long', undefined, TO)).toBe(long);

    // A shorter secret replacing it leaves no piece behind.
    await store.set('kc-long', long.slice(0, 1500), undefined, ORIGINS);
    expect(envelopeOf(await lookup('kc-long'))).toMatchObject({ chunks: 2, length: 1500 });
    expect(await lookup('kc-long#3')).toBeNull();
    await store.set('kc-long', 'short-again', undefined, ORIGINS);
    expect(envelopeOf(await lookup('kc-long'))?.secret).toBe('short-again');
    expect(await lookup('kc-long#1')).toBeNull();

    // A missing piece is an error that asks for the secret again.
    await store.set('kc-long', long, undefined, ORIGINS);
    expect((await run('secret-tool', ['clear', 'service', KEYCHAIN_SERVICE, 'username', 'kc-long#2'])).code).toBe(0);
    await expect(store.get('kc-long', undefined, TO)).rejects.toThrow(/part 2 of 5 is missing\): enter it again/);
    await store.delete('kc-long');
    for (const account of ['kc-long', 'kc-long#1', 'kc-long#3', 'kc-long#5']) expect(await lookup(account)).toBeNull();
  });

  it('removing a feed removes all its secrets and only its own', async () => {
    await store.set('kc-gone', 'a', undefined, ORIGINS);
    await store.set('kc-gone', 'b'.repeat(3000), 'refresh', ORIGINS);
    await store.set('kc-gone', 'c', 'custom-name', ORIGINS);
    await store.set('kc-gone2', 'd', undefined, ORIGINS);
    await store.deleteFeed('kc-gone');
    expect(await lookup('kc-gone')).toBeNull();
    expect(await lookup('kc-gone:refresh')).toBeNull();
    expect(await lookup('kc-gone:refresh#1')).toBeNull();
    expect(await lookup('kc-gone:custom-name')).toBeNull();
    expect(envelopeOf(await lookup('kc-gone2'))?.secret).toBe('d');
    await store.deleteFeed('kc-gone2');
    await store.deleteFeed('kc-shop');
    expect(await lookup('kc-shop:apikey')).toBeNull();
  });

  it("the app's store uses the keychain, not memory", async () => {
    const app = await openSecretStore({ allowSessionFallback: false });
    expect(app).toBeInstanceOf(AppSecretStore);
    await app.set('kc-app', secret, undefined, ORIGINS);
    expect(app.backend).toBe('keychain');
    expect(await app.source('kc-app')).toBe('keychain');
    expect(envelopeOf(await lookup('kc-app'))?.secret).toBe(secret);
    await app.deleteFeed('kc-app');
    expect(await lookup('kc-app')).toBeNull();
  });
});

describe('the CLI with the keychain', () => {
  let mock: RealtyMock;
  let scratch: Scratch;
  let config: string;

  beforeAll(async () => {
    mock = await startRealtyMock({ initialEvents: 40 });
    scratch = new Scratch();
    config = scratch.writeJson('feeds.json', {
      feeds: [
        {
          id: 'kc-realty',
          provider: 'realty',
          start: 'beginning',
          settings: { orgId: mock.credentials.orgId, baseUrl: mock.url },
        },
      ],
    });
  });
  afterAll(async () => {
    await run(process.execPath, [CLI, 'secret', 'delete', 'kc-realty', '--all']);
    await mock?.stop();
    scratch?.remove();
  });

  it('secret set (stdin) + sync work without FEEDBELL_SECRET_*, and no secret lands in the data folder or the output', async () => {
    const sid = mock.credentials.sid;
    const dataDir = scratch.path('data');

    expect((await cli(scratch, ['secret', 'status', 'kc-realty'])).stdout).toBe('not set\n');
    const set = await cli(scratch, ['secret', 'set', 'kc-realty'], { input: `${sid}\n` });
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toBe('kc-realty: stored in the keychain\n');
    // One trailing newline of the pipe is not part of the secret.
    expect(await lookup('kc-realty')).toBe(sid);

    const status = await cli(scratch, ['secret', 'status', 'kc-realty']);
    expect(status).toMatchObject({ code: 0, stdout: 'set (keychain)\n' });

    const sync = await cli(scratch, ['sync', '--config', config, '--data-dir', dataDir], { env: { FEEDBELL_DEBUG: '1' } });
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/^kc-realty: 40 new events, caught up$/m);
    const json = await cli(scratch, ['events', '--data-dir', dataDir, '--json']);
    expect(json.code).toBe(0);
    const check = await cli(scratch, ['check', '--config', config, '--feed', 'kc-realty']);
    expect(check.stdout).toBe('ok\n');

    for (const r of [set, status, sync, json, check]) expect(leakedForms(r.stdout + r.stderr, echoForms(sid))).toEqual([]);
    expect(filesUnder(dataDir).length).toBeGreaterThan(0);
    // The whole scratch folder: the data folder, its WAL and logs, the config, HOME.
    expect(filesHolding(scratch.dir, sid)).toEqual([]);
    // The check is real: the same scan does find a secret that is there.
    writeFileSync(scratch.path('data', 'canary.txt'), `x${sid}x`);
    expect(filesHolding(scratch.dir, sid)).toEqual([scratch.path('data', 'canary.txt')]);
  });

  it('a service that echoes the keychain secret in every form, and a proxy its own user:password: none reaches the output or the data folder', async () => {
    const echo = await startEchoServer();
    const secret = 'Kc/Echo+Sid=1234abcd';
    const proxy = { user: 'kc-proxy', password: 'Kc-Proxy-Pass-42' };
    const proxyForms = proxyEchoForms(proxy.user, proxy.password);
    const forms = { ...echoForms(secret), ...proxyForms };
    try {
      const echoConfig = scratch.writeJson('echo.json', {
        feeds: [
          {
            id: 'kc-echo',
            provider: 'realty',
            start: 'beginning',
            settings: { orgId: mock.credentials.orgId, baseUrl: echo.url },
          },
        ],
      });
      expect((await cli(scratch, ['secret', 'set', 'kc-echo'], { input: `${secret}\n` })).code).toBe(0);
      expect(await lookup('kc-echo')).toBe(secret);
      const env = { HTTP_PROXY: echo.proxyUrl(proxy.user, proxy.password), FEEDBELL_DEBUG: '1' };
      const runs: Run[] = [];
      for (const mode of ['token', 'proxy'] as const) {
        echo.mode = mode;
        const sync = await cli(scratch, ['sync', '--config', echoConfig, '--data-dir', scratch.path('echo-data')], { env });
        expect(sync.code).toBe(1);
        expect(sync.stderr).toMatch(/^kc-echo: auth: .*\*\*\*/m);
        const check = await cli(scratch, ['check', '--config', echoConfig, '--feed', 'kc-echo'], { env });
        expect(check.code).toBe(1);
        expect(check.stdout).toMatch(/^auth: .*\*\*\*/);
        runs.push(sync, check);
      }
      // The echo really carried the keychain secret and the proxy's credentials.
      expect(echo.tokens).toContain(secret);
      expect(echo.proxyCredentials).toContain(`${proxy.user}:${proxy.password}`);
      for (const r of runs) expect(leakedForms(r.stdout + r.stderr, forms)).toEqual([]);
      expect(filesHolding(scratch.dir, secret, proxyForms)).toEqual([]);
      // The scan is real: it finds each encoding where one is.
      for (const [name, form] of Object.entries(forms)) {
        const canary = scratch.path('echo-data', `canary-${name}.txt`);
        writeFileSync(canary, `x${form}x`);
        expect(filesHolding(scratch.dir, secret, proxyForms), name).toEqual([canary]);
        rmSync(canary);
      }
    } finally {
      await run(process.execPath, [CLI, 'secret', 'delete', 'kc-echo', '--all']);
      await echo.stop();
    }
  });

  it('the first sync bound the secret to the config’s address; a config pointing elsewhere does not get it, FEEDBELL_SECRET_* goes anywhere', async () => {
    const sid = mock.credentials.sid;
    expect(envelopeOf(await lookup('kc-realty'))).toEqual({ feedbell: 1, origins: [new URL(mock.url).origin], secret: sid });

    const other = await startRealtyMock({
      initialEvents: 5,
      sid: 'OTHER-HOST-SID-0000000000000000000000000000000000000000000000000000',
    });
    try {
      const elsewhere = scratch.writeJson('elsewhere.json', {
        feeds: [
          {
            id: 'kc-realty',
            provider: 'realty',
            start: 'beginning',
            settings: { orgId: other.credentials.orgId, baseUrl: other.url },
          },
        ],
      });
      const refused = await cli(scratch, ['sync', '--config', elsewhere, '--data-dir', scratch.path('elsewhere')]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `kc-realty: auth: The stored token was entered for another address (${new URL(mock.url).origin}), not for ${new URL(other.url).origin}: enter it again`,
      );
      expect(other.server.requests).toEqual([]);
      expect(refused.stdout + refused.stderr).not.toContain(sid);

      const fromEnv = await cli(scratch, ['sync', '--config', elsewhere, '--data-dir', scratch.path('elsewhere')], {
        env: { FEEDBELL_SECRET_KC_REALTY: other.credentials.sid },
      });
      expect(fromEnv).toMatchObject({ code: 0, stderr: '' });
      expect(fromEnv.stdout).toMatch(/kc-realty: 5 new events/);
      expect(other.server.requests.some((r) => JSON.stringify(r).includes(sid))).toBe(false);
      // The keychain entry is still bound to the first address.
      expect(envelopeOf(await lookup('kc-realty'))?.origins).toEqual([new URL(mock.url).origin]);
    } finally {
      await other.stop();
    }
  });

  it('FEEDBELL_SECRET_* wins over the keychain', async () => {
    const wrong = await cli(scratch, ['check', '--config', config, '--feed', 'kc-realty'], {
      env: { FEEDBELL_SECRET_KC_REALTY: 'WRONG-SID-0000' },
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/^auth: /);
    const status = await cli(scratch, ['secret', 'status', 'kc-realty'], { env: { FEEDBELL_SECRET_KC_REALTY: 'x' } });
    expect(status.stdout).toBe('set (env FEEDBELL_SECRET_KC_REALTY, overrides the keychain)\n');
  });

  it('secret delete removes it; sync then says no secret is set', async () => {
    const del = await cli(scratch, ['secret', 'delete', 'kc-realty']);
    expect(del).toMatchObject({ code: 0, stdout: 'kc-realty: removed from the keychain\n' });
    expect(await lookup('kc-realty')).toBeNull();
    expect(await cli(scratch, ['secret', 'status', 'kc-realty'])).toMatchObject({ code: 1, stdout: 'not set\n' });
    expect((await cli(scratch, ['secret', 'delete', 'kc-realty'])).stdout).toBe('not set in the keychain: nothing to remove\n');
    const sync = await cli(scratch, ['sync', '--config', config, '--data-dir', scratch.path('data2')]);
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/^kc-realty: auth: No secret is set for this feed/m);
  });

  it('an empty secret is refused', async () => {
    expect(await cli(scratch, ['secret', 'set', 'kc-realty'], { input: '\n' })).toMatchObject({ code: 2 });
    expect(await lookup('kc-realty')).toBeNull();
  });
});

describe('without a keychain', () => {
  let scratch: Scratch;
  beforeAll(() => {
    scratch = new Scratch();
  });
  afterAll(() => scratch.remove());

  const NOWHERE = { DBUS_SESSION_BUS_ADDRESS: `unix:path=/nonexistent/feedbell-bus-${process.pid}` };

  it('secret set says what is missing and how to fix it, and exits 1', async () => {
    const r = await cli(scratch, ['secret', 'set', 'kc-none'], { input: 'never-stored-secret\n', env: NOWHERE });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the OS keychain is unavailable\. No keychain is available: there is no D-Bus session bus/);
    expect(r.stderr).toMatch(/Install or unlock GNOME Keyring \(package gnome-keyring\) or KWallet/);
    expect(r.stderr).toMatch(/set FEEDBELL_SECRET_KC_NONE instead/);
    expect(r.stderr).not.toContain('never-stored-secret');
    expect(await lookup('kc-none')).toBeNull();
  });

  it('sync of a feed that needs a secret names both ways to give it; a secret in the environment still works', async () => {
    const mock = await startRealtyMock({ initialEvents: 3 });
    try {
      const config = scratch.writeJson('feeds.json', {
        feeds: [
          {
            id: 'kc-none',
            provider: 'realty',
            start: 'beginning',
            settings: { orgId: mock.credentials.orgId, baseUrl: mock.url },
          },
        ],
      });
      const failed = await cli(scratch, ['sync', '--config', config, '--data-dir', scratch.path('d1')], { env: NOWHERE });
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(
        /^kc-none: config: No secret: FEEDBELL_SECRET_KC_NONE is not set and the OS keychain cannot be read\. .*GNOME Keyring/m,
      );
      const withEnv = await cli(scratch, ['sync', '--config', config, '--data-dir', scratch.path('d2')], {
        env: { ...NOWHERE, FEEDBELL_SECRET_KC_NONE: mock.credentials.sid },
      });
      expect(withEnv).toMatchObject({ code: 0, stderr: '' });
      expect(withEnv.stdout).toMatch(/kc-none: 3 new events/);
    } finally {
      await mock.stop();
    }
  });

  it('a bus without a Secret Service: "no Secret Service runs in this session"', async () => {
    const conf = scratch.write(
      'bare-bus.conf',
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${scratch.dir}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
    );
    const r = await run('dbus-run-session', ['--config-file', conf, '--', process.execPath, CLI, 'secret', 'set', 'kc-none'], {
      input: 'x\n',
      env: childEnv(scratch),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no Secret Service \(GNOME Keyring or KWallet\) runs in this session/);
  });

  it('the app store: plain words in both languages, memory only after consent', async () => {
    // A child process, so that the bus address it sees is the one pointing nowhere.
    const script = `
      import { AppSecretStore } from ${JSON.stringify(new URL('../../main/core/secrets/index.ts', import.meta.url).href)};
      const store = new AppSecretStore({ allowSessionFallback: false });
      const status = await store.status();
      const to = { origin: 'https://api.example', origins: ['https://api.example'] };
      let refused = null;
      try { await store.set('kc-none', 'zz-secret', undefined, to.origins); } catch (err) { refused = err.name; }
      store.allowSession();
      await store.set('kc-none', 'zz-secret', undefined, to.origins);
      console.log(JSON.stringify({ status, refused, backend: store.backend, back: (await store.get('kc-none', undefined, to)) === 'zz-secret' }));
    `;
    const file = scratch.write('app-store.mts', script);
    const r = await run(process.execPath, [file], { env: { ...childEnv(scratch), ...NOWHERE } });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      status: { available: boolean; code: string; problem: { ru: string; en: string }; fix: { ru: string; en: string } };
      refused: string;
      backend: string;
      back: boolean;
    };
    expect(out.status).toMatchObject({ available: false, code: 'no-bus' });
    expect(out.status.fix.ru).toMatch(/GNOME Keyring.*KWallet/);
    expect(out.status.problem.en).toMatch(/no D-Bus session bus/);
    expect(out).toMatchObject({ refused: 'KeychainUnavailableError', backend: 'session', back: true });
    expect(r.stdout).not.toContain('zz-secret');
  });
});
