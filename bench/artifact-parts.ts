// Owns a measurement, not shipped code: where the bytes of an index artifact go.
import { readFileSync } from 'node:fs';
import type { IndexArtifact } from '../server/core/search-index.js';

export interface ArtifactPart {
  part: string;
  bytes: number;
  /** How the part is encoded. */
  how: string;
}

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** Breaks an index.json down by part (the packed encoding a what-if once measured here is the format since 5). */
export function breakDownArtifact(file: string): ArtifactPart[] {
  const artifact = JSON.parse(readFileSync(file, 'utf8')) as IndexArtifact;
  const { postings, fieldLength, ...rest } = artifact.search;
  const part = (name: string, value: unknown, how: string): ArtifactPart => ({ part: name, bytes: size(value), how });
  return [
    part('passages', { p: artifact.passages, s: artifact.sections }, `by column, section paths as indexes into a table of ${artifact.sections.length} paths`),
    part('search postings (MiniSearch index)', postings, 'per term, ascending passage ids as base-36 gaps, the term frequency only when it is not 1'),
    part('search field lengths and the rest', { fieldLength, rest }, 'an array by passage id'),
    part('documents, docFrequency, contacts, manifest', { m: artifact.manifest, d: artifact.documents, f: artifact.docFrequency, c: artifact.contacts }, 'as is'),
  ];
}
