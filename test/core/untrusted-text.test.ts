import { describe, expect, it } from 'vitest';
import { displayLine, stripUnsafe, truncate } from '../../main/core/text/untrusted-text.ts';

describe('untrusted text', () => {
  it('removes bidi overrides, isolates and control characters, keeping tabs and line breaks', () => {
    expect(stripUnsafe('invoice\u202Egnp.exe')).toBe('invoicegnp.exe');
    expect(stripUnsafe('a\u2066b\u2067c\u2068d\u2069e\u202Af\u202Bg\u202Ch\u202Di\u061Cj')).toBe('abcdefghij');
    expect(stripUnsafe('bell\u0007 esc\u001b[31m nul\u0000 c1\u0085 del\u007f')).toBe('bell esc[31m nul c1 del');
    expect(stripUnsafe('line\nnext\ttab')).toBe('line\nnext\ttab');
    expect(stripUnsafe('ООО «Ромашка» — УПД № 12')).toBe('ООО «Ромашка» — УПД № 12');
  });

  it('cuts at whole characters with an ellipsis, and makes one display line', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
    expect(displayLine('  first\n\nsecond\u202E  third  ', 100)).toBe('first second third');
    expect(displayLine('x'.repeat(100_000), 200)).toHaveLength(200);
  });
});
