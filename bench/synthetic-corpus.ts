// Owns the synthetic corpus of the scale benchmark: clearly invented annual reports on government information
// disclosure (every one marked 示例), written to a temporary folder the project's ingestion reads, never to corpus/.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRandom } from './stats.js';

/** Seed of the generator: report `i` is the same text in every run and at every corpus size. */
const SEED = 20_240_601;

// Invented place names: two characters from these lists, then 市. None is meant to name a real city.
const FIRST = Array.from('青云石松柳桐枫梅兰竹溪泉湖岚霞川岭禾谷泽澄汀芷蘅萱棠璃珞瑶琨');
const SECOND = Array.from('川垭岭湾洲岗屿坪塘浦渚峪汀垣陂堤埠岙坞墩');
const AGENCIES = [
  '数据管理局', '交通运输局', '生态环境局', '行政审批局', '市场监督管理局', '住房和城乡建设局', '教育局', '卫生健康委员会',
  '民政局', '人力资源和社会保障局', '农业农村局', '水务局', '文化广电旅游局', '应急管理局', '自然资源局', '财政局',
  '司法局', '商务局', '统计局', '医疗保障局',
];
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023];
const TOWN_FIRST = Array.from('东西南北上下新老大小前后中');
const TOWN_SECOND = Array.from('坪桥湾岗塘店庄埠集营屯铺堡');
const TOPICS = [
  '优化营商环境', '乡村振兴', '生态环境保护', '义务教育', '医疗保障', '养老服务', '安全生产', '防汛抗旱', '就业创业',
  '城市更新', '老旧小区改造', '食品安全', '政务服务', '社会救助', '公共文化服务', '交通出行', '住房保障', '减税降费',
  '重大建设项目', '公共资源配置', '疫情防控', '耕地保护', '河湖长制', '垃圾分类',
];
// Sentences of the kind that fill a report between its figures; {t} is a topic, {c} a channel, {n} a number, {w} a town.
const FILLERS = [
  '围绕{t}，编制公开事项清单{n}项，逐项明确公开内容、公开时限和公开渠道。',
  '在{c}开设{t}专题，集中发布政策文件、办事指南和工作进展{n}条。',
  '组织{w}开展政务公开进基层活动{n}次，现场解答群众咨询{n}人次。',
  '对涉及{t}的重大决策事项，提前通过{c}公开征求意见{n}次，收到意见建议{n}条。',
  '邀请人大代表、政协委员和群众代表列席会议{n}人次，会议议题涉及{t}。',
  '针对{t}领域的热点问题，及时发布权威信息{n}条，主动回应社会关切。',
  '完善{c}留言办理机制，全年受理群众留言{n}条，办结率100%。',
  '按照“谁制作、谁公开”的原则，梳理{t}相关信息{n}条并在{c}集中公开。',
  '在{w}便民服务中心设置政府信息查阅点，提供纸质材料{n}份。',
  '开展政务公开标准化规范化建设，完成{t}领域目录编制，涉及事项{n}个。',
  '加强{c}内容保障，安排专人每日巡查，全年更新栏目{n}个。',
  '结合{t}工作实际，举办新闻发布会{n}场，发布会实录均在{c}公开。',
];

const CHANNELS = ['门户网站', '政务微博', '微信公众号', '政务服务网', '新闻发布会', '政务公开专区', '电子显示屏', '便民手册'];

/** The facts a report states, from which questions and their expected answers are made. */
export interface ReportFacts {
  city: string;
  agency: string;
  year: number;
  proactive: number;
  normative: number;
  interpretations: number;
  requests: number;
  disclosed: number;
  reviews: number;
  lawsuits: number;
  phone: string;
}

export interface SyntheticReport {
  file: string;
  title: string;
  text: string;
  facts: ReportFacts;
}

