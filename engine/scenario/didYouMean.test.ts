import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from './didYouMean.ts';

describe('did you mean', () => {
  it('measures edits, counting a swap of neighbours as one', () => {
    expect(editDistance('partitons', 'partitions')).toBe(1);
    expect(editDistance('paritions', 'partitions')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests a close candidate, ignoring case, or one the word starts', () => {
    expect(closest('partitons', ['partitions', 'retention'])).toBe('partitions');
    expect(closest('SessionTimeout', ['sessionTimeout'])).toBe('sessionTimeout');
    expect(closest('expo', ['exponential', 'empirical'])).toBe('exponential');
    expect(closest('cooperative_sticky', ['range', 'cooperative-sticky'])).toBe('cooperative-sticky');
  });

  it('suggests nothing for a word that is not close to any', () => {
    expect(closest('colour', ['id', 'kind', 'partitions'])).toBeUndefined();
    expect(closest('ab', ['cd'])).toBeUndefined();
    expect(didYouMean('zzz', ['partitions'])).toBe('');
    expect(didYouMean('rang', ['range'])).toBe(' (did you mean "range"?)');
  });
});
