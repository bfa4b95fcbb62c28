// Publishing reports without a developer: preview, publish, replace, remove; a failed build keeps the old index;
// questions asked during a rebuild are all answered.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';
import { createLogger } from '../../server/http/log.js';
import { createSwappableEngine, createQaEngine } from '../../server/core/engine.js';
import { loadSearchIndex } from '../../server/core/search-index.js';
import { loadCorpusEngine } from '../../server/runtime/node-engine.js';
import { createReportPublisher, type ReportPublisher } from '../../server/runtime/report-publisher.js';
import { makeCorpus } from '../helpers/corpus.js';
import { brokenGbkPage } from '../helpers/gbk.js';

const REPORT_2015 = readFileSync('corpus/reports/mudanjiang-xzfwzx-2015-gkbg.txt');
const REPORT_2016 = readFileSync('test/fixtures/reports/sample-2016-gkbg.txt');

function setup(runBuild?: Parameters<typeof createReportPublisher>[0]['runBuild']) {
  const corpusDir = makeCorpus({ 'mudanjiang-xzfwzx-2015-gkbg.txt': REPORT_2015 });
  const indexDir = join(mkdtempSync(join(tmpdir(), 'qa-publish-')), 'index');
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-publish-data-'));
  const config = readConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const loaded = loadCorpusEngine(config, createLogger('silent'));
  const engine = createSwappableEngine(loaded.engine);
  const publisher: ReportPublisher = createReportPublisher({
    corpusDir,
    dataDir,
    indexDir,
    index: () => engine.index,
    activate: (artifact) =>
      engine.swap(createQaEngine({ index: loadSearchIndex(artifact, loaded.index.segmenter), dictionary: loaded.dictionary, synonyms: loaded.synonyms })),
    ...(runBuild ? { runBuild } : {}),
  });
  return { corpusDir, dataDir, indexDir, config, engine, publisher };
}

