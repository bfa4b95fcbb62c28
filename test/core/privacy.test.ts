import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { luhnValid, maskPersonalData } from '../../server/core/privacy.js';

/** The one table of cases, shared with the store-level test (test/http/admin-privacy.test.ts). */
const table = JSON.parse(readFileSync('test/fixtures/personal-data.json', 'utf8')) as {
  masked: Array<{ text: string; expected: string; secrets: string[] }>;
  kept: string[];
};

describe('maskPersonalData', () => {
  it('masks mainland ID numbers, mobile and landline numbers and e-mail addresses', () => {
    const masked = maskPersonalData('我叫张三，身份证110101199003071234，手机13812345678，座机0453-6958002，邮箱zhang@example.com');
    expect(masked).toBe('我叫[姓名]，身份证[身份证号]，手机[手机号]，座机[电话]，邮箱[邮箱]');
  });

  it.each(table.masked)('masks 「$text」 as 「$expected」', ({ text, expected, secrets }) => {
    const masked = maskPersonalData(text);
    expect(masked).toBe(expected);
    for (const secret of secrets) expect(masked).not.toContain(secret);
  });

  it.each(table.kept)('keeps 「%s」 as it is: nothing in it is personal', (text) => {
    expect(maskPersonalData(text)).toBe(text);
  });

  it('masks what it already masked no further', () => {
    for (const { expected } of table.masked) expect(maskPersonalData(expected)).toBe(expected);
  });

  it('keeps the width and punctuation of everything it does not mask', () => {
    expect(maskPersonalData('２０１５年的电话？１３８１２３４５６７８！')).toBe('２０１５年的电话？[手机号]！');
  });

  it('takes 16 to 19 digits as a card number only when they pass Luhn or are UnionPay (62…)', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(maskPersonalData('编号4111111111111112')).toBe('编号4111111111111112');
    expect(maskPersonalData('卡号6222021234567890123')).toBe('卡号[银行卡号]');
  });
});
