// Uploads are sent as their bytes in base64: every byte value survives, GBK pages are never decoded in the browser.
import { describe, expect, it } from 'vitest';
import { bytesToBase64, fileToBase64 } from '../../widget/admin/base64.js';

describe('bytesToBase64', () => {
  it('encodes like the standard base64 with padding', () => {
    expect(bytesToBase64(new Uint8Array())).toBe('');
    expect(bytesToBase64(new TextEncoder().encode('hi'))).toBe('aGk=');
    expect(bytesToBase64(new TextEncoder().encode('政府'))).toBe(Buffer.from('政府').toString('base64'));
  });

  it('keeps every byte value, including GBK bytes that are not UTF-8', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect(bytesToBase64(all)).toBe(Buffer.from(all).toString('base64'));
    // 「政府」 in GBK: D5FE B8AE.
    const gbk = new Uint8Array([0xd5, 0xfe, 0xb8, 0xae]);
    expect(Buffer.from(bytesToBase64(gbk), 'base64')).toEqual(Buffer.from(gbk));
  });

  it('encodes a file larger than one chunk (5 MiB) without overflowing the stack', () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 3).map((_, i) => (i * 31) & 0xff);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('reads a chosen file by its bytes', async () => {
    const bytes = new Uint8Array([0xd5, 0xfe, 0x0a, 0x00, 0xff]);
    expect(await fileToBase64(new Blob([bytes]))).toBe(Buffer.from(bytes).toString('base64'));
  });
});
