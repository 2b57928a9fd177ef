// The allow-list for links sent to the system browser.
import { describe, expect, it } from 'vitest';
import { isAllowedExternalLink } from '../../main/platform/external-links.ts';

describe('isAllowedExternalLink', () => {
  it.each([
    'https://diadoc.kontur.ru/some-box/document/123',
    'https://extern.kontur.ru/',
    'https://kontur.ru',
    'https://market.evotor.ru/store/apps/abc',
    'https://evotor.ru/',
    'https://DIADOC.Kontur.RU/x',
    'https://reestro.kontur.ru/checks/1?x=1#y',
    'https://extern.testkontur.ru/',
  ])('allows %s', (url) => {
    expect(isAllowedExternalLink(url)).toBe(true);
  });

  it.each([
    'http://diadoc.kontur.ru/', // not https
    'https://kontur.ru.evil.example/',
    'https://evilkontur.ru/',
    'https://notevotor.ru/',
    'https://kontur.ru@evil.example/',
    'https://user:pass@diadoc.kontur.ru/',
    'https://diadoc.kontur.ru:8443/',
    'https://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'https://кontur.ru/', // Cyrillic look-alike, becomes punycode
    'not a url',
    '',
    `https://diadoc.kontur.ru/${'a'.repeat(5000)}`,
  ])('denies %s', (url) => {
    expect(isAllowedExternalLink(url)).toBe(false);
  });
});