describe('the report publisher', () => {
  it('previews how an upload is split, with its metadata and the chrome it strips, without publishing it', async () => {
    const { publisher, engine } = setup();
    const [preview] = await publisher.preview([{ name: 'sample-2016-gkbg.txt', bytes: REPORT_2016 }]);
    expect(preview).toMatchObject({ ok: true, slug: 'sample-2016-gkbg', exists: false, meta: { title: '2016年度行政服务中心政府信息公开年度报告（示例）', date: '2017-03-10' } });
    if (!preview?.ok) throw new Error('preview failed');
    expect(preview.sections).toContain('二、政务公开工作情况及具体举措 › 1、开通政务微信公众号');
    expect(preview.stripped).toContain('扫一扫在手机打开当前页');
    expect(engine.index.documents).toHaveLength(1);
  });

  it('warns in the preview about a report that is mostly repetition, and lists each repeated passage once', async () => {
    const { publisher } = setup();
    const block = '二、主动公开情况\n2020年，示例局主动公开政府信息1234条。\n本机关通过门户网站发布政策解读56篇。';
    const text = ['示例局2020年政府信息公开工作年度报告', ...Array.from({ length: 200 }, () => block)].join('\n');
    const [repetitive, plain] = await publisher.preview([
      { name: 'repetitive-2020.txt', bytes: new TextEncoder().encode(text) },
      { name: 'sample-2016-gkbg.txt', bytes: REPORT_2016 },
    ]);
    if (!repetitive?.ok || !plain?.ok) throw new Error('preview failed');
    expect(repetitive.repetition).toEqual({ repeated: 398, total: 400 });
    expect(repetitive.warnings).toEqual([expect.stringMatching(/^398 of 400 passages \(100%\) repeat an earlier passage.*mostly repetition/)]);
    expect(repetitive.passages.filter((p) => p.text === '2020年，示例局主动公开政府信息1234条。')).toHaveLength(1);
    expect(plain.warnings).toEqual([]);
  });

  it('shows a table that a pasted page repeats cell for cell once in the preview, and says how many copies it held', async () => {
    const { publisher } = setup();
    const block = ['二、主动公开情况', '| 项目 | 自然人 | 总计 |', '| 本年新收政府信息公开申请数量 | 3 | 3 |', '2020年，示例局主动公开政府信息1234条。'].join('\n');
    const other = ['| 项目 | 自然人 | 总计 |', '| 本年新收政府信息公开申请数量 | 4 | 4 |'].join('\n');
    const text = ['示例局2020年政府信息公开工作年度报告', ...Array.from({ length: 50 }, () => block), other].join('\n');
    const [preview] = await publisher.preview([{ name: 'pasted-2020.txt', bytes: new TextEncoder().encode(text) }]);
    if (!preview?.ok) throw new Error('preview failed');
    expect(preview.tables.map((t) => t.rows[1]![1]!.text)).toEqual(['3', '4']);
    expect(preview.warnings).toContain('49 of 51 tables repeat an earlier table cell for cell and are shown once');
  });

  it('shows in the preview how many bytes of a GBK page did not decode and where, and keeps them out of its passages', async () => {
    const { publisher } = setup();
    const [preview] = await publisher.preview([{ name: 'broken-gbk.html', bytes: brokenGbkPage() }]);
    if (!preview?.ok) throw new Error('preview failed');
    expect(preview.decoding).toMatchObject({ charset: 'gbk', undecodable: 1, privateUse: 2 });
    expect(preview.decoding.places[1]).toEqual({ kind: 'undecodable', line: 5, column: 39, excerpt: '申请12件，均已按期答复\uFFFD</p>' });
    expect(preview.warnings).toEqual([expect.stringMatching(/^1 byte sequence did not decode and 2 private-use characters.*line 4, column 19: 「询服务/)]);
    expect(preview.passages.map((p) => p.text)).toContain('咨询电话为6123456。');
    for (const p of preview.passages) expect(p.text).not.toMatch(/[\uFFFD\p{Co}]/u);
  });

  it('refuses unsafe names, unsupported types and unreadable files before building', async () => {
    const { publisher } = setup();
    const previews = await publisher.preview([
      { name: '../evil.txt', bytes: REPORT_2016 },
      { name: 'report.pdf', bytes: REPORT_2016 },
      { name: 'blank.txt', bytes: new Uint8Array() },
    ]);
    expect(previews.map((p) => p.ok)).toEqual([false, false, false]);
    expect(await publisher.publish([{ name: 'blank.txt', bytes: new Uint8Array() }], { replace: false })).toMatchObject({ ok: false, status: 400 });
  });

  it('publishes a second report: without a restart, the robot answers what only it says, citing it', async () => {
    const { publisher, engine, dataDir } = setup();
    expect((await engine.answer('开通了什么微信公众号')).response.matched).toBe('none');
    const outcome = await publisher.publish(
      [{ name: 'sample-2016-gkbg.txt', bytes: REPORT_2016, meta: { url: 'https://www.example.gov.cn/2016.html' } }],
      { replace: false },
    );
    expect(outcome).toMatchObject({ ok: true, documents: 2 });
    const { response } = await engine.answer('开通了什么微信公众号');
    expect(response.answer).toContain('示例政务服务');
    expect(response.sources[0]!.url).toMatch(/^https:\/\/www\.example\.gov\.cn\/2016\.html#:~:text=/);
    expect(existsSync(join(dataDir, 'reports', 'sample-2016-gkbg.meta.json'))).toBe(true);
    expect((await publisher.list()).map((r) => r.slug).sort()).toEqual(['mudanjiang-xzfwzx-2015-gkbg', 'sample-2016-gkbg']);
    expect(await publisher.publish([{ name: 'sample-2016-gkbg.txt', bytes: REPORT_2016 }], { replace: false })).toMatchObject({ status: 409, code: 'exists' });

    expect(await publisher.remove('sample-2016-gkbg')).toMatchObject({ ok: true, documents: 1 });
    expect((await engine.answer('开通了什么微信公众号')).response.matched).toBe('none');
    expect(existsSync(join(dataDir, 'reports', 'sample-2016-gkbg.txt'))).toBe(false);
  }, 60_000);

  it('keeps the old index serving, and the corpus unchanged, when the build fails', async () => {
    const { publisher, engine, corpusDir, dataDir } = setup(async () => {
      throw new Error('disk full');
    });
    const outcome = await publisher.publish([{ name: 'sample-2016-gkbg.txt', bytes: REPORT_2016 }], { replace: false });
    expect(outcome).toMatchObject({ ok: false, status: 422, code: 'build_failed' });
    expect(publisher.status().last).toMatchObject({ ok: false, message: expect.stringContaining('disk full') });
    expect(existsSync(join(dataDir, 'reports', 'sample-2016-gkbg.txt'))).toBe(false);
    expect(existsSync(join(corpusDir, 'reports', 'sample-2016-gkbg.txt'))).toBe(false);
    expect(engine.index.documents).toHaveLength(1);
    expect((await engine.answer('投诉电话是多少')).response.answer).toContain('6958028');
  });

  it('answers every question asked while a rebuild runs', async () => {
    const { publisher, engine } = setup();
    const publishing = publisher.publish([{ name: 'sample-2016-gkbg.txt', bytes: REPORT_2016 }], { replace: false });
    expect(publisher.status().building).toBe(true);
    const answers: string[] = [];
    while (publisher.status().building) {
      const { response } = await engine.answer('投诉电话是多少');
      answers.push(response.answer);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await publishing).toMatchObject({ ok: true });
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) expect(answer).toContain('6958028');
  }, 60_000);
});

