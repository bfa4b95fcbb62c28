// Owns the characters a broken page leaves in its decoded text (U+FFFD where bytes did not decode, private-use
// characters from GBK's user-defined areas): finding them for the preview, removing them from what citizens read.
// Pure; no runtime imports.

/** U+FFFD, and the private-use areas (BMP U+E000–U+F8FF, planes 15 and 16): nothing a citizen can read. */
const UNREADABLE = /[\uFFFD\p{Co}]/gu;

/** Where one unreadable character is in a decoded text. */
export interface UnreadablePlace {
  /** `undecodable`: bytes the charset could not decode (U+FFFD); `private-use`: a character no font shows. */
  kind: 'undecodable' | 'private-use';
  /** 1-based line of the decoded text. */
  line: number;
  /** 1-based position in the line, in characters. */
  column: number;
  /** The text around it (up to 12 characters each side, on its line), the character shown as U+FFFD. */
  excerpt: string;
}

/** What a decoded text holds that cannot be shown. */
export interface UnreadableReport {
  /** U+FFFD characters: one per byte sequence that did not decode. */
  undecodable: number;
  /** Private-use characters (GBK's user-defined areas, or bytes decoded in the wrong charset). */
  privateUse: number;
  /** The first places (at most {@link MAX_PLACES}), in reading order. */
  places: UnreadablePlace[];
}

/** How many places a report lists. */
export const MAX_PLACES = 10;

const EXCERPT_SIDE = 12;

/** Finds the unreadable characters of a decoded text, with the line, column and text around the first ones. */
export function findUnreadable(text: string): UnreadableReport {
  const report: UnreadableReport = { undecodable: 0, privateUse: 0, places: [] };
  for (const m of text.matchAll(UNREADABLE)) {
    const kind = m[0] === '\uFFFD' ? 'undecodable' : 'private-use';
    if (kind === 'undecodable') report.undecodable++;
    else report.privateUse++;
    if (report.places.length >= MAX_PLACES) continue;
    const at = m.index;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
    const line = countLines(text, lineStart);
    const before = Array.from(text.slice(lineStart, at));
    const after = Array.from(text.slice(at + m[0].length, lineEnd));
    const excerpt = [...before.slice(-EXCERPT_SIDE), '\uFFFD', ...after.slice(0, EXCERPT_SIDE)].join('').replace(UNREADABLE, '\uFFFD').trim();
    report.places.push({ kind, line, column: before.length + 1, excerpt });
  }
  return report;
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/** The text without U+FFFD and private-use characters. */
export function removeUnreadable(text: string): string {
  return text.includes('\uFFFD') || /\p{Co}/u.test(text) ? text.replace(UNREADABLE, '') : text;
}

/** The preview's warning about unreadable characters, naming the first places, or null when there are none. */
export function describeUnreadable(report: UnreadableReport): string | null {
  const parts: string[] = [];
  if (report.undecodable > 0) parts.push(`${report.undecodable} byte sequence${report.undecodable === 1 ? '' : 's'} did not decode`);
  if (report.privateUse > 0) parts.push(`${report.privateUse} private-use character${report.privateUse === 1 ? '' : 's'} (no font shows them)`);
  if (parts.length === 0) return null;
  const where = report.places.map((p) => `line ${p.line}, column ${p.column}: 「${p.excerpt}」`).join('; ');
  return (
    `${parts.join(' and ')}, first at ${where}. They are left out of passages and answers: ` +
    'check the text there, or save the page again in UTF-8 from the site'
  );
}
