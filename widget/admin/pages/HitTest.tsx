// Owns the hit test: type a question, see what /api/ask would answer now and why (the question's words and
// weights, its types, the FAQ candidates and report passages with their scores). Nothing is logged. Imports preact
// and the console's modules.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminTestResponse } from '../../../server/contract.js';
import type { AdminApiError } from '../api.js';
import { ErrorNotice, PageHeading, TextField } from '../components/ui.js';
import { useConsole } from '../context.js';
import { formatScore } from '../format.js';
import { asApiError } from '../hooks.js';
import { routeHref } from '../route.js';
import { CORPUS_REASONS, describeReason, describeTypes, MATCH_NAMES, PAGE_TITLES } from '../strings.zh-CN.js';

const yesNo = (b: boolean) => (b ? '是' : '否');
/** A 0–1 score as staff read it: a whole percentage. */
const percent = (score: number) => `${Math.round(score * 100)}%`;

/** One sentence saying what the robot would do, for the live region and the result's heading. */
export function summarizeTest(result: AdminTestResponse): string {
  const { answer, faq } = result;
  if (answer.matched === 'faq') {
    const best = faq.candidates.find((c) => c.id === answer.faq?.id) ?? faq.candidates[0];
    const id = answer.faq?.id ?? best?.id;
    return `机器人会用常见问题 #${id}${best ? `「${best.question}」回答：两者相似度 ${percent(best.score)}，超过 ${percent(faq.threshold)} 就会采用` : ' 回答'}。`;
  }
  if (answer.matched === 'corpus') {
    const source = answer.sources[0];
    return `机器人会引用报告回答${source ? `：${source.title}` : ''}。`;
  }
  return `机器人答不上这个问题${result.corpus.reason ? `：${CORPUS_REASONS[result.corpus.reason] ?? '报告里没有足够接近的内容'}` : ''}。可以据此写一条常见问题。`;
}

export function HitTestPage({ question: initial }: { question: string }) {
  const { api, announce } = useConsole();
  const [question, setQuestion] = useState(initial);
  const [result, setResult] = useState<AdminTestResponse | null>(null);
  const [error, setError] = useState<AdminApiError | null>(null);
  const [running, setRunning] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  async function run(text: string, moveFocus: boolean) {
    if (running) return;
    if (!text.trim()) {
      setError(null);
      setResult(null);
      announce('请先输入要测试的问题。');
      return;
    }
    setRunning(true);
    setError(null);
    try {
      const r = await api.hitTest(text.trim());
      setResult(r);
      announce(`测试完成。${summarizeTest(r)}`);
      if (moveFocus) requestAnimationFrame(() => resultHeading.current?.focus());
    } catch (e) {
      setError(asApiError(e));
      setResult(null);
    } finally {
      setRunning(false);
    }
  }

  useEffect(() => {
    // Opened with a question (from the FAQ editor or the unanswered list): test it at once.
    if (initial.trim()) void run(initial, false);
  }, []);

  return (
    <section aria-labelledby="page-heading">
      <PageHeading title={PAGE_TITLES.test}>{PAGE_TITLES.test}</PageHeading>
      <p class="lead">输入一个问题，查看机器人现在会怎样回答，以及为什么。测试不会记入提问日志。</p>
      <form
        class="form form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void run(question, true);
        }}
      >
        <TextField id="test-question" label="问题" wide value={question} onInput={setQuestion} maxLength={200} hint="例如：办事大厅几点开门" />
        <button type="submit" class="button button-primary" aria-disabled={running ? 'true' : undefined}>
          {running ? '正在测试…' : '测试'}
        </button>
      </form>
      {error ? <ErrorNotice error={error} title="测试没有完成" /> : null}
      {result ? <TestResult result={result} headingRef={resultHeading} /> : null}
    </section>
  );
}