describe('where published reports live', () => {
  /** Every file below a folder with its bytes, to compare a folder before and after. */
  function snapshot(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of readdirSync(dir, { recursive: true }) as string[]) {
      const full = join(dir, name);
      if (statSync(full).isFile()) out[name] = readFileSync(full).toString('base64');
    }
    return out;
  }

  it('writes published reports and their metadata into DATA_DIR/reports and never into the shipped corpus', async () => {
    const { publisher, corpusDir, dataDir } = setup();
    const shipped = snapshot(corpusDir);
    const outcome = await publisher.publish([{ name: 'sample-2016-gkbg.txt', bytes: REPORT_2016, meta: { issuer: '示例政务服务中心' } }], { replace: false });
    expect(outcome).toMatchObject({ ok: true, documents: 2 });
    expect(snapshot(corpusDir)).toEqual(shipped);
    expect(readFileSync(join(dataDir, 'reports', 'sample-2016-gkbg.txt'))).toEqual(REPORT_2016);
    expect(JSON.parse(readFileSync(join(dataDir, 'reports', 'sample-2016-gkbg.meta.json'), 'utf8'))).toEqual({ issuer: '示例政务服务中心' });
    expect(await publisher.remove('mudanjiang-xzfwzx-2015-gkbg')).toMatchObject({ ok: true, documents: 1 });
    // Removing a shipped report leaves the checkout as it is: the removal is recorded beside the database.
    expect(snapshot(corpusDir)).toEqual(shipped);
    expect(JSON.parse(readFileSync(join(dataDir, 'reports', 'removed.json'), 'utf8'))).toEqual(['mudanjiang-xzfwzx-2015-gkbg.txt']);
  }, 60_000);

  it('keeps a replacement and a removal of shipped reports across a restart from a fresh checkout with an empty index', async () => {
    const { publisher, corpusDir, dataDir, indexDir } = setup();
    // A shipped report with a sidecar, replaced by a published file without one.
    writeFileSync(join(corpusDir, 'reports', 'sample-2016-gkbg.txt'), REPORT_2015);
    writeFileSync(join(corpusDir, 'reports', 'sample-2016-gkbg.meta.json'), JSON.stringify({ title: '旧的标题' }));
    expect(await publisher.publish([{ name: 'sample-2016-gkbg.txt', bytes: REPORT_2016 }], { replace: true })).toMatchObject({ ok: true, documents: 2 });
    expect(await publisher.remove('mudanjiang-xzfwzx-2015-gkbg')).toMatchObject({ ok: true, documents: 1 });

    // The index the publisher built is current for the effective corpus: a restart does not rebuild it.
    const restart = loadCorpusEngine(readConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), createLogger('silent'));
    expect(restart.built).toBeNull();
    // A fresh clone (the shipped corpus again, untouched) with an empty index folder builds the same corpus.
    const clone = join(mkdtempSync(join(tmpdir(), 'qa-clone-')), 'corpus');
    cpSync(corpusDir, clone, { recursive: true });
    const fresh = loadCorpusEngine(
      readConfig({ CORPUS_DIR: clone, INDEX_DIR: join(mkdtempSync(join(tmpdir(), 'qa-fresh-index-')), 'index'), DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      createLogger('silent'),
    );
    expect(fresh.built).not.toBeNull();
    expect(fresh.index.documents.map((d) => [d.file, d.title])).toEqual([['sample-2016-gkbg.txt', '2016年度行政服务中心政府信息公开年度报告（示例）']]);
    expect(fresh.index.manifest.corpusHash).toBe(restart.index.manifest.corpusHash);
    expect((await fresh.engine.answer('开通了什么微信公众号')).response.answer).toContain('示例政务服务');
    expect((await fresh.engine.answer('投诉电话是多少')).response.answer).not.toContain('6958028');
  }, 90_000);

  it('brings a removed shipped report back when a file of its name is published again', async () => {
    const { publisher, dataDir } = setup();
    expect(await publisher.publish([{ name: 'sample-2016-gkbg.txt', bytes: REPORT_2016 }], { replace: false })).toMatchObject({ ok: true });
    expect(await publisher.remove('mudanjiang-xzfwzx-2015-gkbg')).toMatchObject({ ok: true, documents: 1 });
    expect(await publisher.publish([{ name: 'mudanjiang-xzfwzx-2015-gkbg.txt', bytes: REPORT_2015 }], { replace: false })).toMatchObject({ ok: true, documents: 2 });
    expect(existsSync(join(dataDir, 'reports', 'removed.json'))).toBe(false);
  }, 90_000);
});
