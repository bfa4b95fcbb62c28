import { describe, expect, it } from 'vitest';
import { isSendKey } from '../../widget/src/components/Composer.js';

const key = (overrides: Partial<Pick<KeyboardEvent, 'key' | 'shiftKey' | 'isComposing' | 'keyCode'>>) => ({
  key: 'Enter',
  shiftKey: false,
  isComposing: false,
  keyCode: 13,
  ...overrides,
});

describe('isSendKey', () => {
  it('sends on Enter', () => {
    expect(isSendKey(key({}))).toBe(true);
  });

  it('lets Shift+Enter break the line', () => {
    expect(isSendKey(key({ shiftKey: true }))).toBe(false);
  });

  it('never sends on the Enter that confirms an IME composition', () => {
    expect(isSendKey(key({ isComposing: true }))).toBe(false);
    expect(isSendKey(key({ keyCode: 229 }))).toBe(false);
  });

  it('ignores other keys', () => {
    expect(isSendKey(key({ key: 'a', keyCode: 65 }))).toBe(false);
  });
});
