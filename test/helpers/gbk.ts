// Test helper: GBK bytes for a text, as a government CMS saves its pages (Node has a GBK decoder but no encoder).

let table: Map<string, number[]> | null = null;

/** Encodes text as GBK through the platform's GBK decoder in reverse. Throws on a character GBK lacks. */
export function encodeGbk(text: string): Buffer {
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

/**
 * A GBK page as a CMS broke it: 咨询 followed by a character of GBK's user-defined area (AA A1, private use U+E000),
 * a character cut before its second byte (BF, then `<`), and a stray FF byte (no GBK character starts with it). The rest is ordinary GBK.
 */
export function brokenGbkPage(): Buffer {
  return Buffer.concat([
    encodeGbk(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2017年度示例局政府信息公开工作年度报告</title></head><body>
<div id="zoom"><p>一、主动公开情况</p><p>2017年，示例局主动公开政府信息4321条。</p>
<p>二、咨询服务</p><p>咨询`),
    Buffer.from([0xaa, 0xa1]),
    encodeGbk('电话为6123456。</p>\n<p>三、依申请公开</p><p>全年受理依申请公开申请12件，均已按期答复'),
    Buffer.from([0xbf]),
    encodeGbk('</p>\n<p>本机关设立查阅点2个'),
    Buffer.from([0xff]),
    encodeGbk('。</p></div></body></html>'),
  ]);
}
