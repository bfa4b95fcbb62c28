import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../server/core/privacy.js';

describe('maskPersonalData', () => {
  it('masks mainland ID numbers, mobile and landline numbers and e-mail addresses', () => {
    const masked = maskPersonalData('我叫张三，身份证110101199003071234，手机13812345678，座机0453-6958002，邮箱zhang@example.com');
    expect(masked).not.toMatch(/110101199003071234|13812345678|6958002|zhang@example\.com/);
    expect(masked).toContain('[身份证号]');
    expect(masked).toContain('[手机号]');
    expect(masked).toContain('[电话]');
    expect(masked).toContain('[邮箱]');
  });

  it('masks IDs ending in X, full-width digits and spaced mobile numbers', () => {
    expect(maskPersonalData('11010119900307123X')).toBe('[身份证号]');
    expect(maskPersonalData('１３８１２３４５６７８')).toBe('[手机号]');
    expect(maskPersonalData('138 1234 5678')).toBe('[手机号]');
  });

  it('leaves years, counts and ordinary text alone', () => {
    expect(maskPersonalData('2015年主动公开了23000条信息吗')).toBe('2015年主动公开了23000条信息吗');
  });
});
