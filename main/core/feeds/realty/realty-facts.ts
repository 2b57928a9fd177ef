// What the detail pane leads with for a realty check: the object in words (its address, cadastral number or the
// user's own reference when that is not a GUID), the check and its result. The check and correlation ids stay under
// «Подробнее».
import type { EventFact } from '../../../../preload/contract.ts';
import { fact, fields, firstText, wordsFact } from '../event-facts.ts';
import { realtyObject, realtyTitle } from './realty-texts.ts';
import type { RealtyCheckEvent } from './realty-schema.ts';

export function realtyFacts(event: { payload: unknown }): EventFact[] {
  const p = fields(event.payload);
  const cadastral = firstText(p, 'cadastralNumber', 'cadastreNumber');
  const object = realtyObject(p);
  return [
    ...fact('Объект', 'Object', object),
    ...(cadastral && cadastral !== object ? fact('Кадастровый номер', 'Cadastral number', cadastral) : []),
    ...wordsFact('Проверка', 'Check', realtyTitle(p as RealtyCheckEvent)),
  ];
}
