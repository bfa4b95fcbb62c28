// The report reader's child process (started by report-reader.ts): reads one uploaded file per message (decode,
// parse, ingest as the build does: agency, passages, tables, repeats indexed once) and answers with what the preview
// shows, so that a page that parses slowly holds this process, never the server's. Exits when its parent goes away.
import { existsSync, readFileSync } from 'node:fs';
import { decodeReportText } from '../build/corpus.js';
import type { PlaceLexicon } from '../core/agencies.js';
import { hasBody, parseDocument } from '../core/document.js';
import { loadJiebaDictionary } from '../core/jieba.js';
import { describeRepetition, findRepeatedPassages } from '../core/repetition.js';
import { ingestReport } from '../core/report-ingest.js';
import { describeUnreadable } from '../core/undecodable.js';
import type { ReadRequest, ReadResult } from './report-reader.js';

/** Place names of the index's dictionary (argv[2]), loaded before the child says it is ready; none without one. */
const dictionaryFile = process.argv[2];
const places: PlaceLexicon =
  dictionaryFile && existsSync(dictionaryFile) ? loadJiebaDictionary(readFileSync(dictionaryFile)) : { isPlaceName: () => false };

function read(request: ReadRequest): ReadResult {
  try {
    const decoded = decodeReportText(request.bytes, request.format);
    const document = parseDocument(decoded.text, request.format, request.meta, { fileName: request.name });
    if (!hasBody(document)) return { ok: false, reason: 'no body text was found after removing the page chrome' };
    const report = ingestReport(document, places);
    // The passages as the index will keep them: a paragraph that only repeats earlier ones is left out.
    const repetition = findRepeatedPassages(report.passages);
    const passages = report.passages.filter((_, i) => !repetition.dropped[i]);
    const sections = [...new Set(passages.filter((p) => p.kind === 'sentence').map((p) => p.section.join(' › ')))].filter(Boolean);
    const allTables = document.blocks.flatMap((b) =>
      b.kind === 'table' ? [{ rows: b.table.rows.map((row) => row.map((c) => ({ text: c.text, rowspan: c.rowspan, colspan: c.colspan }))), warnings: b.reading.warnings }] : [],
    );
    // A table that repeats an earlier one cell for cell is shown once (a pasted page can hold hundreds of copies).
    const seenTables = new Set<string>();
    const tables = allTables.filter((t) => {
      const key = JSON.stringify(t.rows);
      if (seenTables.has(key)) return false;
      seenTables.add(key);
      return true;
    });
    const repeatedTables =
      tables.length < allTables.length ? `${allTables.length - tables.length} of ${allTables.length} tables repeat an earlier table cell for cell and are shown once` : null;
    const warnings = [...document.warnings, describeUnreadable(decoded.unreadable), describeRepetition(repetition), repeatedTables].filter((w): w is string => !!w);
    return {
      ok: true,
      meta: document.meta,
      sections,
      passages: passages.map((p) => ({ kind: p.kind, section: p.section.join(' › '), text: p.text })),
      stripped: document.stripped,
      agency: report.agency,
      warnings,
      tables,
      repetition: { repeated: repetition.repeated, total: repetition.total },
      decoding: { charset: decoded.charset, ...decoded.unreadable },
    };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

// One small page read before saying ready, so the first upload's time limit counts its reading, not the parser's
// first compilation (regular expressions, the dictionary's first look-ups).
read({
  name: 'warm-up.txt',
  format: 'txt',
  bytes: new TextEncoder().encode('示例市行政审批局2022年政府信息公开工作年度报告\n一、总体情况\n2022年，示例市行政审批局主动公开信息10条。\n| 项目 | 自然人 | 总计 |\n| 一、本年新收政府信息公开申请数量 | 1 | 1 |\n示例市行政审批局\n2023年1月20日\n'),
  meta: {},
});

process.on('message', (request: ReadRequest) => process.send!(read(request)));
// The parent died or closed the channel: nothing more will be asked.
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
