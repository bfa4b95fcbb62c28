import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex, segmenterForCorpus } from '../../server/build/build-index.js';
import { readConfig } from '../../server/config.js';
import MiniSearch from 'minisearch';
import { checkManifest, INDEX_OPTIONS_VERSION, IndexMismatchError, loadSearchIndex, packSearch, unpackSearch } from '../../server/core/search-index.js';
import { createLogger } from '../../server/http/log.js';
import { loadCorpusEngine, readCurrentArtifacts } from '../../server/runtime/node-engine.js';
import { DEFAULT_CORPUS, loadCorpus, makeCorpus } from '../helpers/corpus.js';

const corpus = loadCorpus();

describe('the index artifact', () => {
  it('is deterministic: the same corpus builds byte-identical files', () => {
    const again = buildIndex({ corpusDir: DEFAULT_CORPUS, outDir: mkdtempSync(join(tmpdir(), 'qa-index-')) });
    expect(readFileSync(again.file, 'utf8')).toBe(readFileSync(corpus.summary.file, 'utf8'));
    expect(readFileSync(again.dictionaryFile, 'utf8')).toBe(readFileSync(corpus.summary.dictionaryFile, 'utf8'));
  });

  it('records the options version, the segmenter with its dictionary hash, and the corpus hash', () => {
    expect(corpus.summary.artifact.manifest).toMatchObject({
      format: 'qa-robot-index',
      optionsVersion: INDEX_OPTIONS_VERSION,
      segmenter: segmenterForCorpus(DEFAULT_CORPUS).id,
      documents: 1,
    });
    expect(corpus.summary.artifact.manifest.corpusHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses an artifact built with other options, naming the fix', () => {
    const manifest = { ...corpus.summary.artifact.manifest, optionsVersion: INDEX_OPTIONS_VERSION - 1 };
    expect(() => checkManifest(manifest, {})).toThrow(IndexMismatchError);
    expect(() => checkManifest(manifest, {})).toThrow(/npm run build:index/);
  });

  it('refuses an artifact built with another dictionary or for another corpus', () => {
    const artifact = corpus.summary.artifact;
    expect(() => loadSearchIndex({ ...artifact, manifest: { ...artifact.manifest, segmenter: 'jieba-search/other' } }, corpus.index.segmenter)).toThrow(
      /another segmentation dictionary.*npm run build:index/,
    );
    expect(() => checkManifest(artifact.manifest, { corpusHash: 'ffffffffffffffff' })).toThrow(/corpus changed.*npm run build:index/);
  });

  it('refuses a foreign or corrupted file', () => {
    expect(() => checkManifest({ hello: 1 }, {})).toThrow(/not a qa-robot index/);
    expect(() => checkManifest(null, {})).toThrow(/npm run build:index/);
  });
});

describe('the packed MiniSearch serialization', () => {
  it('restores exactly what MiniSearch serialized, term frequencies and gaps included', () => {
    const search = new MiniSearch<{ id: number; terms: string }>({ fields: ['terms'], tokenize: (t) => t.split(' ') });
    search.addAll(Array.from({ length: 300 }, (_, id) => ({ id, terms: `t${id % 7} t${id % 13} shared ${id % 50 === 0 ? 'shared rare' : ''}`.trim() })));
    const plain = search.toJSON();
    expect(unpackSearch(packSearch(plain))).toEqual(plain);
    expect(JSON.stringify(packSearch(plain)).length).toBeLessThan(JSON.stringify(plain).length / 2);
  });

  it('keeps the passage ids of an index that skips some (repeated passages are not indexed)', () => {
    const search = new MiniSearch<{ id: number; terms: string }>({ fields: ['terms'], tokenize: (t) => t.split(' ') });
    search.addAll([{ id: 0, terms: 'a b' }, { id: 2, terms: 'b' }, { id: 5, terms: 'a c c' }]);
    const packed = packSearch(search.toJSON());
    expect(packed.ids).toEqual([0, 2, 5]);
    expect(unpackSearch(packed)).toEqual(search.toJSON());
    expect(MiniSearch.loadJS(unpackSearch(packed), { fields: ['terms'], tokenize: (t) => t.split(' ') }).search('c').map((h) => h.id)).toEqual([5]);
  });

  it('refuses an index whose passage ids do not ascend with its search ids', () => {
    const search = new MiniSearch<{ id: number; terms: string }>({ fields: ['terms'], tokenize: (t) => t.split(' ') });
    search.add({ id: 5, terms: 'a' });
    search.add({ id: 3, terms: 'a' });
    expect(() => packSearch(search.toJSON())).toThrow(/ascend/);
  });
});

describe('start-up with a stale or broken index', () => {
  it('rebuilds a stale index when BUILD_ON_START is on, and refuses to start when it is off', () => {
    const corpusDir = makeCorpus({ 'a.txt': readFileSync(join(DEFAULT_CORPUS, 'reports/mudanjiang-xzfwzx-2015-gkbg.txt')) });
    const indexDir = mkdtempSync(join(tmpdir(), 'qa-index-'));
    const log = createLogger('silent');
    const strict = readConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, BUILD_ON_START: '0' });
    expect(() => loadCorpusEngine(strict, log)).toThrow(/no index.*npm run build:index/);

    const built = loadCorpusEngine({ ...strict, buildOnStart: true }, log);
    expect(built.built?.documents).toBe(1);
    expect(loadCorpusEngine(strict, log).built).toBeNull();

    writeFileSync(join(corpusDir, 'reports', 'b.md'), '# 新报告\n\n2017年共公开信息10条。\n');
    expect(() => loadCorpusEngine(strict, log)).toThrow(/corpus changed.*npm run build:index/);
    expect(loadCorpusEngine({ ...strict, buildOnStart: true }, log).index.documents).toHaveLength(2);

    writeFileSync(join(indexDir, 'index.json'), '{"broken":');
    expect(() => readCurrentArtifacts(corpusDir, indexDir)).toThrow(/corrupted.*npm run build:index/);
  });
});
