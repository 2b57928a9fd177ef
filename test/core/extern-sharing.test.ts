// Kontur.Extern event sharing against the Extern mock: share-events (success, filter, 400 on empty or unknown
// subscriber, 403 when not the administrator), event publishers in every response shape the client accepts
// (the real one is UNCONFIRMED), unsubscribe, both auth schemes, and no secret in any error.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  externAuthHeaders,
  listEventPublishers,
  shareEvents,
  unsubscribePublisher,
  type ExternConnection,
} from '../../main/core/feeds/extern/extern-sharing.ts';
import { HttpClient } from '../../main/core/http/http-client.ts';
import { FeedError } from '../../main/core/model.ts';
import { startExternMock, type ExternMock } from '../mocks/extern-mock.ts';

const mocks: ExternMock[] = [];
const http = new HttpClient({ headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000 });
const signal = () => AbortSignal.timeout(10_000);
const SUBSCRIBER = 'feedbell';

afterEach(async () => {
  for (const mock of mocks.splice(0)) await mock.stop();
});
afterAll(async () => {
  await http.close();
});

async function newMock(): Promise<ExternMock> {
  const mock = await startExternMock({ events: 3 });
  mocks.push(mock);
  return mock;
}

const bearer = (mock: ExternMock): ExternConnection => ({ baseUrl: mock.url, secret: mock.token });

async function failure(promise: Promise<unknown>): Promise<FeedError> {
  const err: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FeedError);
  return err as FeedError;
}

function textOf(err: FeedError): string {
  return JSON.stringify({ message: err.message, hint: err.hint, detail: err.detail, stack: err.stack });
}

