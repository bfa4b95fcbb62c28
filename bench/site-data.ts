// `npx tsx bench/site-data.ts [--rounds 5]`: the cost of the settings page's agency list (short forms checked
// against the question reader) with and without the candidate filter, for sites of 50 to 400 agencies, measured in
// alternating order (A B A B …); and the in-process latency of saving the site data on the default corpus (the
// engine and FAQ index swapped over the same index) and of reading the settings page's state. Not in CI.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgencyDirectory, findAgencyMentions, type AgencyDirectory, type PlaceLexicon } from '../server/core/agencies.js';
import { agencyCandidates, listAgencyForms } from '../server/core/site-data.js';
import { createLogger } from '../server/http/log.js';
import { createNodeApp } from '../server/runtime/node.js';
import { loadCorpus, makeCorpus, testConfig } from '../test/helpers/corpus.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;
const PLACES = ['襄阳市', '平潭综合实验区', '牡丹江市', '杭州市', '栖霞区', '宜兴市', '咸宁市', '京山市', '万源市', '硚口区'];
const BODIES = [
  '行政审批局', '政务服务中心', '卫生健康委员会', '教育局', '地方税务局', '交通运输局', '人民政府办公室', '财政局', '公安局', '民政局',
  '司法局', '水利局', '林业局', '审计局', '统计局', '文化和旅游局', '市场监督管理局', '生态环境局', '住房和城乡建设局', '农业农村局',
  '自然资源和规划局', '应急管理局', '商务局', '医疗保障局', '退役军人事务局', '人力资源和社会保障局', '发展和改革委员会', '科学技术局', '工业和信息化局', '城市管理局',
  '体育局', '档案馆', '图书馆', '气象局', '地震局', '粮食和物资储备局', '信访局', '数据资源管理局', '行政服务中心', '公共资源交易中心',
];

/** The same check without the filter: every candidate read against every agency of the site. */
function unfilteredForms(directory: AgencyDirectory, places: PlaceLexicon): string[][] {
  return directory.agencies.map((agency, a) =>
    agencyCandidates(agency)
      .filter((candidate) => {
        const m = findAgencyMentions(candidate, directory, places);
        return m.length === 1 && m[0]!.start === 0 && m[0]!.end === candidate.length && m[0]!.agencies[0] === a;
      })
      .slice(0, 12),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const places = loadCorpus().dictionary;
console.log(`agency list, median of ${rounds} (ms): agencies | with the filter | every agency per candidate`);
for (const n of [50, 200, 400]) {
  const names = Array.from({ length: n }, (_, i) => `${PLACES[i % PLACES.length]}${BODIES[Math.floor(i / PLACES.length) % BODIES.length]}`);
  const directory = createAgencyDirectory(names);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    const filtered = listAgencyForms(directory, places).map((f) => f.shortForms);
    a.push(performance.now() - t);
    t = performance.now();
    const all = n <= 200 ? unfilteredForms(directory, places) : null;
    b.push(performance.now() - t);
    if (all && JSON.stringify(all) !== JSON.stringify(filtered)) throw new Error(`the filter changed the forms at ${n} agencies`);
  }
  console.log(n <= 200 ? `${n} | ${median(a).toFixed(0)} | ${median(b).toFixed(0)} | ${(median(b) / median(a)).toFixed(1)}× (same forms)` : `${n} | ${median(a).toFixed(0)} | not run`);
}

const TOKEN = 'bench-site-data-token-0123456789';
const node = createNodeApp(
  testConfig({
    CORPUS_DIR: makeCorpus({ 'mudanjiang-xzfwzx-2015-gkbg.txt': readFileSync('corpus/reports/mudanjiang-xzfwzx-2015-gkbg.txt') }),
    INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-bench-sd-')), 'index'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'qa-bench-sd-data-')),
    ADMIN_TOKEN: TOKEN,
  }),
  createLogger('silent'),
);
const synonyms = readFileSync('corpus/synonyms.txt', 'utf8');
const staff = (path: string, init: RequestInit = {}) =>
  Promise.resolve(node.app.request(path, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } }));
const save: number[] = [];
const read: number[] = [];
for (let r = 0; r < rounds * 4; r++) {
  let t = performance.now();
  const res = await staff('/api/admin/settings/synonyms', { method: 'PUT', body: JSON.stringify({ text: `${synonyms}吐槽 投诉 ${r}号\n` }) });
  if (res.status !== 200) throw new Error(`save answered ${res.status}`);
  save.push(performance.now() - t);
  t = performance.now();
  await (await staff('/api/admin/settings')).json();
  read.push(performance.now() - t);
}
console.log(`default corpus, median of ${save.length}: PUT /api/admin/settings/synonyms ${median(save).toFixed(1)} ms, GET /api/admin/settings ${median(read).toFixed(1)} ms`);
await node.store.close();
