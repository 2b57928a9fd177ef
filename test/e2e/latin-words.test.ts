import { describe, expect, it } from 'vitest';
import { unexpectedLatinWords } from './latin-words.ts';

describe('unexpectedLatinWords', () => {
  it('finds English and developer words in Russian text', () => {
    expect(unexpectedLatinWords('OK в 12:13:19; Too big: expected string; Bridge disconnected')).toEqual([
      'OK',
      'Too',
      'big',
      'expected',
      'string',
      'Bridge',
      'disconnected',
    ]);
    expect(unexpectedLatinWords('Тип: diadoc.utd, Fssp.Processed')).toEqual(['diadoc.utd', 'Fssp.Processed']);
  });

  it('leaves out what the window quotes as the service wrote it, and the codes a person must recognise', () => {
    expect(unexpectedLatinWords('тариф «basic» · касс: 3; auth.sid или API-ключ не подходит')).toEqual([]);
  });

  it('lets service names, keys, formats, addresses and numbers through', () => {
    expect(
      unexpectedLatinWords(
        'Диадок (Diadoc), Контур.Экстерн; нажмите Esc; файл JSON; https://dev.evotor.ru/x?y=z; a@b.ru; ИНН 7701234567; № 15',
      ),
    ).toEqual([]);
  });
});
