// Owns BENCHMARKS.md and the charts: renders a run's results as tables (each with machine, command and date) below
// the hand-written introduction, which it keeps as it is.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderChart } from './charts.js';
import { FIXTURE_FILES } from './fixtures.js';
import type { HotFunction } from './profile.js';
import { qualityScore } from './quality.js';
import { formatMachine, type BenchResults } from './results.js';
import { SCALE_GOALS } from './scale.js';
import { formatBytes, formatMs, formatPercent, formatRatio, median } from './stats.js';

/** Everything above this line in BENCHMARKS.md is hand-written and kept; everything below is generated. */
export const GENERATED_MARKER = '<!-- Everything below this line is written by `npm run bench`: edit bench/report.ts, not this file. -->';

/** Goal of the throughput table: ask at least this share of the floor's requests per second (bench/floor-server.ts). */
export const THROUGHPUT_GOAL = 0.9;

const CHARTS = {
  build: 'docs/bench-build-time.svg',
  size: 'docs/bench-artifact-size.svg',
  p99: 'docs/bench-answer-p99.svg',
};

const DEFAULT_INTRO = `# Benchmarks

Hand-written introduction: what is measured and how. Run \`npm run bench\` to regenerate the tables below.
`;

function table(header: string[], rows: string[][], align?: Array<'l' | 'r'>): string {
  const sep = header.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function stamp(results: BenchResults, command = results.command): string {
  return `_Machine: ${formatMachine(results.machine)}. Command: \`${command}\`. Date: ${results.recordedAt}._`;
}

function count(n: number, of: number): string {
  return `${n}/${of} (${formatPercent(of ? n / of : 0)})`;
}

function hotTable(hot: HotFunction[]): string {
  if (hot.length === 0) return '_No profile was taken._';
  return table(
    ['Function', 'Where', 'Self', 'Total'],
    hot.map((h) => [`\`${h.name}\``, `\`${h.location}\``, formatPercent(h.selfShare), formatPercent(h.totalShare)]),
    ['l', 'l', 'r', 'r'],
  );
}

/** Whether each goal of the issue is met, with the figure that decides it. */
export function goalRows(results: BenchResults): Array<{ goal: string; target: string; measured: string; met: boolean | null }> {
  const largest = results.scale.rows.find((r) => r.reports === SCALE_GOALS.reports);
  const node = results.throughput.rows[0];
  const rows: Array<{ goal: string; target: string; measured: string; met: boolean | null }> = [];
  if (largest) {
    rows.push(
      { goal: 'Index build, 2,000 reports', target: '< 60 s', measured: formatMs(largest.buildMs), met: largest.buildMs < SCALE_GOALS.buildMs },
      { goal: 'Artifact (index.json), 2,000 reports', target: '< 30 MB', measured: formatBytes(largest.indexBytes), met: largest.indexBytes < SCALE_GOALS.indexBytes },
      { goal: 'Heap after load, 2,000 reports', target: '< 200 MB', measured: formatBytes(largest.heapUsed), met: largest.heapUsed < SCALE_GOALS.heapBytes },
      { goal: 'Answer p99 in process, 2,000 reports', target: '< 2 ms', measured: formatMs(largest.p99Ms), met: largest.p99Ms < SCALE_GOALS.p99Ms },
    );
  }
  if (node && node.ratio !== undefined) {
    rows.push(
      ...(node.askVsFloor !== undefined
        ? [{ goal: 'POST /api/ask vs the floor (Hono POST, 1 kB JSON + UUID), Node', target: '≥ 0.90', measured: formatRatio(node.askVsFloor), met: node.askVsFloor >= THROUGHPUT_GOAL }]
        : []),
      { goal: 'Errors under load, Node', target: '0', measured: String((node.errors?.ask ?? 0) + (node.errors?.health ?? 0)), met: (node.errors?.ask ?? 0) + (node.errors?.health ?? 0) === 0 },
    );
  }
  return rows;
}

/** The side-by-side table of systems: right at rank 1 and within 3, refusals, latency. */
function systemsTable(rows: BenchResults['quality']['rows'], refusedHeader: string): string {
  return table(
    ['System', 'Right at rank 1', 'Right within 3', refusedHeader, 'p50', 'p99', 'p50 vs ours'],
    rows.map((r) => [
      r.name,
      count(r.rank1, r.answerable),
      count(r.top3, r.answerable),
      count(r.refusedCorrectly, r.outOfScope),
      formatMs(r.p50Ms),
      formatMs(r.p99Ms),
      formatRatio(r.p50VsOurs),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

function qualitySection(results: BenchResults): string {
  const { rows, questions, rounds, passages } = results.quality;
  const first = rows[0]!;
  const lines: string[] = [];
  lines.push('## 1. Answer quality side by side', '', stamp(results), '');
  lines.push(
    `Same passages (the default corpus's ${passages} passages, from its built index artifact), same ${questions} questions ` +
      `(\`test/fixtures/\`: ${first.answerable} with expected answers, ${first.outOfScope} out of scope; the \`invalid\` cases test HTTP validation and are left out). ` +
      `Latency: in process, ${rounds} interleaved rounds over all questions after a warm-up round; "p50 vs ours" is the median over rounds of the system's p50 divided by ours in the same round.`,
    '',
  );
  lines.push(
    systemsTable(rows, 'Out of scope refused'),
    '',
  );
  lines.push(
    'Per question set, the score the quality test uses (answered right, or refused when out of scope):',
    '',
    table(
      ['System', ...FIXTURE_FILES.map((f) => `\`${f}\``), 'All'],
      rows.map((r) => [
        r.name,
        ...FIXTURE_FILES.map((f) => count(r.perSet[f]?.passed ?? 0, r.perSet[f]?.total ?? 0)),
        count(qualityScore(r).passed, qualityScore(r).total),
      ]),
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  lines.push('How each system is set up:', '');
  for (const r of rows) lines.push(`- **${r.name}**: ${r.setup}.`);
  lines.push(
    '',
    "A peer's answer is the text of its top-ranked passage (or its top three); it refuses only when it returns nothing. " +
      "Ours answers with the passage it ranks first, widened to its list or neighbours when it cannot stand alone; its 'within 3' counts the next two ranked passages of an answered question.",
    '',
    `Questions ours gets wrong: ${first.failures.length ? first.failures.map((f) => `\`${f}\``).join(', ') : 'none'}.`,
    '',
  );
  if (results.realQuality) lines.push(realPagesSection(results.realQuality));
  return lines.join('\n');
}

function realPagesSection(real: NonNullable<BenchResults['realQuality']>): string {
  const first = real.rows[0]!;
  return [
    '### Real pages: many agencies and years on one site',
    '',
    `The ${real.reports} reports of \`test/fixtures/corpus-real/\` (real pages of several agencies and years, with template tables) beside the default report, ` +
      `${real.passages} passages (table cells included), the ${real.questions} questions of \`test/fixtures/real-questions.json\` ` +
      `(${first.answerable} with expected answers, ${first.outOfScope} that the reports do not answer). Every system gets the same passages; ours also knows each report's agency and year. ` +
      `Latency as above, ${real.rounds} rounds.`,
    '',
    systemsTable(real.rows, 'Not answered refused'),
    '',
    `Questions ours gets wrong: ${first.failures.length ? first.failures.map((f) => `\`${f}\``).join(', ') : 'none'}.`,
    '',
  ].join('\n');
}

function scaleSection(results: BenchResults): string {
  const { rows, whatIf, profile, artifactParts, questionsPerCorpus, rounds, coldRuns } = results.scale;
  const lines: string[] = [];
  lines.push('## 2. Scale', '', stamp(results), '');
  lines.push(
    'Synthetic reports from `bench/synthetic-corpus.ts` (invented cities, agencies, years and figures; every report says 示例 in its title and body), ' +
      'about 5 kB and 46 passages each, written to the system temporary folder with copies of `corpus/dict/` and `corpus/synonyms.txt`. ' +
      'Build: `buildIndex` in a fresh process (nodejieba load included). Heap: `process.memoryUsage().heapUsed` after `loadCorpusEngine` and three forced GCs, in a fresh process (the baseline before loading is about ' +
      `${formatBytes(median(rows.map((r) => r.heapBaseline)))}). ` +
      `Latency: \`answerFromCorpus\` over ${questionsPerCorpus} generated questions per corpus (「<city><agency><year>年主动公开了多少条政府信息？」 and four other kinds), all corpora loaded in one process, ` +
      `${rounds} interleaved rounds; "p99 vs 1 report" is the median over rounds of the ratio to the 1-report corpus. ` +
      `Cold start: spawn of \`node --import tsx\` to the first answer printed (check of the artifact against the corpus included), median of ${coldRuns} runs interleaved across sizes.`,
    '',
  );
  lines.push(
    table(
      ['Reports', 'Passages', 'Build', 'index.json (gzip)', 'dictionary.txt', 'Heap after load', 'p50', 'p99', 'p99 vs 1 report', 'Cold start to first answer', 'Right on generated questions'],
      rows.map((r) => [
        r.reports.toLocaleString('en-US'),
        r.passages.toLocaleString('en-US'),
        formatMs(r.buildMs),
        `${formatBytes(r.indexBytes)} (${formatBytes(r.indexGzipBytes)})`,
        formatBytes(r.dictionaryBytes),
        formatBytes(r.heapUsed),
        formatMs(r.p50Ms),
        formatMs(r.p99Ms),
        formatRatio(r.p99VsSmallest),
        `${formatMs(r.coldMs)} (load ${formatMs(r.coldLoadMs)})`,
        count(r.correct, r.questions),
      ]),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    `![Index build time against corpus size](${CHARTS.build}) ![Artifact size against corpus size](${CHARTS.size}) ![Answer p99 against corpus size](${CHARTS.p99})`,
    '',
  );
  if (profile.length) {
    const largest = rows[rows.length - 1]!;
    lines.push(
      `Where answering spends its time at ${largest.reports.toLocaleString('en-US')} reports (\`node --cpu-prof\`, samples inside \`answerFromCorpus\`):`,
      '',
      hotTable(profile),
      '',
    );
  }
  if (artifactParts.length) {
    const largest = rows[rows.length - 1]!;
    const total = artifactParts.reduce((sum, p) => sum + p.bytes, 0);
    lines.push(
      `Where the bytes of index.json go at ${largest.reports.toLocaleString('en-US')} reports (\`bench/artifact-parts.ts\`):`,
      '',
      table(
        ['Part', 'Size', 'Encoding'],
        [...artifactParts.map((p) => [p.part, formatBytes(p.bytes), p.how]), ['**Total**', `**${formatBytes(total)}**`, '']],
        ['l', 'r', 'l'],
      ),
      '',
    );
  }
  if (whatIf) {
    lines.push(
      whatIf.applicable
        ? `What-if, same process and rounds: candidate retrieval from typed-array posting lists with a bounded top 60 (\`bench/what-if-retrieval.ts\`, same BM25 ranking as MiniSearch) ` +
            `instead of \`MiniSearch.search\`, at ${whatIf.reports.toLocaleString('en-US')} reports: p50 ${formatMs(whatIf.p50Ms)}, p99 ${formatMs(whatIf.p99Ms)} ` +
            `(${formatRatio(whatIf.p99VsEngine)} the engine's p99, median of per-round ratios); ${whatIf.sameAnswers}/${whatIf.questions} answers identical to the engine's, ` +
            `${whatIf.correct}/${whatIf.questions} right (engine: ${whatIf.correctEngine}/${whatIf.questions}).`
        : 'What-if of the typed-array retrieval: not applicable (the answerer no longer calls `MiniSearch.search`).',
      '',
    );
  }
  return lines.join('\n');
}

function throughputSection(results: BenchResults): string {
  const { rows, questions, profile, profileNoSync } = results.throughput;
  const lines: string[] = [];
  lines.push('## 3. Server throughput', '', stamp(results), '');
  const measured = rows.find((r) => r.ratio !== undefined);
  lines.push(
    `[autocannon](https://github.com/mcollina/autocannon) in the bench process against a server in a child process on loopback, ${measured?.connections ?? 10} connections, ` +
      `rounds of ${measured?.secondsPerRound ?? 3} s alternating POST /api/ask and GET /healthz (A B A B …, after a 1 s warm-up of each), ` +
      `${measured?.askRps?.length ?? 0} pairs; the ratio is the median of the per-pair ratios. The asks cycle through the ${questions} fixture questions (answerable and out of scope). ` +
      'Rate limit off (`RATE_LIMIT_PER_MINUTE=0`), `LOG_LEVEL=warn`; the SQLite question log is on, as in production. ' +
      'The Worker runs under `wrangler dev` (local workerd behind wrangler\'s dev proxy, its own local D1 migrated as `npm run dev:worker` does): ' +
      'its absolute figures describe that development setup, not the edge.',
    '',
  );
  lines.push(
    table(
      ['Target', 'ask req/s (median)', 'healthz req/s (median)', 'ask / healthz', 'ask vs Node', 'ask / floor', 'ask p99', 'healthz p99', 'Errors (ask + healthz)'],
      rows.map((r, i) =>
        r.unavailable
          ? [r.name, r.unavailable, '', '', '', '', '', '', '']
          : [
              r.name,
              median(r.askRps ?? []).toFixed(0),
              median(r.healthRps ?? []).toFixed(0),
              formatPercent(r.ratio ?? 0),
              i > 0 && r.askVsFirst !== undefined ? formatRatio(r.askVsFirst) : i === 0 ? '×1.00' : '–',
              r.askVsFloor !== undefined ? formatRatio(r.askVsFloor) : '–',
              `${r.askP99Ms ?? 0} ms`,
              `${r.healthP99Ms ?? 0} ms`,
              `${r.errors?.ask ?? 0} + ${r.errors?.health ?? 0}`,
            ],
      ),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    'The first four rows run side by side: the servers are up together and their rounds interleave, so "ask vs Node" and "ask / floor" (medians of per-round ratios) compare them directly; ' +
      'the floor (`bench/floor-server.ts`) is the least an ask-shaped request costs on this stack: Hono on @hono/node-server parsing a small JSON body and answering 1 kB of JSON with a UUID. ' +
      'The second floor reads its body as the robot\'s Node shell does (from the IncomingMessage, `server/runtime/node-body.ts`, no web Request): against it, the robot\'s own work shows. ' +
      'The Worker is measured after them, against its own healthz.',
    '',
  );
  if (profile.length) {
    lines.push('Where the Node server spends its time under ask load (`node --cpu-prof` of the server, start-up excluded):', '', hotTable(profile), '');
  }
  if (profileNoSync?.length) {
    lines.push('The same with DATA_DIR on tmpfs, where a disk sync costs nothing:', '', hotTable(profileNoSync), '');
  }
  return lines.join('\n');
}

function sizesSection(results: BenchResults): string {
  const lines: string[] = [];
  lines.push('## 4. Sizes', '', stamp(results), '');
  lines.push(
    table(
      ['What', 'Raw', 'gzip -9', 'From'],
      results.sizes.map((s) => [s.name, s.missing ?? formatBytes(s.raw), s.missing ? '' : formatBytes(s.gzip), `\`${s.source.replace(/^\/tmp\/[^/]+\//, '<tmp>/')}\``]),
      ['l', 'r', 'r', 'l'],
    ),
    '',
  );
  const largest = results.scale.rows[results.scale.rows.length - 1];
  if (largest) {
    lines.push(
      `At ${largest.reports.toLocaleString('en-US')} synthetic reports the index artifact is ${formatBytes(largest.indexBytes)} (${formatBytes(largest.indexGzipBytes)} gzip) and the dictionary stays ${formatBytes(largest.dictionaryBytes)}.`,
      '',
    );
  }
  return lines.join('\n');
}

function goalsSection(results: BenchResults): string {
  return [
    '## Goals',
    '',
    stamp(results),
    '',
    table(
      ['Goal', 'Target', 'Measured', 'Met'],
      goalRows(results).map((g) => [g.goal, g.target, g.measured, g.met === null ? '–' : g.met ? 'yes' : '**no**']),
      ['l', 'r', 'r', 'l'],
    ),
    '',
  ].join('\n');
}

/** The three charts against corpus size, as SVG text by file name. */
export function renderCharts(results: BenchResults): Record<string, string> {
  const rows = results.scale.rows;
  return {
    [CHARTS.build]: renderChart({
      title: 'Index build time',
      yCaption: 'seconds',
      xCaption: 'reports in the corpus (log scale)',
      points: rows.map((r) => ({ x: r.reports, y: r.buildMs / 1000, label: formatMs(r.buildMs) })),
      goal: { y: SCALE_GOALS.buildMs / 1000, label: 'goal < 60 s at 2,000' },
      formatY: (y) => `${y} s`,
    }),
    [CHARTS.size]: renderChart({
      title: 'Index artifact size (index.json)',
      yCaption: 'MB',
      xCaption: 'reports in the corpus (log scale)',
      points: rows.map((r) => ({ x: r.reports, y: r.indexBytes / 1e6, label: formatBytes(r.indexBytes) })),
      goal: { y: SCALE_GOALS.indexBytes / 1e6, label: 'goal < 30 MB at 2,000' },
      formatY: (y) => `${y} MB`,
    }),
    [CHARTS.p99]: renderChart({
      title: 'Answer latency p99 (in process)',
      yCaption: 'milliseconds (log scale)',
      xCaption: 'reports in the corpus (log scale)',
      points: rows.map((r) => ({ x: r.reports, y: r.p99Ms, label: formatMs(r.p99Ms) })),
      goal: { y: SCALE_GOALS.p99Ms, label: 'goal < 2 ms at 2,000' },
      logY: true,
      formatY: (y) => (y < 1 ? `${y} ms` : `${y.toLocaleString('en-US')} ms`),
    }),
  };
}

/** Writes BENCHMARKS.md (keeping its hand-written part) and the charts. */
export function writeReport(results: BenchResults, file = 'BENCHMARKS.md'): void {
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = existing.indexOf(GENERATED_MARKER);
  const intro = (at === -1 ? existing || DEFAULT_INTRO : existing.slice(0, at)).trimEnd();
  const body = [goalsSection(results), qualitySection(results), scaleSection(results), throughputSection(results), sizesSection(results)].join('\n');
  writeFileSync(file, `${intro}\n\n${GENERATED_MARKER}\n\n${body.trimEnd()}\n`);
  mkdirSync('docs', { recursive: true });
  for (const [path, svg] of Object.entries(renderCharts(results))) writeFileSync(path, svg);
}
