// The report reader's child process (started by report-reader.ts): reads one uploaded file per message (decode,
// parse, split into passages) and answers with what the preview shows, so that a page that parses slowly holds this
// process, never the server's. Exits when its parent goes away.
import { decodeReportText } from '../build/corpus.js';
import { hasBody, parseDocument } from '../core/document.js';
import { splitIntoPassages } from '../core/passages.js';
import { describeRepetition, findRepeatedPassages } from '../core/repetition.js';
import { describeUnreadable } from '../core/undecodable.js';
import type { ReadRequest, ReadResult } from './report-reader.js';

function read(request: ReadRequest): ReadResult {
  try {
    const decoded = decodeReportText(request.bytes, request.format);
    const document = parseDocument(decoded.text, request.format, request.meta, { fileName: request.name });
    if (!hasBody(document)) return { ok: false, reason: 'no body text was found after removing the page chrome' };
    const all = splitIntoPassages(document);
    // The passages as the index will keep them: a paragraph that only repeats earlier ones is left out.
    const repetition = findRepeatedPassages(all);
    const passages = all.filter((_, i) => !repetition.dropped[i]);
    const sections = [...new Set(passages.filter((p) => p.kind === 'sentence').map((p) => p.section.join(' › ')))].filter(Boolean);
    const warnings = [describeUnreadable(decoded.unreadable), describeRepetition(repetition)].filter((w): w is string => w !== null);
    return {
      ok: true,
      meta: document.meta,
      sections,
      passages: passages.map((p) => ({ kind: p.kind, section: p.section.join(' › '), text: p.text })),
      stripped: document.stripped,
      warnings,
      repetition: { repeated: repetition.repeated, total: repetition.total },
      decoding: { charset: decoded.charset, ...decoded.unreadable },
    };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

process.on('message', (request: ReadRequest) => process.send!(read(request)));
// The parent died or closed the channel: nothing more will be asked.
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