describe('Kontur.Extern event sharing', () => {
  it("shares an account's events with the subscriber: POST /v1/{accountId}/share-events with Bearer and no filter", async () => {
    const mock = await newMock();
    const account = mock.accounts[0]!;
    await shareEvents(http, bearer(mock), account, { subscriber: ` ${SUBSCRIBER} ` }, signal());
    const req = mock.server.requests.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/v1/${account}/share-events`);
    expect(req.headers['authorization']).toBe(`Bearer ${mock.token}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ subscriber: SUBSCRIBER });
    expect(mock.publishers).toMatchObject([{ 'account-id': account, subscriber: SUBSCRIBER }]);
  });

  it('sends the kebab-case filter of docflow types and report forms, without empty entries', async () => {
    const mock = await newMock();
    await shareEvents(
      http,
      bearer(mock),
      mock.accounts[1]!,
      {
        subscriber: SUBSCRIBER,
        docflowTypes: ['urn:docflow:fns534-report', ' ', 'urn:docflow:fns534-report', 'urn:docflow:sfr-report'],
        documentForms: [{ knd: '1151001' }, { okud: '0601013' }, { knd: ' ', okud: '' }],
      },
      signal(),
    );
    expect(JSON.parse(mock.server.requests.at(-1)!.body)).toEqual({
      subscriber: SUBSCRIBER,
      'events-filter': {
        'docflow-types': ['urn:docflow:fns534-report', 'urn:docflow:sfr-report'],
        'document-forms': [{ knd: '1151001' }, { okud: '0601013' }],
      },
    });
  });

  it('works with the legacy auth.sid and api key', async () => {
    const mock = await newMock();
    const conn: ExternConnection = { baseUrl: mock.url, auth: 'sid', secret: `auth.sid ${mock.sid}`, apiKey: mock.apiKey };
    await shareEvents(http, conn, mock.accounts[0]!, { subscriber: SUBSCRIBER }, signal());
    const req = mock.server.requests.at(-1)!;
    expect(req.headers['authorization']).toBe(`auth.sid ${mock.sid}`);
    expect(req.headers['x-kontur-apikey']).toBe(mock.apiKey);
    expect(await listEventPublishers(http, conn, signal())).toHaveLength(1);
    expect(() => externAuthHeaders({ secret: mock.sid, auth: 'sid' })).toThrow(FeedError);
  });

  it("an unknown subscriber is a 400 shown with the server's message and where the name comes from", async () => {
    const mock = await newMock();
    const err = await failure(shareEvents(http, bearer(mock), mock.accounts[0]!, { subscriber: 'stranger' }, signal()));
    expect(err.kind).toBe('config');
    expect(err.message).toContain('Unknown subscriber stranger');
    expect(err.hint).toContain('subscriber');
    expect(err.detail).toMatch(/urn:error:validation; trace /);
  });

  it("an empty subscriber reaches the server's 400 only if the client let it through: it is refused before sending", async () => {
    const mock = await newMock();
    const err = await failure(shareEvents(http, bearer(mock), mock.accounts[0]!, { subscriber: '  ' }, signal()));
    expect(err.kind).toBe('config');
    expect(mock.server.requests).toHaveLength(0);
    // The mock's own 400 for an empty subscriber, as a client that skipped the check would see it.
    const res = await http.send({
      method: 'POST',
      url: `${mock.url}/v1/${mock.accounts[0]}/share-events`,
      headers: { ...externAuthHeaders(bearer(mock)), 'content-type': 'application/json' },
      body: JSON.stringify({ subscriber: '' }),
      signal: signal(),
    });
    expect(res.status).toBe(400);
  });

  it('a non-GUID account id is refused before sending', async () => {
    const mock = await newMock();
    expect((await failure(shareEvents(http, bearer(mock), '../v1/events', { subscriber: SUBSCRIBER }, signal()))).kind).toBe(
      'config',
    );
    expect(mock.server.requests).toHaveLength(0);
  });

  it('not the account\'s administrator: 403 forbidden with "Нужны права администратора учётной записи"', async () => {
    const mock = await newMock();
    mock.shareAsAdmin = false;
    const err = await failure(shareEvents(http, bearer(mock), mock.accounts[0]!, { subscriber: SUBSCRIBER }, signal()));
    expect(err.kind).toBe('forbidden');
    expect(err.hint).toBe('Нужны права администратора учётной записи');
    expect(err.message).toContain('not an administrator');
    mock.shareAsAdmin = true;
    const foreign = await failure(
      shareEvents(http, bearer(mock), '0f8fad5b-d9cb-469f-a165-70867728950e', { subscriber: SUBSCRIBER }, signal()),
    );
    expect(foreign.kind).toBe('forbidden');
    expect(mock.publishers).toHaveLength(0);
  });

  it('an expired token asks to sign in again; a server that echoes the header does not leak the token or api key', async () => {
    const mock = await newMock();
    mock.echoCredentials = true;
    const wrong: ExternConnection = { baseUrl: mock.url, secret: 'wrong-token-5e1d9a', apiKey: 'secret-api-key-77c1' };
    const err = await failure(shareEvents(http, wrong, mock.accounts[0]!, { subscriber: SUBSCRIBER }, signal()));
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('Not authenticated');
    expect(textOf(err)).not.toContain('wrong-token-5e1d9a');
    expect(textOf(err)).not.toContain('secret-api-key-77c1');
    const listed = await failure(listEventPublishers(http, wrong, signal()));
    expect(listed.kind).toBe('auth');
    expect(textOf(listed)).not.toContain('wrong-token-5e1d9a');
    const removed = await failure(unsubscribePublisher(http, wrong, 'publisher-1', signal()));
    expect(textOf(removed)).not.toContain('wrong-token-5e1d9a');
  });

  for (const shape of ['publishers', 'array', 'event-publishers', 'items'] as const) {
    it(`lists event publishers when the answer is shaped as "${shape}" (the real shape is UNCONFIRMED)`, async () => {
      const mock = await newMock();
      mock.publishersShape = shape;
      await shareEvents(http, bearer(mock), mock.accounts[0]!, { subscriber: SUBSCRIBER }, signal());
      await shareEvents(http, bearer(mock), mock.accounts[2]!, { subscriber: SUBSCRIBER }, signal());
      const publishers = await listEventPublishers(http, bearer(mock), signal());
      expect(publishers).toEqual([
        {
          id: 'publisher-1',
          name: `Учётная запись ${mock.accounts[0]!.slice(0, 8)}`,
          accountId: mock.accounts[0],
          subscriber: SUBSCRIBER,
        },
        {
          id: 'publisher-2',
          name: `Учётная запись ${mock.accounts[2]!.slice(0, 8)}`,
          accountId: mock.accounts[2],
          subscriber: SUBSCRIBER,
        },
      ]);
      expect(mock.server.requests.at(-1)!.path).toBe('/v1/event-publishers');
    });
  }

  it('an empty list is empty; a list in an unknown shape is a protocol error; entries without an id are skipped', async () => {
    const mock = await newMock();
    expect(await listEventPublishers(http, bearer(mock), signal())).toEqual([]);
    mock.server.inject({ kind: 'respond', response: { status: 200, body: { sources: [] } } });
    expect((await failure(listEventPublishers(http, bearer(mock), signal()))).kind).toBe('protocol');
    mock.server.inject({ kind: 'respond', response: { status: 200, body: [{ title: 'без id' }, { id: 7, title: 'Семь' }] } });
    expect(await listEventPublishers(http, bearer(mock), signal())).toEqual([
      { id: '7', name: 'Семь', accountId: null, subscriber: null },
    ]);
    mock.inject({ kind: 'malformed' });
    expect((await failure(listEventPublishers(http, bearer(mock), signal()))).kind).toBe('protocol');
  });

  it('unsubscribes a publisher with DELETE /v1/event-publishers/{id}; an unknown one is "not found"', async () => {
    const mock = await newMock();
    await shareEvents(http, bearer(mock), mock.accounts[0]!, { subscriber: SUBSCRIBER }, signal());
    const [publisher] = await listEventPublishers(http, bearer(mock), signal());
    await unsubscribePublisher(http, bearer(mock), publisher!.id, signal());
    const req = mock.server.requests.at(-1)!;
    expect(req.method).toBe('DELETE');
    expect(req.path).toBe(`/v1/event-publishers/${publisher!.id}`);
    expect(await listEventPublishers(http, bearer(mock), signal())).toEqual([]);
    const err = await failure(unsubscribePublisher(http, bearer(mock), publisher!.id, signal()));
    expect(err.kind).toBe('config');
    expect(err.message).toContain('Источник событий не найден');
  });

  it('throttling and server errors keep their kinds', async () => {
    const mock = await newMock();
    mock.server.inject({
      kind: 'respond',
      response: { status: 429, headers: { 'retry-after': '3' }, body: { id: 'urn:error:throttling', message: 'Throttling' } },
    });
    const throttled = await failure(listEventPublishers(http, bearer(mock), signal()));
    expect(throttled.kind).toBe('rate-limit');
    expect(throttled.retryAfterMs).toBe(3000);
    mock.server.inject({ kind: 'respond', response: { status: 503, body: 'down' } });
    expect((await failure(unsubscribePublisher(http, bearer(mock), 'publisher-1', signal()))).kind).toBe('server');
  });
});
