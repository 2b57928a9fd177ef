// A careless service that is its own careless proxy: every request gets a 401 whose body (in the shape of the service
// the path belongs to) and error header repeat the credentials it got (the Authorization token, or the proxy's
// user:password) in the forms of secret-forms.ts; or a 100 KB body with bidi and control characters.
import { MockServer, type MockRequest, type MockResponse } from '../mocks/mock-server.ts';
import { echoForms, proxyEchoForms } from './secret-forms.ts';

export type EchoMode = 'token' | 'proxy' | 'huge';

/** The echoed text of a 100 KB body: an RTL override, a bell, then filler. */
export const HUGE_TEXT = `\u202Egnp.exe\u0007 ${'x'.repeat(100_000)}`;

export interface EchoServer {
  /** The service's base URL (also where the proxy listens). */
  url: string;
  /** This server as a proxy, with credentials: http://user:password@127.0.0.1:port */
  proxyUrl(user: string, password: string): string;
  mode: EchoMode;
  /** The tokens and proxy credentials ("user:password") the requests carried. */
  readonly tokens: Set<string>;
  readonly proxyCredentials: Set<string>;
  stop(): Promise<void>;
}

/** The token of an Authorization header of any of the four services. */
function tokenOf(header: string): string {
  return (
    /ddauth_token=([^,\s]+)/i.exec(header)?.[1] ??
    /(?:auth\.sid|apikey)=([^&\s]+)/i.exec(header)?.[1] ??
    /^(?:bearer|auth\.sid)\s+(\S+)/i.exec(header)?.[1] ??
    ''
  );
}

function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const encoded = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The 401 of the service that `path` belongs to, carrying `text` in its body and its error header. */
function unauthorized(path: string, text: string, header: string): MockResponse {
  if (path.startsWith('/V')) {
    return { status: 401, headers: { 'x-diadoc-errorcode': header }, body: text };
  }
  if (path === '/v1/events') {
    return {
      status: 401,
      headers: { 'x-kontur-trace-id': header },
      body: { id: 'urn:error:unauthorized', message: text, properties: { authorization: text } },
    };
  }
  if (path.includes('/realty/')) {
    return {
      status: 401,
      headers: { 'x-kontur-trace-id': header },
      body: { code: 'unauthorized', message: text, errors: [{ code: 'Unauthorized', message: text }] },
    };
  }
  return {
    status: 401,
    headers: { 'x-request-id': header },
    body: { code: 1001, message: text, violations: [{ subject: 'authorization', reason: text }] },
  };
}

export async function startEchoServer(): Promise<EchoServer> {
  const tokens = new Set<string>();
  const proxyCredentials = new Set<string>();
  const state = { mode: 'token' as EchoMode };
  const server = await MockServer.start((req: MockRequest) => {
    const token = tokenOf(req.headers['authorization'] ?? '');
    const proxy = basicCredentials(req.headers['proxy-authorization']);
    if (token) tokens.add(token);
    if (proxy) proxyCredentials.add(`${proxy.user}:${proxy.password}`);
    if (state.mode === 'huge') return unauthorized(req.path, HUGE_TEXT, 'y'.repeat(4000));
    const forms =
      state.mode === 'token' ? (token ? echoForms(token) : {}) : proxy ? proxyEchoForms(proxy.user, proxy.password) : {};
    const text = `Not authenticated: ${Object.values(forms).join(' ')}`;
    return unauthorized(req.path, text, text);
  });
  return {
    url: server.url,
    proxyUrl: (user, password) =>
      server.url.replace('http://', `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@`),
    get mode() {
      return state.mode;
    },
    set mode(mode: EchoMode) {
      state.mode = mode;
    },
    tokens,
    proxyCredentials,
    stop: () => server.stop(),
  };
}
