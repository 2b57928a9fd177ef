// A mock of Kontur's identity provider (identity.kontur.ru; PROVIDERS.md sections 1.3 and 2.2) on MockServer:
// POST /connect/deviceauthorization (RFC 8628 codes), POST /connect/token with the device_code grant
// (authorization_pending, slow_down when polled faster than the interval, expired_token, access_denied,
// invalid_grant for a used code), the refresh_token grant (valid / revoked / unknown tokens, optional
// rotation) and client authentication by HTTP Basic or form fields. Access tokens it issues can be
// checked by the other mocks with `mock.isValidAccessToken(token)` or the module's `isValidAccessToken`.
// GET /device?user_code=… approves a code, so `npm run mock` users can finish a sign-in in a browser.
// No test-framework imports.
import { randomBytes } from 'node:crypto';
import { MockServer, type MockRequest, type MockResponse } from './mock-server.ts';

export interface KonturIdentityClient {
  clientId: string;
  /** Null for a public client (no client authentication). */
  secret: string | null;
}

export interface KonturIdentityMockOptions {
  clientId?: string;
  clientSecret?: string | null;
  /** Seconds a client must wait between polls (the `interval` it is told). */
  intervalSec?: number;
  /** Lifetime of the device and user codes, seconds. */
  deviceExpiresInSec?: number;
  /** Lifetime of the access tokens, seconds (`expires_in`). */
  expiresInSec?: number;
  /** Issue a new refresh token on every refresh and retire the old one. */
  rotateRefreshTokens?: boolean;
  /** The mock's clock (a test's FakeClock): drives slow_down, code and token expiry. */
  now?: () => number;
}

type DeviceState = 'pending' | 'approved' | 'denied' | 'expired' | 'used';

export interface Device {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scope: string;
  state: DeviceState;
  expiresAt: number;
  /** The interval the client was told; polls closer together get slow_down. */
  intervalSec: number;
  lastPollAt: number | null;
  /** Seconds between consecutive polls, as seen by the mock (for tests). */
  gapsSec: number[];
  /** Answers given to polls, in order. */
  answers: string[];
}

interface IssuedRefresh {
  clientId: string;
  scope: string;
  revoked: boolean;
}

const live = new Set<KonturIdentityMock>();

/** True when any running identity mock issued this access token and it has not expired. */
export function isValidAccessToken(token: string): boolean {
  for (const mock of live) if (mock.isValidAccessToken(token)) return true;
  return false;
}

