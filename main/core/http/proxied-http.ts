// The app's one HTTP client, replaced when the proxy preference changes: new requests go through the new proxy,
// requests in flight finish on the old client, which is closed after them.
import { HttpClient, type HttpClientOptions, type HttpRequest, type HttpResponse } from './http-client.ts';

export class ProxiedHttp {
  readonly #options: Omit<HttpClientOptions, 'proxy'>;
  #client: HttpClient;

  constructor(options: Omit<HttpClientOptions, 'proxy'>, proxy: string) {
    this.#options = options;
    this.#client = new HttpClient({ ...options, proxy: proxy || null });
  }

  /** The client to use now. */
  client(): HttpClient {
    return this.#client;
  }

  send(req: HttpRequest): Promise<HttpResponse> {
    return this.#client.send(req);
  }

  setProxy(proxy: string): void {
    const old = this.#client;
    this.#client = new HttpClient({ ...this.#options, proxy: proxy || null });
    void old.close().catch(() => {});
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}
