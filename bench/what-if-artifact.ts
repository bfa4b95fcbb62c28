// Owns a what-if measurement, not shipped code: where the bytes of an index artifact go, and how big the same
// content is in a compact encoding (posting lists as delta-coded ids; passages are stored by column already).
import { readFileSync } from 'node:fs';
import type { IndexArtifact } from '../server/core/search-index.js';

export interface ArtifactPart {
  part: string;
  bytes: number;
  /** The same content in the compact encoding described in `how`. */
  compactBytes: number;
  how: string;
}

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** Breaks an index.json down by part, with the compact size of each. */
export function breakDownArtifact(file: string): ArtifactPart[] {
  const artifact = JSON.parse(readFileSync(file, 'utf8')) as IndexArtifact;
  const search = artifact.search as unknown as Record<string, unknown> & { index: Array<[string, Record<string, Record<string, number>>]> };

  // Passages are already stored by column with a section table (index format 4): that part is as compact as planned.
  const passagesBytes = size(artifact.passages) + size(artifact.sections);

  // Per term and field: ids ascending, each as the base-36 gap from the previous, `:tf` only when tf is not 1.
  const postings: Record<string, Record<string, string>> = {};
  for (const [term, fields] of search.index) {
    const perField: Record<string, string> = {};
    for (const [field, docs] of Object.entries(fields)) {
      let previous = 0;
      perField[field] = Object.keys(docs)
        .map(Number)
        .sort((a, b) => a - b)
        .map((id) => {
          const gap = (id - previous).toString(36);
          previous = id;
          const tf = docs[String(id)]!;
          return tf === 1 ? gap : `${gap}:${tf}`;
        })
        .join(',');
    }
    postings[term] = perField;
  }
  const otherSearch = Object.fromEntries(Object.entries(search).filter(([k]) => k !== 'index' && k !== 'documentIds'));

  return [
    {
      part: 'passages',
      bytes: passagesBytes,
      compactBytes: passagesBytes,
      how: `by column, each passage's section path as an index into a table of ${artifact.sections.length} distinct paths (already so)`,
    },
    {
      part: 'search.index (MiniSearch posting lists)',
      bytes: size(search.index),
      compactBytes: size(postings),
      how: 'per term and field, ascending passage ids as base-36 gaps, the term frequency only when it is not 1',
    },
    {
      part: 'search.documentIds',
      bytes: size(search.documentIds),
      compactBytes: 0,
      how: 'dropped: passage ids are their positions',
    },
    {
      part: 'search (field lengths and the rest)',
      bytes: size(otherSearch),
      compactBytes: size(otherSearch),
      how: 'unchanged',
    },
    {
      part: 'documents, docFrequency, contacts, manifest',
      bytes: size({ m: artifact.manifest, d: artifact.documents, f: artifact.docFrequency, c: artifact.contacts }),
      compactBytes: size({ m: artifact.manifest, d: artifact.documents, f: artifact.docFrequency, c: artifact.contacts }),
      how: 'unchanged',
    },
  ];
}