function code(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** A user code like "WDJB-MJHT" (no vowels, no look-alikes). */
function newUserCode(): string {
  const alphabet = 'BCDFGHJKLMNPQRSTVWXZ';
  const bytes = randomBytes(8);
  let out = '';
  for (let i = 0; i < 8; i++) out += (i === 4 ? '-' : '') + alphabet[bytes[i]! % alphabet.length];
  return out;
}

export class KonturIdentityMock {
  readonly server: MockServer;
  readonly clients: KonturIdentityClient[];
  intervalSec: number;
  deviceExpiresInSec: number;
  expiresInSec: number;
  rotateRefreshTokens: boolean;
  readonly devices = new Map<string, Device>();
  readonly refreshTokens = new Map<string, IssuedRefresh>();
  readonly accessTokens = new Map<string, { expiresAt: number; scope: string }>();
  /** How the last token request authenticated the client. */
  lastClientAuth: 'basic' | 'form' | 'none' | null = null;
  /** Refresh-grant requests served (any answer). */
  refreshRequests = 0;
  /** Device-code polls served (any answer). */
  devicePolls = 0;
  readonly #now: () => number;
  #slowDowns = 0;

  private constructor(server: MockServer, options: KonturIdentityMockOptions) {
    this.server = server;
    this.clients = [
      {
        clientId: options.clientId ?? 'feedbell-test',
        secret: options.clientSecret === undefined ? 'identity-test-api-key' : options.clientSecret,
      },
    ];
    this.intervalSec = options.intervalSec ?? 5;
    this.deviceExpiresInSec = options.deviceExpiresInSec ?? 600;
    this.expiresInSec = options.expiresInSec ?? 3600;
    this.rotateRefreshTokens = options.rotateRefreshTokens ?? false;
    this.#now = options.now ?? Date.now;
  }

  static async start(options: KonturIdentityMockOptions = {}): Promise<KonturIdentityMock> {
    let mock: KonturIdentityMock | null = null;
    const server = await MockServer.start((req) => mock!.handle(req));
    mock = new KonturIdentityMock(server, options);
    live.add(mock);
    return mock;
  }

  get url(): string {
    return this.server.url;
  }

  get clientId(): string {
    return this.clients[0]!.clientId;
  }

  get clientSecret(): string | null {
    return this.clients[0]!.secret;
  }

  async stop(): Promise<void> {
    live.delete(this);
    await this.server.stop();
  }

  /** The user approves the code in the browser. */
  approve(userCode: string): void {
    this.#device(userCode).state = 'approved';
  }

  /** The next `times` polls of any device code answer slow_down. */
  slowDownNext(times = 1): void {
    this.#slowDowns += times;
  }

  /** The device authorization a user code belongs to (state, poll gaps, answers). */
  device(userCode: string): Readonly<Device> {
    return this.#device(userCode);
  }

  /** The user declines. */
  deny(userCode: string): void {
    this.#device(userCode).state = 'denied';
  }

  /** The code runs out before anyone approves it. */
  expire(userCode: string): void {
    this.#device(userCode).state = 'expired';
  }

  /** The user code of the newest device authorization (tests and `npm run mock`). */
  get lastUserCode(): string | null {
    return [...this.devices.values()].at(-1)?.userCode ?? null;
  }

  /** A refresh token as if a sign-in had happened earlier. */
  issueRefreshToken(scope = 'openid offline_access extern.api'): string {
    const token = `krt_${code(24)}`;
    this.refreshTokens.set(token, { clientId: this.clientId, scope, revoked: false });
    return token;
  }

  /** Revokes one refresh token, or all of them (the user signed out everywhere). */
  revokeRefreshTokens(token?: string): void {
    for (const [value, issued] of this.refreshTokens) if (token === undefined || value === token) issued.revoked = true;
  }

  /** Refresh tokens still usable. */
  get activeRefreshTokens(): string[] {
    return [...this.refreshTokens].filter(([, issued]) => !issued.revoked).map(([token]) => token);
  }

  /** Makes every access token issued so far invalid (as after a server-side revocation). */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  isValidAccessToken(token: string): boolean {
    const issued = this.accessTokens.get(token);
    return issued !== undefined && issued.expiresAt > this.#now();
  }

  handle(req: MockRequest): MockResponse {
    if (req.method === 'POST' && req.path === '/connect/deviceauthorization') return this.#deviceAuthorization(req);
    if (req.method === 'POST' && req.path === '/connect/token') return this.#token(req);
    if (req.method === 'GET' && req.path === '/device') return this.#page(req);
    return { status: 404, body: { error: 'not_found' } };
  }

  #device(user: string): Device {
    for (const device of this.devices.values()) if (device.userCode === user) return device;
    throw new Error(`No device authorization with user code ${user}`);
  }

  /** Authenticates the client (Basic or form); null when it is fine, else the RFC 6749 answer. */
  #client(req: MockRequest, form: URLSearchParams): { client: KonturIdentityClient | null; denied: MockResponse | null } {
    const basic = /^Basic\s+(.+)$/i.exec(req.headers['authorization'] ?? '');
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    if (basic) {
      const [id, ...rest] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      if (clientId !== null && clientId !== id)
        return { client: null, denied: invalidClient('client_id in the form and in Basic differ') };
      clientId = id ?? null;
      secret = rest.join(':');
      this.lastClientAuth = 'basic';
    } else {
      this.lastClientAuth = secret === null ? 'none' : 'form';
    }
    const client = this.clients.find((c) => c.clientId === clientId) ?? null;
    if (!client) return { client: null, denied: invalidClient('Unknown client') };
    if (client.secret !== null && secret !== client.secret)
      return { client: null, denied: invalidClient('Client authentication failed') };
    return { client, denied: null };
  }

  #deviceAuthorization(req: MockRequest): MockResponse {
    const form = new URLSearchParams(req.body);
    const { client, denied } = this.#client(req, form);
    if (denied) return denied;
    const scope = form.get('scope') ?? '';
    if (!scope.split(' ').includes('openid')) return oauthError('invalid_scope', 'The scope must include openid');
    const device: Device = {
      deviceCode: code(32),
      userCode: newUserCode(),
      clientId: client!.clientId,
      scope,
      state: 'pending',
      expiresAt: this.#now() + this.deviceExpiresInSec * 1000,
      intervalSec: this.intervalSec,
      lastPollAt: null,
      gapsSec: [],
      answers: [],
    };
    this.devices.set(device.deviceCode, device);
    return {
      status: 200,
      body: {
        device_code: device.deviceCode,
        user_code: device.userCode,
        verification_uri: `${this.url}/device`,
        verification_uri_complete: `${this.url}/device?user_code=${device.userCode}`,
        expires_in: this.deviceExpiresInSec,
        interval: this.intervalSec,
      },
    };
  }

  #token(req: MockRequest): MockResponse {
    const form = new URLSearchParams(req.body);
    const { client, denied } = this.#client(req, form);
    const grant = form.get('grant_type');
    if (grant === 'refresh_token') this.refreshRequests++;
    if (grant === 'urn:ietf:params:oauth:grant-type:device_code') this.devicePolls++;
    if (denied) return denied;
    if (grant === 'urn:ietf:params:oauth:grant-type:device_code') return this.#poll(client!, form.get('device_code') ?? '');
    if (grant === 'refresh_token') return this.#refresh(client!, form.get('refresh_token') ?? '');
    return oauthError('unsupported_grant_type', `Grant ${grant ?? '(none)'} is not supported`);
  }

  #poll(client: KonturIdentityClient, deviceCode: string): MockResponse {
    const device = this.devices.get(deviceCode);
    if (!device || device.clientId !== client.clientId) return oauthError('invalid_grant', 'Unknown device code');
    const answer = this.#answerPoll(client, device);
    const body = answer.body as Record<string, unknown>;
    device.answers.push(typeof body['error'] === 'string' ? body['error'] : 'tokens');
    return answer;
  }

  #answerPoll(client: KonturIdentityClient, device: Device): MockResponse {
    const now = this.#now();
    if (device.state === 'expired' || now >= device.expiresAt) {
      device.state = 'expired';
      return oauthError('expired_token', 'The device code has expired');
    }
    if (device.state === 'denied') return oauthError('access_denied', 'The user declined the request');
    if (device.state === 'used') return oauthError('invalid_grant', 'The device code was already used');
    const gap = device.lastPollAt === null ? null : now - device.lastPollAt;
    if (gap !== null) device.gapsSec.push(gap / 1000);
    device.lastPollAt = now;
    if (this.#slowDowns > 0 || (gap !== null && gap < device.intervalSec * 1000)) {
      if (this.#slowDowns > 0) this.#slowDowns--;
      return oauthError('slow_down', 'Polling too fast');
    }
    if (device.state === 'pending') return oauthError('authorization_pending', 'The user has not yet approved the request');
    device.state = 'used';
    return this.#issue(client, device.scope, true);
  }

  #refresh(client: KonturIdentityClient, token: string): MockResponse {
    const issued = this.refreshTokens.get(token);
    if (!issued || issued.revoked || issued.clientId !== client.clientId)
      return oauthError('invalid_grant', 'The refresh token is invalid or expired');
    if (this.rotateRefreshTokens) issued.revoked = true;
    return this.#issue(client, issued.scope, this.rotateRefreshTokens);
  }

  #issue(client: KonturIdentityClient, scope: string, withRefresh: boolean): MockResponse {
    const access = `kat_${code(24)}`;
    this.accessTokens.set(access, { expiresAt: this.#now() + this.expiresInSec * 1000, scope });
    const body: Record<string, unknown> = { access_token: access, expires_in: this.expiresInSec, token_type: 'Bearer', scope };
    if (withRefresh && scope.split(' ').includes('offline_access')) {
      const refresh = `krt_${code(24)}`;
      this.refreshTokens.set(refresh, { clientId: client.clientId, scope, revoked: false });
      body['refresh_token'] = refresh;
    }
    return { status: 200, headers: { 'cache-control': 'no-store' }, body };
  }

  #page(req: MockRequest): MockResponse {
    const user = req.query.get('user_code');
    if (!user) return { status: 200, body: 'Kontur identity mock: open /device?user_code=XXXX-XXXX to approve a sign-in.' };
    try {
      this.approve(user);
    } catch {
      return { status: 404, body: `No sign-in waits for the code ${user}.` };
    }
    return { status: 200, body: `Sign-in ${user} approved. You can return to Feedbell.` };
  }
}

function oauthError(error: string, description: string): MockResponse {
  return { status: 400, headers: { 'cache-control': 'no-store' }, body: { error, error_description: description } };
}

function invalidClient(description: string): MockResponse {
  return {
    status: 401,
    headers: { 'www-authenticate': 'Basic realm="identity"' },
    body: { error: 'invalid_client', error_description: description },
  };
}
