// Owns FAQ import and export: download every entry as CSV or JSON; upload a CSV or JSON file and see what was
// created, updated or left unchanged, and which lines were refused and why. Imports preact and the console's modules.
import { useRef, useState } from 'preact/hooks';
import type { AdminImportResponse } from '../../../server/contract.js';
import type { AdminApiError } from '../api.js';
import { ErrorNotice, Notice, PageHeading } from '../components/ui.js';
import { useConsole } from '../context.js';
import { saveBlob } from '../download.js';
import { exportFileName, formatBytes } from '../format.js';
import { asApiError } from '../hooks.js';
import { routeHref } from '../route.js';
import { PAGE_TITLES, translateFieldError } from '../strings.zh-CN.js';

const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
const STATUS_NAMES = { created: '新建', updated: '更新', unchanged: '未变' } as const;

/** Which format a chosen file is sent as: JSON by its extension or type, otherwise CSV (also .tsv and .txt). */
export function importFormatOf(file: { name: string; type: string }): 'csv' | 'json' {
  return /\.json$/i.test(file.name) || file.type === 'application/json' ? 'json' : 'csv';
}

/** An import error line in Chinese where its field message is known (`link: must start…` → `链接：…`). */
function describeImportError(message: string): string {
  const m = /^(\w+): (.*)$/.exec(message);
  if (!m) return message;
  const names: Record<string, string> = { question: '问题', answer: '答案', alternatives: '相似问法', link: '链接', tags: '标签', enabled: '启用', hot: '热门' };
  return names[m[1]!] ? `${names[m[1]!]}：${translateFieldError(m[2]!)}` : message;
}

export function TransferPage() {
  const { api, announce } = useConsole();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [importing, setImporting] = useState(false);
  const [result, setResult] = useState<AdminImportResponse | null>(null);
  const [importError, setImportError] = useState<AdminApiError | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  const [exportError, setExportError] = useState<AdminApiError | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  async function download(format: 'csv' | 'json') {
    if (exporting) return;
    setExporting(format);
    setExportError(null);
    setExported(null);
    try {
      const { blob, contentDisposition } = await api.exportFaq(format);
      const name = exportFileName(contentDisposition, format);
      saveBlob(blob, name);
      setExported(`已下载 ${name}（${formatBytes(blob.size)}）。`);
    } catch (e) {
      setExportError(asApiError(e));
    } finally {
      setExporting(null);
    }
  }

  async function upload(event: Event) {
    event.preventDefault();
    if (importing) return;
    setResult(null);
    setImportError(null);
    setLocalError(null);
    if (!file) {
      setLocalError('请先选择要导入的文件。');
      fileInput.current?.focus();
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setLocalError(`文件有 ${formatBytes(file.size)}，超过 2 MB：请拆分后分批导入。`);
      return;
    }
    setImporting(true);
    try {
      const r = await api.importFaq(file, importFormatOf(file));
      setResult(r);
      announce(`导入完成：新建 ${r.created} 条，更新 ${r.updated} 条，未变 ${r.unchanged} 条，${r.errors.length} 行有错误。`);
    } catch (e) {
      setImportError(asApiError(e));
    } finally {
      setImporting(false);
    }
  }

  return (
    <section aria-labelledby="page-heading">
      <PageHeading title={PAGE_TITLES.transfer}>{PAGE_TITLES.transfer}</PageHeading>

      <div class="panel">
        <h2>导出常见问题</h2>
        <p>导出全部常见问题。CSV 可以用 Excel 或 WPS 打开编辑（UTF-8 编码），JSON 适合备份和迁移。</p>
        <div class="button-row">
          <button type="button" class="button" aria-disabled={exporting !== null ? 'true' : undefined} onClick={() => download('csv')}>
            {exporting === 'csv' ? '正在导出…' : '下载 CSV'}
          </button>
          <button type="button" class="button" aria-disabled={exporting !== null ? 'true' : undefined} onClick={() => download('json')}>
            {exporting === 'json' ? '正在导出…' : '下载 JSON'}
          </button>
        </div>
        {exportError ? <ErrorNotice error={exportError} title="导出没有成功" /> : null}
        {exported ? <Notice kind="success">{exported}</Notice> : null}
      </div>

      <div class="panel">
        <h2>导入常见问题</h2>
        <p>
          CSV 第一行是表头：问题、答案为必填，可选 相似问法、链接、标签、启用、热门（多项用 | 分隔；启用、热门填 是/否）。JSON 可以是条目数组或导出的文件。问题与已有条目相同的行会更新该条目，其余新建；有错误的行会被跳过并列出行号，其余照常导入。
        </p>
        <form class="form" onSubmit={upload} noValidate>
          <div class={`field${localError ? ' field-invalid' : ''}`}>
            <label for="import-file" class="field-label">
              选择文件
            </label>
            <p id="import-file-hint" class="field-hint">
              .csv、.tsv 或 .json 文件，UTF-8 编码，最大 2 MB，最多 5000 行
            </p>
            {localError ? (
              <p id="import-file-error" class="field-error">
                {localError}
              </p>
            ) : null}
            <input
              ref={fileInput}
              id="import-file"
              type="file"
              class="input-file"
              accept=".csv,.tsv,.txt,.json,text/csv,application/json"
              aria-describedby={localError ? 'import-file-hint import-file-error' : 'import-file-hint'}
              onChange={(e) => {
                setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
                setLocalError(null);
              }}
            />
          </div>
          <div class="button-row">
            <button type="submit" class="button button-primary" aria-disabled={importing ? 'true' : undefined}>
              {importing ? '正在导入…' : '导入'}
            </button>
          </div>
        </form>
        {importError ? <ErrorNotice error={importError} title="导入没有成功" /> : null}
        {result ? <ImportResult result={result} /> : null}
      </div>
    </section>
  );
}

function ImportResult({ result }: { result: AdminImportResponse }) {
  return (
    <div class="import-result">
      <Notice kind={result.errors.length > 0 ? 'warning' : 'success'} title="导入完成">
        <p>
          新建 <strong>{result.created}</strong> 条，更新 <strong>{result.updated}</strong> 条，未变 <strong>{result.unchanged}</strong> 条
          {result.errors.length > 0 ? (
            <>
              ；<strong>{result.errors.length}</strong> 行有错误，已跳过
            </>
          ) : null}
          。
        </p>
      </Notice>
      {result.errors.length > 0 ? (
        <table class="table table-compact">
          <caption>有错误的行（已跳过）</caption>
          <thead>
            <tr>
              <th scope="col" class="num">行号</th>
              <th scope="col">问题</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((e) => (
              <tr key={`${e.line}-${e.message}`}>
                <td class="num">{e.line}</td>
                <td>{describeImportError(e.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.results.length > 0 ? (
        <details class="data-details" open={result.results.length <= 20}>
          <summary>已导入的行（{result.results.length}）</summary>
          <table class="table table-compact">
            <caption class="visually-hidden">已导入的行</caption>
            <thead>
              <tr>
                <th scope="col" class="num">行号</th>
                <th scope="col">结果</th>
                <th scope="col">条目</th>
              </tr>
            </thead>
            <tbody>
              {result.results.map((r) => (
                <tr key={r.line}>
                  <td class="num">{r.line}</td>
                  <td>{STATUS_NAMES[r.status]}</td>
                  <td>
                    <a href={routeHref({ page: 'faq-edit', id: r.id })}>#{r.id}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
