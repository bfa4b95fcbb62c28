// Owns the console's shared text (zh-CN): the product name, page names, the words for answer kinds, question types
// and audit actions, and what each API error means for staff. Plain data and pure functions; imports nothing.
import type { NavPage } from './route.js';

export const APP_NAME = '智能问答机器人';
export const CONSOLE_NAME = '管理后台';

/** Page names, as in the navigation and each page's heading. */
export const PAGE_TITLES: Record<NavPage, string> = {
  overview: '概览',
  inquiries: '市民留言',
  faq: '常见问题',
  unanswered: '未解答问题',
  feedback: '用户反馈',
  test: '命中测试',
  transfer: '导入导出',
  reports: '报告管理',
  settings: '站点设置',
  audit: '操作日志',
};

/** How an answer was found. */
export const MATCH_NAMES: Record<'faq' | 'corpus' | 'none', string> = {
  faq: '常见问题',
  corpus: '报告',
  none: '未能回答',
};

/** What a question asks for (`QuestionType`), in staff's words. */
export const QUESTION_TYPE_NAMES: Record<string, string> = {
  number: '数量',
  phone: '电话',
  date: '日期/时间',
  person: '人物',
  name: '名称',
  list: '列举',
  yesno: '是否',
  reason: '原因',
  how: '办法',
  place: '地点',
  what: '事物',
  time: '时间',
  thing: '事物',
};

/** Why the reports did not answer (`corpus.reason` of the hit test), in staff's words. */
export const CORPUS_REASONS: Record<string, string> = {
  vague: '问题太笼统，缺少能区分答案的词',
  'not-covered': '最接近的段落没有说到问题的主要内容',
  'no-candidates': '报告里没有一段话含有问题中的词',
  'key-word-missing': '段落缺少问题的关键词',
  'no-answer-type': '段落中没有问题要的那类内容（如时间、电话、数字）',
  'agency-unknown': '问题问的单位没有发布报告',
  'year-missing': '没有问题所问年份的报告',
};

/** A reason in staff's words (an unknown one in general words, never as a code). */
export function describeReason(reason: string): string {
  return CORPUS_REASONS[reason] ?? '报告里没有足够接近的内容';
}

/** Names of question types (unknown ones as they are), joined with 、; none → 无. */
export function describeTypes(types: string[]): string {
  return types.length > 0 ? types.map((t) => QUESTION_TYPE_NAMES[t] ?? t).join('、') : '无';
}

export const AUDIT_ACTION_NAMES: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  import: '导入',
};

/** The FAQ entry's fields, as the form labels them. */
export const FAQ_FIELD_NAMES: Record<string, string> = {
  question: '问题',
  alternatives: '相似问法',
  answer: '答案',
  link: '链接',
  tags: '标签',
  enabled: '启用',
  hot: '热门',
  version: '版本',
};

/**
 * A field error from the API (`"is required"`, `"must be at most 200 characters"`, …) in Chinese; a message this
 * table does not know is shown as the server wrote it, so nothing is ever hidden.
 */
export function translateFieldError(message: string): string {
  const rules: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [/^is required/, () => '必须填写'],
    [/^must not be empty/, () => '不能为空'],
    [/^each item must be at most (\d+) characters/, (m) => `每一项不能超过 ${m[1]} 个字`],
    [/^must be at most (\d+) characters/, (m) => `不能超过 ${m[1]} 个字`],
    [/^must have at most (\d+) items/, (m) => `最多 ${m[1]} 项`],
    [/^must start with http:\/\/ or https:\/\//, () => '链接必须以 http:// 或 https:// 开头'],
    [/^must be an absolute URL/, () => '请填写以 http:// 或 https:// 开头的完整网址'],
    [/^must be an http\(s\) URL/, () => '请填写以 http:// 或 https:// 开头的完整网址'],
    [/^must not contain a user name or password/, () => '链接中不能包含用户名或密码'],
    [/^must be a list of strings/, () => '格式不正确'],
    [/^must be true or false/, () => '只能是“是”或“否”'],
    [/^must be a string/, () => '格式不正确'],
  ];
  for (const [pattern, say] of rules) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  return message;
}

/** What an API error code means, in a sentence that says what to do. */
const ERROR_MESSAGES: Record<string, string> = {
  network: '无法连接服务器，请检查网络后重试。',
  timeout: '服务器长时间没有响应，请稍后重试。',
  unauthorized: '令牌不正确：请使用服务器启动时设置或打印的管理令牌（ADMIN_TOKEN）。',
  staff_api_disabled: '管理接口未启用：服务器没有设置管理令牌（ADMIN_TOKEN）。请联系系统管理员。',
  cross_origin: '请求被拒绝：管理后台只能从本服务器的 /admin 页面使用。',
  not_found: '要找的内容不存在，可能已被删除。',
  version_conflict: '此条目已被他人修改，您的修改尚未保存。',
  invalid_faq: '有填写不正确的地方，请按提示修改后再保存。',
  invalid_import: '文件无法读取：请确认是带表头的 CSV（UTF-8）或 JSON 文件。',
  invalid_encoding: '文件不是 UTF-8 编码：请在表格软件中另存为“CSV UTF-8”后再导入。',
  payload_too_large: '文件太大：请拆分后分批导入。',
  unsupported_media_type: '只能导入 CSV 或 JSON 文件。',
  invalid_query: '请求参数不正确。',
  rate_limited: '请求太频繁，请稍后再试。',
  exists: '已发布同名报告文件：确认替换后才能发布。',
  busy: '另一份报告正在发布，请等它完成后再试。',
  build_failed: '发布失败：索引没有重建成功，机器人继续使用原来的索引回答。',
  last_report: '这是唯一的一份报告：请先发布另一份报告再删除它。',
  slug_taken: '两个文件的报告地址相同（例如 a.txt 与 a.md）：引用会打开错误的报告，请先给其中一个改名。',
  parse_timeout: '读取文件用时过长，已停止：页面太大或太复杂，请另存为纯文本（.txt）或拆分后再上传。',
  unreadable_file: '文件无法读取，请检查文件内容。',
  invalid_file: '文件格式不正确：只能上传 .html、.htm、.txt 或 .md 文件。',
  invalid_meta: '报告信息填写不正确：日期请写成 YYYY-MM-DD，来源地址须以 http:// 或 https:// 开头。',
  no_files: '请至少选择一个文件。',
  too_many_files: '一次最多发布 5 个文件。',
  not_supported_on_workers: '当前服务运行在 Cloudflare Workers 上，不能在后台修改（报告、站点设置随部署更新）。',
  invalid_aliases: '别名表有不正确的行：每行先写机构全称，再写至少一个别名（两个字以上），用空格分隔。',
  invalid_synonyms: '同义词表有不正确的行：每行至少两个词，用空格分隔。',
  text_too_large: '内容太长：别名表和同义词表各不超过 64 KB、2000 行。',
  invalid_site: '本站信息有填写不正确的地方，请按提示修改后再保存。',
  invalid_body: '请求内容不正确。',
  internal_error: '服务器内部错误，已记录日志，请稍后重试或联系系统管理员。',
};

/** What went wrong, for staff: the meaning of the API's code, or a general sentence with the status. */
export function describeError(error: { status?: number; code?: string; message?: string } | null | undefined): string {
  if (!error) return '发生未知错误。';
  const known = error.code ? ERROR_MESSAGES[error.code] : undefined;
  if (known) return known;
  if (error.status && error.status >= 500) return `服务器出错（${error.status}），请稍后重试。`;
  if (error.status) return `请求失败（${error.status}）。`;
  return '发生未知错误。';
}
