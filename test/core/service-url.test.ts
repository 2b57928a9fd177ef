// Service addresses a token may be sent to: https anywhere, plain http only to this computer (test stands and mocks on
// 127.0.0.1), in every provider's settings and for the Kontur sign-in address; the error names the field in words.
import { describe, expect, it } from 'vitest';
import { parseFeedConfig } from '../../main/core/feeds/feed-config.ts';
import { isLoopbackHost, serviceUrlProblem } from '../../main/core/http/service-url.ts';

const GUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** A minimal valid feed of each service, with `settings` on top. */
const FEEDS = {
  evotor: { appId: GUID },
  diadoc: { boxId: GUID },
  extern: {},
  realty: { orgId: GUID },
} as const;

function parse(provider: keyof typeof FEEDS, settings: Record<string, unknown>) {
  return () => parseFeedConfig({ id: 'f', provider, settings: { ...FEEDS[provider], ...settings } }, 'feed "f"');
}

describe('service addresses', () => {
  it('loopback is localhost, 127.0.0.0/8 and ::1, as the URL parser writes them', () => {
    for (const url of [
      'http://localhost:8080',
      'http://127.0.0.1:9',
      'http://127.8.9.10',
      'http://[::1]:3000',
      'http://LOCALHOST',
      'http://127.1/',
    ]) {
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(true);
    }
    for (const url of [
      'http://10.0.0.1',
      'http://localhost.evil.example',
      'http://128.0.0.1',
      'http://[::2]',
      'http://0.0.0.0',
      'http://evil.example',
    ]) {
      expect(isLoopbackHost(new URL(url).hostname), url).toBe(false);
    }
  });

  it('says what is wrong with an address', () => {
    expect(serviceUrlProblem('https://api.evotor.ru')).toBeNull();
    expect(serviceUrlProblem('http://127.0.0.1:4010/base')).toBeNull();
    expect(serviceUrlProblem('http://api.evotor.ru')).toBe('plain-http');
    expect(serviceUrlProblem('http://192.168.1.10:8080')).toBe('plain-http');
    expect(serviceUrlProblem('https://user:pw@api.evotor.ru')).toBe('credentials');
    expect(serviceUrlProblem('ftp://api.evotor.ru')).toBe('scheme');
    expect(serviceUrlProblem('api.evotor.ru')).toBe('not-a-url');
  });

  for (const provider of Object.keys(FEEDS) as (keyof typeof FEEDS)[]) {
    it(`${provider}: refuses plain http to another computer, naming the field in words; https and loopback http pass`, () => {
      expect(parse(provider, { baseUrl: 'http://evil.example' })).toThrow(
        /settings\.baseUrl: Адрес API \(baseUrl\): нужен адрес https:\/\/.*http:\/\/ допускается только для этого компьютера .* \/ API address \(baseUrl\): needs an https:\/\/ address/,
      );
      expect(parse(provider, { baseUrl: 'http://10.1.2.3:8080/api' })).toThrow(/only for this computer/);
      expect(parse(provider, { baseUrl: 'https://user:secret@api.example' })).toThrow(/remove the user name and password/);
      expect(parse(provider, { baseUrl: 'https://api.example/' })().settings['baseUrl']).toBe('https://api.example');
      expect(parse(provider, { baseUrl: 'http://127.0.0.1:4010' })().settings['baseUrl']).toBe('http://127.0.0.1:4010');
      expect(parse(provider, { baseUrl: 'http://localhost:4010' })().settings['baseUrl']).toBe('http://localhost:4010');
      expect(parse(provider, { baseUrl: 'http://[::1]:4010' })().settings['baseUrl']).toBe('http://[::1]:4010');
    });
  }

  for (const provider of ['diadoc', 'extern'] as const) {
    it(`${provider}: the Kontur sign-in address follows the same rule`, () => {
      const oidc = { auth: 'oidc', clientId: 'client' };
      expect(parse(provider, { ...oidc, identityUrl: 'http://identity.kontur.ru' })).toThrow(
        /settings\.identityUrl: Адрес сервиса входа Контура \(identityUrl\): нужен адрес https:\/\/.* \/ Kontur sign-in address \(identityUrl\)/,
      );
      expect(parse(provider, { ...oidc, identityUrl: 'https://identity.testkontur.ru/' })().settings['identityUrl']).toBe(
        'https://identity.testkontur.ru',
      );
      expect(parse(provider, { ...oidc, identityUrl: 'http://127.0.0.1:5000' })().settings['identityUrl']).toBe(
        'http://127.0.0.1:5000',
      );
    });
  }
});
