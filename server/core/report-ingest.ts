// Owns turning a parsed report into what the index keeps of it: its agency, its passages and its tables. The build
// and the staff preview call the same function. Pure; no runtime imports.
import { deriveAgency, type PlaceLexicon } from './agencies.js';
import type { DocumentMeta, ParsedDocument } from './document.js';
import { splitIntoPassages, type Passage } from './passages.js';
import type { TableCell } from './tables.js';
import { removeUnreadable } from './undecodable.js';

/** A report ready for the index. */
export interface IngestedReport {
  /** The agency the report is of, derived from its title, issuer, sign-off and text. */
  agency: string | null;
  /** The document's metadata, its title and issuer without unreadable characters (U+FFFD, private use). */
  meta: DocumentMeta;
  passages: Passage[];
  /** Tables in reading order, as laid out on the page; cell passages name them by index. */
  tables: TableCell[][][];
}

/** Reads the agency, metadata, passages and tables of a parsed report (steps: agency → metadata → passages → tables). */
export function ingestReport(doc: ParsedDocument, places: PlaceLexicon): IngestedReport {
  const signoff = doc.blocks.find((b) => b.kind === 'signoff');
  const text = doc.blocks
    .filter((b): b is { kind: 'paragraph'; text: string } => b.kind === 'paragraph')
    .slice(0, 6)
    .map((b) => b.text)
    .join('\n')
    .slice(0, 4000);
  const agency = deriveAgency(
    { title: doc.meta.title, issuer: doc.meta.issuer, signoff: signoff?.kind === 'signoff' ? signoff.text.split(' ')[0]! : null, text },
    places,
  );
  const meta: DocumentMeta = {
    ...doc.meta,
    title: removeUnreadable(doc.meta.title).trim() || '（标题无法解码）',
    issuer: doc.meta.issuer === null ? null : removeUnreadable(doc.meta.issuer).trim() || null,
  };
  // Table cells are shown on the report page, which a text fragment of a cell passage must find.
  const tables = doc.blocks.flatMap((b) =>
    b.kind === 'table' ? [b.table.rows.map((row) => row.map((cell) => ({ ...cell, text: removeUnreadable(cell.text) })))] : [],
  );
  return { agency, meta, passages: splitIntoPassages(doc), tables };
}
