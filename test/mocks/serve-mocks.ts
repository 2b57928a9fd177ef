// `npm run mock`: starts the four service mocks on 127.0.0.1 with sample data, adds a new event to each now and
// then, and prints a feeds config plus the secrets' environment variables that point the app and the CLI at them.
//   npm run mock                      # prints the config and the env lines; Ctrl+C stops
//   npm run mock -- --config-out mocks.json [--every 20]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { secretEnvName } from '../../main/core/secrets-env.ts';
import { startDiadocMock } from './diadoc-mock.ts';
import { startEvotorMock } from './evotor-mock.ts';
import { startExternMock } from './extern-mock.ts';
import { KonturIdentityMock } from './kontur-identity-mock.ts';
import { startRealtyMock } from './realty-mock.ts';

export interface RunningMocks {
  /** The feeds config document ({"feeds": [...]}) pointing at the mocks. */
  config: { feeds: Record<string, unknown>[] };
  /** Feed id → secret (and named extra secrets as "<id>:<name>"). */
  secrets: Record<string, string>;
  /** Kontur's identity service (device flow and refresh): the Diadoc mock also accepts the access tokens it issues. */
  identity: KonturIdentityMock;
  /** Adds `n` new events to every mock. */
  addEvents(n: number): void;
  /** Feed id → the ids of every event its mock holds (what a full sync must store). */
  ids(): Record<string, string[]>;
  stop(): Promise<void>;
}

/**
 * Starts all four mocks; `start` is the feeds' start position ("beginning" shows their sample history), `events`
 * how many each holds at first, `pageSize` the feeds' page size (the services' defaults when absent), and
 * `externDemands` adds Extern's sample demands for «Требует действия» (ExternDemands.sample).
 */
export async function startAllMocks(
  start = 'beginning',
  options: { events?: number; pageSize?: number; externDemands?: boolean } = {},
): Promise<RunningMocks> {
  const events = options.events ?? 60;
  const [evotor, diadoc, extern, realty, identity] = await Promise.all([
    startEvotorMock({ events, ...(options.pageSize ? { pageSize: options.pageSize } : {}) }),
    startDiadocMock({ events }),
    startExternMock({ events }),
    startRealtyMock({ initialEvents: events }),
    // A public client (no API key), polled every second, so a sign-in finishes quickly.
    KonturIdentityMock.start({ clientSecret: null, intervalSec: 1 }),
  ]);
  diadoc.acceptAccessToken = (token) => identity.isValidAccessToken(token);
  extern.acceptAccessToken = (token) => identity.isValidAccessToken(token);
  // «Требует действия»: Extern demands around now (open, answering, overdue, SFR, done) after the sample history.
  if (options.externDemands) extern.demands.sample(Date.now(), extern.accounts[0]!);
  const feed = (id: string, provider: string, name: string, settings: Record<string, unknown>) => ({
    id,
    provider,
    name,
    intervalSec: 15,
    start,
    settings,
  });
  return {
    config: {
      feeds: [
        feed('mock-evotor', 'evotor', 'Эвотор (макет)', { appId: evotor.appId, baseUrl: evotor.url }),
        feed('mock-diadoc', 'diadoc', 'Диадок (макет)', {
          boxId: diadoc.boxId,
          baseUrl: diadoc.url,
          ...(options.pageSize ? { limit: options.pageSize } : {}),
        }),
        feed('mock-extern', 'extern', 'Экстерн (макет)', {
          baseUrl: extern.url,
          ...(options.pageSize ? { take: options.pageSize } : {}),
        }),
        feed('mock-realty', 'realty', 'Проверки недвижимости (макет)', {
          orgId: realty.credentials.orgId,
          baseUrl: realty.url,
          ...(options.pageSize ? { count: options.pageSize } : {}),
        }),
      ],
    },
    secrets: {
      'mock-evotor': evotor.token,
      'mock-diadoc': diadoc.token,
      'mock-extern': extern.token,
      'mock-realty': realty.credentials.sid,
    },
    identity,
    addEvents(n) {
      evotor.addEvents(n);
      diadoc.addEvents(n);
      extern.addEvents(n);
      realty.addEvents(n);
    },
    ids: () => ({
      'mock-evotor': evotor.events.map((event) => event.id),
      'mock-diadoc': diadoc.allEventIds(),
      'mock-extern': extern.ids(),
      'mock-realty': realty.retainedIds(),
    }),
    async stop() {
      await Promise.all([evotor.stop(), diadoc.stop(), extern.stop(), realty.stop(), identity.stop()]);
    },
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      'config-out': { type: 'string' },
      every: { type: 'string', default: '20' },
      start: { type: 'string', default: 'beginning' },
    },
    strict: true,
  });
  const every = Number(values.every);
  if (!Number.isFinite(every) || every < 1) throw new Error('--every must be a number of seconds ≥ 1');
  const mocks = await startAllMocks(values.start, { externDemands: true });
  const configText = JSON.stringify(mocks.config, null, 2);
  if (values['config-out']) writeFileSync(values['config-out'], `${configText}\n`);
  const env = Object.entries(mocks.secrets).map(([id, secret]) => `export ${secretEnvName(id)}='${secret}'`);
  process.stdout.write(
    `# Feedbell mocks of Evotor, Diadoc, Kontur.Extern and realty checks are running on 127.0.0.1.\n` +
      `# A new event arrives at each every ${every} s. Ctrl+C stops them.\n` +
      `# The feeds config${values['config-out'] ? ` (also written to ${values['config-out']})` : ''}:\n${configText}\n\n` +
      `# The secrets (test values of the mocks, not real credentials):\n${env.join('\n')}\n\n` +
      `# Kontur sign-in (a Diadoc feed with auth "oidc"): client id ${mocks.identity.clientId}, identity ${mocks.identity.url}\n` +
      `# (approve a code at ${mocks.identity.url}/device?user_code=XXXX-XXXX)\n\n` +
      `# Then, for example:  npm run --silent cli -- sync --config ${values['config-out'] ?? 'mocks.json'} --data-dir /tmp/feedbell-mocks\n`,
  );
  const timer = setInterval(() => mocks.addEvents(1), every * 1000);
  const stop = () => {
    clearInterval(timer);
    void mocks.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
