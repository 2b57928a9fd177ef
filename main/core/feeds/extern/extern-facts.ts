// What the detail pane leads with for a Kontur.Extern event: the organization (INN/KPP), the docflow in words and
// its new state in words. The docflow and account GUIDs stay under «Подробнее».
import type { EventFact } from '../../../../preload/contract.ts';
import { fact, fields, firstText, wordsFact } from '../event-facts.ts';
import { docflowText, stateTitle } from './extern-texts.ts';

export function externFacts(event: { payload: unknown }): EventFact[] {
  const p = fields(event.payload);
  const inn = firstText(p, 'inn');
  const kpp = firstText(p, 'kpp');
  const docflow = typeof p['docflow-type'] === 'string' ? p['docflow-type'] : null;
  return [
    ...fact('Организация', 'Organization', inn ? `ИНН ${inn}${kpp ? `, КПП ${kpp}` : ''}` : null),
    ...wordsFact('Документооборот', 'Docflow', docflow ? docflowText(docflow) : null),
    ...wordsFact('Состояние', 'State', typeof p['new-state'] === 'string' ? stateTitle(p['new-state'], docflow) : null),
  ];
}

/** The taxpayer an event concerns, by its INN (the notification rules' key), named «ИНН … , КПП …». */
export function externOrganisation(event: { payload: unknown }): { key: string; name: string } | null {
  const p = fields(event.payload);
  const inn = firstText(p, 'inn');
  const kpp = firstText(p, 'kpp');
  return inn ? { key: inn, name: `ИНН ${inn}${kpp ? `, КПП ${kpp}` : ''}` } : null;
}
