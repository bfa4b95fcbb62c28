import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeWithOffsets, toWellFormed } from '../../server/core/normalize.js';

describe('normalizeText', () => {
  it('folds full-width digits, Latin letters and punctuation to half width', () => {
    expect(normalizeText('２０１５年ＡＢＣ，（一）')).toBe('2015年abc,(一)');
  });

  it('maps Traditional characters to Simplified ones', () => {
    expect(normalizeText('政務公開沒做好會追究責任嗎')).toBe('政务公开没做好会追究责任吗');
    expect(normalizeText('投訴監察科電話')).toBe('投诉监察科电话');
  });

  it('turns ideographic spaces and line breaks into plain spaces', () => {
    expect(normalizeText('一\u3000二\n三')).toBe('一 二 三');
  });
});

describe('normalizeWithOffsets', () => {
  it('maps every normalized unit back to its source offset, also when a character expands', () => {
    const source = '①公開';
    const { text, offsets } = normalizeWithOffsets(source);
    expect(text).toBe('1公开');
    expect(offsets).toEqual([0, 1, 2, 3]);
    const at = text.indexOf('公开');
    expect(source.slice(offsets[at], offsets[at + 2])).toBe('公開');
  });
});

describe('toWellFormed', () => {
  it('replaces lone surrogates and keeps valid pairs', () => {
    expect(toWellFormed('a\uD800b\uDC00c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });
});
