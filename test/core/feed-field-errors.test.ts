// One validation: the zod schemas that check a config file also give the form its field errors, in both languages
// (main/core/feeds/feed-config.ts, field-messages.ts).
import { describe, expect, it } from 'vitest';
import { FEED_INTERVAL_SEC } from '../../preload/contract.ts';
import { ConfigError, feedFieldErrors, parseFeedConfig } from '../../main/core/feeds/feed-config.ts';

const good = {
  id: 'dd',
  provider: 'diadoc',
  name: 'Диадок',
  enabled: true,
  intervalSec: 60,
  start: 'now',
  settings: { boxId: '0f8fad5b-d9cb-469f-a165-70867728950e' },
};
const fields = (input: unknown) => feedFieldErrors(input).map((e) => e.field);

describe('the form’s field errors', () => {
  it('come from the same schema as a config file’s errors, one per field', () => {
    expect(feedFieldErrors(good)).toEqual([]);
    const bad = { ...good, id: 'a b', name: ' ', intervalSec: 2, start: 'yesterday', settings: { boxId: 'my-box', limit: 0 } };
    expect(fields(bad)).toEqual(['id', 'name', 'intervalSec', 'start', 'settings.boxId', 'settings.limit']);
    let printed = '';
    try {
      parseFeedConfig(bad, 'feed');
    } catch (err) {
      printed = (err as ConfigError).message;
    }
    for (const field of ['id', 'name', 'intervalSec', 'start']) expect(printed).toContain(`${field}: `);
  });

  it('say each problem in Russian and English; the config file keeps the English', () => {
    const errors = feedFieldErrors({ ...good, intervalSec: FEED_INTERVAL_SEC.max + 1, start: 'yesterday' });
    const interval = errors.find((e) => e.field === 'intervalSec')!.message;
    expect(interval.ru).toContain(`от ${FEED_INTERVAL_SEC.min} до ${FEED_INTERVAL_SEC.max}`);
    expect(interval.en).toContain(`from ${FEED_INTERVAL_SEC.min} to ${FEED_INTERVAL_SEC.max}`);
    expect(errors.find((e) => e.field === 'start')!.message).toEqual({
      ru: '«now» (с этого момента), «beginning» (с начала) или дата',
      en: 'must be "now", "beginning" or a date',
    });
    expect(() => parseFeedConfig({ ...good, intervalSec: 1 }, 'feed')).toThrow(
      /intervalSec: must be a whole number of seconds from 5/,
    );
  });

  it('give a provider’s own rules in both languages, and zod’s words in Russian too', () => {
    const url = feedFieldErrors({ ...good, settings: { ...good.settings, baseUrl: 'http://evil.example' } })[0]!;
    expect(url.field).toBe('settings.baseUrl');
    expect(url.message.ru).toMatch(/^Адрес API \(baseUrl\): нужен адрес https:\/\//);
    expect(url.message.en).toMatch(/^API address \(baseUrl\): needs an https:\/\/ address/);
    expect(url.message.ru).not.toContain(' / ');
    const box = feedFieldErrors({ ...good, settings: { boxId: 'my-box' } })[0]!;
    expect(box.message.en).toMatch(/^must be a box GUID/);
    expect(box.message.ru).toMatch(/^нужен идентификатор ящика/);
    const limit = feedFieldErrors({ ...good, settings: { ...good.settings, limit: 500 } })[0]!;
    expect(limit).toMatchObject({
      field: 'settings.limit',
      message: { en: expect.stringMatching(/^Too big/), ru: expect.stringMatching(/[а-я]/) },
    });
  });

  it('name an unknown service', () => {
    expect(feedFieldErrors({ ...good, provider: 'github' })).toEqual([
      { field: 'provider', message: { ru: expect.any(String), en: 'This version of Feedbell has no such service' } },
    ]);
  });
});
