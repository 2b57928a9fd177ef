// The window's own check of a GUID field agrees with what the provider's module accepts: a service's other spelling of
// its ids (Diadoc's "<GUID>@diadoc.ru") comes from its form description, so the window names no provider.
import { describe, expect, it } from 'vitest';
import type { FormField } from '../../preload/contract.ts';
import { PROVIDER_MODULES } from '../../main/core/feeds/registry.ts';
import { normalizeBoxId } from '../../main/core/feeds/diadoc/diadoc-schema.ts';
import { isLooseGuid } from '../../renderer/src/features/feed-editor/field-formats.ts';

const GUID = '1a2b3c4d-0000-4000-8000-123456789abc';
const boxId = PROVIDER_MODULES.diadoc.form.fields.find((field) => field.key === 'boxId')!;
const plainGuid: FormField = { key: 'orgId', kind: 'guid', label: { ru: '', en: '' }, help: { ru: '', en: '' }, required: true };

describe('a guid field in the feed form', () => {
  it('accepts the suffix its module names, in any case, as the module does', () => {
    for (const value of [GUID, `${GUID}@diadoc.ru`, `${GUID.replaceAll('-', '').toUpperCase()}@Diadoc.ru`]) {
      expect(isLooseGuid(value, boxId), value).toBe(true);
      expect(normalizeBoxId(value), value).toBe(GUID);
    }
  });

  it('accepts no suffix on a field that names none, and nothing but a GUID before the suffix', () => {
    expect(isLooseGuid(GUID, plainGuid)).toBe(true);
    expect(isLooseGuid(`{${GUID}}`, plainGuid)).toBe(true);
    expect(isLooseGuid(`${GUID}@diadoc.ru`, plainGuid)).toBe(false);
    expect(isLooseGuid('@diadoc.ru', boxId)).toBe(false);
    expect(isLooseGuid(`${GUID}@example.org`, boxId)).toBe(false);
  });
});
