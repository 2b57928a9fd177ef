// The organisation a rule can name: Diadoc's counterparty box, Extern's INN.
import { describe, expect, it } from 'vitest';
import { diadocModule } from '../../../main/core/feeds/diadoc/index.ts';
import { externModule } from '../../../main/core/feeds/extern/index.ts';

/** A Diadoc message event with one document going this way. */
const message = (direction: string) => ({
  Message: {
    FromBoxId: 'box-from',
    FromTitle: 'ООО «Поставщик»',
    ToBoxId: 'box-to',
    ToTitle: 'ИП Иванов',
    Entities: [{ EntityType: 'Attachment', DocumentInfo: { DocumentDirection: direction } }],
  },
});

describe('organisationOf', () => {
  it('Diadoc: the sender of an inbound document, the recipient of an outbound one', () => {
    expect(diadocModule.organisationOf?.({ type: 'x', payload: message('Inbound') })).toEqual({
      key: 'box-from',
      name: 'ООО «Поставщик»',
    });
    expect(diadocModule.organisationOf?.({ type: 'x', payload: message('Outbound') })).toEqual({
      key: 'box-to',
      name: 'ИП Иванов',
    });
    expect(diadocModule.organisationOf?.({ type: 'x', payload: {} })).toBeNull();
  });

  it('Extern: the taxpayer by INN', () => {
    expect(externModule.organisationOf?.({ type: 'x', payload: { inn: '7700000000', kpp: '770001001' } })).toEqual({
      key: '7700000000',
      name: 'ИНН 7700000000, КПП 770001001',
    });
    expect(externModule.organisationOf?.({ type: 'x', payload: {} })).toBeNull();
  });
});