/** A question about a synthetic report with the strings a correct answer contains. */
export interface SyntheticQuestion {
  question: string;
  expect: string[];
  report: number;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function between(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** Report i's issuer and year: a bijection of i onto (city, agency, year), so no two reports share them. */
function identity(i: number): { city: string; agency: string; year: number } {
  const total = FIRST.length * SECOND.length * AGENCIES.length * YEARS.length;
  let k = (i * 7919 + 13) % total; // 7919 is prime and does not divide total: distinct i give distinct k.
  const year = YEARS[k % YEARS.length]!;
  k = Math.floor(k / YEARS.length);
  const agency = AGENCIES[k % AGENCIES.length]!;
  k = Math.floor(k / AGENCIES.length);
  const second = SECOND[k % SECOND.length]!;
  k = Math.floor(k / SECOND.length);
  const first = FIRST[k % FIRST.length]!;
  return { city: `${first}${second}市`, agency, year };
}

/** Writes one synthetic report (deterministic in `i`). */
export function generateReport(i: number): SyntheticReport {
  const random = createRandom(SEED + i * 1_000_003);
  const { city, agency, year } = identity(i);
  const issuer = `${city}${agency}`;
  const self = () => pick(random, ['我局', '本机关', issuer]);
  const town = () => `${pick(random, TOWN_FIRST)}${pick(random, TOWN_SECOND)}${pick(random, ['镇', '乡', '街道'])}`;
  const topic = () => pick(random, TOPICS);
  const channel = () => pick(random, CHANNELS);
  const fillers = (count: number) =>
    Array.from({ length: count }, () =>
      pick(random, FILLERS).replace(/\{(\w)\}/g, (_, slot: string) =>
        slot === 't' ? topic() : slot === 'c' ? channel() : slot === 'w' ? town() : String(between(random, 2, 900)),
      ),
    );
  const requests = between(random, 0, 400);
  const disclosed = Math.floor(requests * (0.3 + random() * 0.5));
  const facts: ReportFacts = {
    city,
    agency,
    year,
    proactive: between(random, 300, 48_000),
    normative: between(random, 0, 40),
    interpretations: between(random, 3, 260),
    requests,
    disclosed,
    reviews: between(random, 0, 12),
    lawsuits: between(random, 0, 6),
    phone: `0000-555${String(between(random, 0, 9999)).padStart(4, '0')}`,
  };
  const published = `${year + 1}-0${between(random, 1, 3)}-${String(between(random, 10, 28)).padStart(2, '0')}`;
  const [py, pm, pd] = published.split('-').map(Number) as [number, number, number];
  const title = `${issuer}${year}年政府信息公开工作年度报告（示例）`;
  const rest = requests - disclosed;
  const partly = Math.floor(rest / 3);
  const refused = Math.floor(rest / 4);
  const online = Math.floor(requests * 0.6);
  const inPerson = Math.floor(requests * 0.3);

  const lines: string[] = [
    title,
    `日期:${published} 来源:${issuer}`,
    `（示例：本报告由基准测试程序生成，机构名称、地名、数字和电话号码均为虚构，不对应任何真实单位。）`,
    `本报告根据《中华人民共和国政府信息公开条例》要求，由${issuer}编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
    '一、总体情况',
    `${year}年，${self()}坚持以公开为常态、不公开为例外，围绕${topic()}和${topic()}等重点工作，扎实推进政府信息公开。`,
    ...fillers(between(random, 4, 9)),
    '（一）主动公开',
    `${year}年，${self()}共主动公开政府信息${facts.proactive}条，其中规范性文件${facts.normative}件，政策解读${facts.interpretations}篇。`,
    `通过${channel()}发布工作动态${between(random, 50, 3000)}条，通过${channel()}和${channel()}发布信息${between(random, 20, 2000)}条。`,
    `围绕${topic()}，发布图文解读${between(random, 1, 80)}篇、视频解读${between(random, 0, 30)}期，回应社会关切${between(random, 1, 90)}次。`,
    `在${town()}、${town()}和${town()}设立政务公开专区${between(random, 1, 40)}个，方便群众就近查阅。`,
    '（二）依申请公开',
    `全年共收到政府信息公开申请${requests}件，其中网上申请${online}件，当面申请${inPerson}件，信函申请${requests - online - inPerson}件。`,
    `办结${requests}件，其中予以公开${disclosed}件，部分公开${partly}件，不予公开${refused}件，无法提供${rest - partly - refused}件。`,
    `全年${pick(random, ['未收取', '没有收取'])}任何信息处理费，平均办理时间为${between(random, 3, 19)}个工作日。`,
    ...fillers(between(random, 2, 6)),
    '（三）政府信息管理',
    `${self()}修订完善政府信息公开审查制度，严格落实“先审查、后公开”和“一事一审”的要求，全年审查拟公开信息${between(random, 100, 9000)}条。`,
    `对${between(random, 2, 60)}件规范性文件进行集中清理，废止${between(random, 0, 9)}件，修改${between(random, 0, 12)}件。`,
    '（四）政府信息公开平台建设',
    `${year}年，${self()}对${channel()}进行改版升级，新增${topic()}专栏，栏目总数达到${between(random, 12, 90)}个。`,
    `全年${channel()}访问量达到${between(random, 1, 900)}万人次，${channel()}关注人数新增${between(random, 200, 90000)}人。`,
    '（五）监督保障',
    `成立由主要负责人任组长的政务公开工作领导小组，办公室设在${pick(random, ['政策法规科', '综合科', '信息中心'])}，配备专职工作人员${between(random, 1, 9)}名。`,
    `组织政务公开业务培训${between(random, 1, 20)}次，参训人员${between(random, 20, 900)}人次；将政务公开纳入年度绩效考核，考核分值占比${between(random, 2, 10)}%。`,
    '二、主动公开政府信息情况',
    `${year}年，${self()}制发规章${between(random, 0, 3)}件，现行有效规章${between(random, 0, 30)}件；制发规范性文件${facts.normative}件，现行有效规范性文件${between(random, facts.normative, facts.normative + 120)}件。`,
    `行政许可处理决定数量${between(random, 0, 60_000)}件，行政处罚决定数量${between(random, 0, 5_000)}件，行政强制决定数量${between(random, 0, 800)}件。`,
    `行政事业性收费金额${between(random, 0, 9000)}万元。`,
    '三、收到和处理政府信息公开申请情况',
    `本年新收政府信息公开申请${requests}件，上年结转${between(random, 0, 20)}件；申请人中自然人${Math.floor(requests * 0.8)}名，商业企业${Math.floor(requests * 0.15)}家，其他组织${requests - Math.floor(requests * 0.8) - Math.floor(requests * 0.15)}家。`,
    `因申请内容涉及国家秘密不予公开${between(random, 0, 5)}件，因属于内部事务信息不予公开${between(random, 0, 9)}件，因本机关不掌握相关政府信息无法提供${between(random, 0, 30)}件。`,
    '四、政府信息公开行政复议、行政诉讼情况',
    `${year}年，${self()}因政府信息公开工作被申请行政复议${facts.reviews}件，其中结果维持${Math.min(facts.reviews, between(random, 0, facts.reviews))}件；被提起行政诉讼${facts.lawsuits}件。`,
    '五、存在的主要问题及改进情况',
    `${self()}政府信息公开工作还存在一些不足：一是${topic()}领域信息公开的及时性有待提高；二是政策解读形式较为单一；三是基层政务公开标准化规范化程度不高。`,
    `${year + 1}年，${self()}将从以下方面加以改进：一是围绕${topic()}加大公开力度；二是丰富${channel()}的解读形式；三是加强对${town()}等基层单位的业务指导。`,
    '六、其他需要报告的事项',
    `${self()}政府信息公开工作机构为${pick(random, ['办公室', '政策法规科', '综合科'])}，办公地址为${city}${pick(random, ['人民路', '建设大街', '文化路', '滨河东路'])}${between(random, 1, 300)}号，政府信息公开咨询电话为${facts.phone}。`,
    `本年度${self()}${pick(random, ['未收取', '没有收取'])}信息处理费。如对本报告有疑问，请于工作日拨打${facts.phone}咨询。`,
    issuer,
    `${py}年${pm}月${pd}日`,
  ];
  return { file: `sample-${String(i + 1).padStart(4, '0')}.txt`, title, text: `${lines.join('\n')}\n`, facts };
}

/** Questions about a report, each with the strings a correct answer contains. */
export function questionsAbout(report: number): SyntheticQuestion[] {
  const { facts } = generateReport(report);
  const who = `${facts.city}${facts.agency}`;
  return [
    { question: `${who}${facts.year}年主动公开了多少条政府信息？`, expect: [`${facts.proactive}条`], report },
    { question: `${who}${facts.year}年收到多少件政府信息公开申请？`, expect: [`${facts.requests}件`], report },
    { question: `${who}的政府信息公开咨询电话是多少？`, expect: [facts.phone], report },
    { question: `${who}${facts.year}年被申请行政复议多少件？`, expect: [`行政复议${facts.reviews}件`], report },
    { question: `${who}${facts.year}年发布了多少篇政策解读？`, expect: [`政策解读${facts.interpretations}篇`], report },
  ];
}

/** `count` questions about reports of a corpus of `reports` reports, spread evenly (deterministic). */
export function syntheticQuestions(reports: number, count: number): SyntheticQuestion[] {
  const random = createRandom(SEED ^ reports);
  const out: SyntheticQuestion[] = [];
  while (out.length < count) {
    const all = questionsAbout(Math.floor(random() * reports));
    out.push(pick(random, all));
  }
  return out;
}

/**
 * Writes a corpus folder of `count` synthetic reports under the system's temporary folder: `reports/*.txt` plus
 * copies of the default corpus's `dict/` and `synonyms.txt` (nodejieba holds one user dictionary per process, and
 * the bench loads several corpora in one process), and a site.json naming it a sample.
 *
 * @returns the corpus folder and the total bytes of its reports.
 */
export function writeSyntheticCorpus(count: number, defaultCorpus = resolve('corpus')): { corpusDir: string; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), `qa-bench-corpus-${count}-`));
  cpSync(join(defaultCorpus, 'dict'), join(dir, 'dict'), { recursive: true });
  cpSync(join(defaultCorpus, 'synonyms.txt'), join(dir, 'synonyms.txt'));
  writeFileSync(join(dir, 'site.json'), JSON.stringify({ siteName: '示例市人民政府（基准测试用虚构网站）', hotQuestions: [] }, null, 2));
  mkdirSync(join(dir, 'reports'));
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const report = generateReport(i);
    writeFileSync(join(dir, 'reports', report.file), report.text);
    bytes += Buffer.byteLength(report.text);
  }
  return { corpusDir: dir, bytes };
}
