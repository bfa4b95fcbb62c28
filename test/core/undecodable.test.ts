import { describe, expect, it } from 'vitest';
import { describeUnreadable, findUnreadable, MAX_PLACES, removeUnreadable } from '../../server/core/undecodable.js';
import { splitIntoPassages } from '../../server/core/passages.js';
import { parseDocument } from '../../server/core/document.js';

describe('unreadable characters in a decoded page', () => {
  it('counts U+FFFD and private-use characters, with the line, column and text around each', () => {
    const report = findUnreadable('2017年度报告\n一、主动公开情况\n示例局主动公开政府信息\uFFFD条，咨询\uE000电话为6123456。');
    expect(report).toMatchObject({ undecodable: 1, privateUse: 1 });
    expect(report.places).toEqual([
      { kind: 'undecodable', line: 3, column: 12, excerpt: '示例局主动公开政府信息\uFFFD条，咨询\uFFFD电话为6123' },
      { kind: 'private-use', line: 3, column: 17, excerpt: '动公开政府信息\uFFFD条，咨询\uFFFD电话为6123456。' },
    ]);
    expect(describeUnreadable(report)).toMatch(/^1 byte sequence did not decode and 1 private-use character.*line 3, column 12: 「示例局/);
  });

  it('lists the first places only, but counts them all', () => {
    const report = findUnreadable('\uFFFD'.repeat(25));
    expect(report.undecodable).toBe(25);
    expect(report.places).toHaveLength(MAX_PLACES);
    expect(describeUnreadable(findUnreadable('政府信息公开'))).toBeNull();
  });

  it('removes them, and leaves other text alone (astral characters included)', () => {
    expect(removeUnreadable('信息\uFFFD公\uE5E5开\u{F0000}𠀀')).toBe('信息公开𠀀');
    const clean = '政府信息公开工作年度报告。';
    expect(removeUnreadable(clean)).toBe(clean);
  });

  it('never lets them into passages or headings, and drops a passage left without text', () => {
    const doc = parseDocument('示例局2017年政府信息公开工作年度报告\n一、主动公开\uE000情况\n主动公开政府信息\uFFFD4321条。\uFFFD。咨询电话为6123456。', 'txt', {}, { fileName: 'r.txt' });
    const passages = splitIntoPassages(doc);
    expect(passages.map((p) => p.text)).toEqual([expect.stringMatching(/^《/), '主动公开政府信息4321条。', '咨询电话为6123456。']);
    expect(passages[1]!.section).toEqual(['一、主动公开情况']);
    for (const p of passages) expect(`${p.text}${p.section.join('')}`).not.toMatch(/[\uFFFD\p{Co}]/u);
  });
});