function TestResult({ result, headingRef }: { result: AdminTestResponse; headingRef: { current: HTMLHeadingElement | null } }) {
  const { answer, faq, corpus } = result;
  return (
    <div class="test-result">
      <div class="panel">
        <h2 ref={headingRef} tabIndex={-1}>
          结果：{summarizeTest(result)}
        </h2>
        {answer.matched !== 'faq' ? (
          <p>
            <a class="button button-primary" href={routeHref({ page: 'faq-new', question: result.question })}>
              据此写一条常见问题
            </a>
          </p>
        ) : null}
        <dl class="kv">
          <dt>回答来源</dt>
          <dd>
            <span class={`badge badge-${answer.matched}`}>{MATCH_NAMES[answer.matched]}</span>
          </dd>
          <dt>回答</dt>
          <dd class="prewrap answer-text">{answer.answer}</dd>
          {answer.sources.length > 0 ? (
            <>
              <dt>出处</dt>
              <dd>
                <ul class="plain-list">
                  {answer.sources.map((s, i) => (
                    <li key={i}>
                      {s.title}
                      {s.date ? `（${s.date}）` : ''}
                      {s.section ? ` › ${s.section}` : ''}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      </div>

      <div class="panel">
        <h2>常见问题匹配</h2>
        <dl class="kv">
          <dt>问题类型</dt>
          <dd>{describeTypes(faq.questionTypes)}</dd>
          <dt>需要的回答</dt>
          <dd>{faq.answerKinds.length > 0 ? describeTypes(faq.answerKinds) : '无（关键词查询）'}</dd>
          <dt>问题中的词（权重）</dt>
          <dd>
            {faq.terms.length === 0
              ? '无'
              : faq.terms.map((t) => (
                  <span class="term" key={t.text}>
                    {t.text} <span class="term-weight">{formatScore(t.weight)}</span>
                  </span>
                ))}
          </dd>
          <dt>采用常见问题的最低相似度</dt>
          <dd>{percent(faq.threshold)}</dd>
        </dl>
        {faq.candidates.length === 0 ? (
          <p class="muted">没有相近的常见问题。</p>
        ) : (
          <div class="table-wrap">
            <table class="table table-compact">
              <caption>常见问题候选</caption>
              <thead>
                <tr>
                  <th scope="col">条目</th>
                  <th scope="col">最接近的问法</th>
                  <th scope="col" class="num">相似度</th>
                  <th scope="col" class="num">问题覆盖</th>
                  <th scope="col" class="num">条目覆盖</th>
                  <th scope="col">同类问题</th>
                  <th scope="col">缺关键词</th>
                  <th scope="col">共有的词</th>
                  <th scope="col">缺少的词</th>
                </tr>
              </thead>
              <tbody>
                {faq.candidates.map((c) => (
                  <tr key={c.id} class={c.score >= faq.threshold ? 'row-hit' : ''}>
                    <th scope="row">
                      <a href={routeHref({ page: 'faq-edit', id: c.id })}>
                        #{c.id} {c.question}
                      </a>
                    </th>
                    <td>{c.phrasing}</td>
                    <td class="num">
                      {percent(c.score)}
                      {c.score >= faq.threshold ? <span class="badge badge-faq">会采用</span> : null}
                    </td>
                    <td class="num">{formatScore(c.queryCoverage)}</td>
                    <td class="num">{formatScore(c.entryCoverage)}</td>
                    <td>{yesNo(c.sameKind)}</td>
                    <td>{yesNo(c.keyWordMissing)}</td>
                    <td>{c.shared.join('、') || '—'}</td>
                    <td>{c.missing.join('、') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <div class="panel">
        <h2>报告段落匹配</h2>
        <dl class="kv">
          <dt>结果</dt>
          <dd>{corpus.matched === 'corpus' ? '报告可以回答' : `报告不能回答${corpus.reason ? `：${describeReason(corpus.reason)}` : ''}`}</dd>
          <dt>问题类型</dt>
          <dd>{describeTypes(corpus.questionTypes)}</dd>
          <dt>检索词</dt>
          <dd>{corpus.searchTerms.join('、') || '无'}</dd>
          <dt>最低覆盖</dt>
          <dd>{formatScore(corpus.minCoverage)}</dd>
        </dl>
        {corpus.concepts.length > 0 ? (
          <div class="table-wrap">
            <table class="table table-compact">
              <caption>问题中的概念</caption>
              <thead>
                <tr>
                  <th scope="col">词</th>
                  <th scope="col" class="num">权重</th>
                  <th scope="col">同义词</th>
                  <th scope="col">词典中有</th>
                </tr>
              </thead>
              <tbody>
                {corpus.concepts.map((k) => (
                  <tr key={k.text}>
                    <th scope="row">{k.text}</th>
                    <td class="num">{formatScore(k.weight)}</td>
                    <td>{k.synonyms.join('、') || '—'}</td>
                    <td>{yesNo(k.known)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {corpus.candidates.length === 0 ? (
          <p class="muted">没有相关的报告段落。</p>
        ) : (
          <div class="table-wrap">
            <table class="table table-compact">
              <caption>报告段落候选</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">相似度</th>
                  <th scope="col" class="num">覆盖</th>
                  <th scope="col" class="num">含标题覆盖</th>
                  <th scope="col" class="num">类型匹配</th>
                  <th scope="col" class="num">检索分</th>
                  <th scope="col">段落</th>
                  <th scope="col">出处</th>
                </tr>
              </thead>
              <tbody>
                {corpus.candidates.map((p) => (
                  <tr key={p.passage}>
                    <td class="num">{formatScore(p.score)}</td>
                    <td class="num">{formatScore(p.coverage)}</td>
                    <td class="num">{formatScore(p.contextCoverage)}</td>
                    <td class="num">{formatScore(p.typeFit)}</td>
                    <td class="num">{formatScore(p.retrieval)}</td>
                    <td class="passage-text">{p.text}</td>
                    <td>
                      {p.document}
                      {p.year ? `（${p.year}年度）` : ''}
                      {p.section ? <div class="muted">{p.section}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
