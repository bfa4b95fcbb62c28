// The FAQ editor's data: what staff type becomes the API's request, the table search, the audit log's changes and
// the field errors in Chinese.
import { describe, expect, it } from 'vitest';
import type { AdminFaqEntry } from '../../server/contract.js';
import {
  diffEntries,
  emptyFaqForm,
  filterEntries,
  formChanged,
  formFromEntry,
  requestFromForm,
  splitLines,
  splitTags,
} from '../../widget/admin/faq-form.js';
import { describeError, translateFieldError } from '../../widget/admin/strings.zh-CN.js';

const entry = (fields: Partial<AdminFaqEntry> & { id: number; question: string }): AdminFaqEntry => ({
  alternatives: [],
  answer: '答案',
  link: null,
  tags: [],
  enabled: true,
  hot: false,
  createdAt: '2024-05-01T00:00:00Z',
  updatedAt: '2024-05-01T00:00:00Z',
  version: 1,
  ...fields,
});

describe('requestFromForm', () => {
  it('turns lines into alternatives and comma, 、 or semicolon lists into tags, dropping blanks and repeats', () => {
    const form = {
      ...emptyFaqForm('  办事大厅几点上班？ '),
      alternatives: '办事大厅工作时间\n\n  几点开门 \n办事大厅工作时间',
      answer: ' 工作日 9:00—17:00 ',
      tags: '办事大厅，时间、 服务; 时间',
      hot: true,
    };
    expect(requestFromForm(form)).toEqual({
      question: '办事大厅几点上班？',
      answer: '工作日 9:00—17:00',
      alternatives: ['办事大厅工作时间', '几点开门'],
      link: null,
      tags: ['办事大厅', '时间', '服务'],
      enabled: true,
      hot: true,
    });
  });

  it('sends a link only when one is typed', () => {
    expect(requestFromForm({ ...emptyFaqForm('q'), link: ' https://www.example.gov.cn/a.html ' }).link).toBe('https://www.example.gov.cn/a.html');
  });

  it('reads back an entry unchanged, so an untouched form saves nothing new', () => {
    const e = entry({ id: 1, question: '问', alternatives: ['甲', '乙'], tags: ['丙'], link: 'https://x.gov.cn/', hot: true });
    expect(requestFromForm(formFromEntry(e))).toEqual({
      question: '问',
      answer: '答案',
      alternatives: ['甲', '乙'],
      link: 'https://x.gov.cn/',
      tags: ['丙'],
      enabled: true,
      hot: true,
    });
    expect(formChanged(formFromEntry(e), e)).toBe(false);
    expect(formChanged({ ...formFromEntry(e), answer: '新答案' }, e)).toBe(true);
  });

  it('splits lines and tags on their own', () => {
    expect(splitLines('a\r\nb\n\na')).toEqual(['a', 'b']);
    expect(splitTags('')).toEqual([]);
  });
});

describe('filterEntries', () => {
  const entries = [
    entry({ id: 1, question: '办事大厅几点上班？', alternatives: ['工作时间'], tags: ['办事大厅'] }),
    entry({ id: 2, question: '社保卡在哪里办理', answer: '到社保局窗口', enabled: false }),
    entry({ id: 12, question: '公积金怎么提取', hot: true }),
  ];

  it('finds entries by question, alternative, answer, tag or id, every word required', () => {
    expect(filterEntries(entries, '工作时间').map((e) => e.id)).toEqual([1]);
    expect(filterEntries(entries, '窗口').map((e) => e.id)).toEqual([2]);
    expect(filterEntries(entries, '#12').map((e) => e.id)).toEqual([12]);
    expect(filterEntries(entries, '办事大厅 几点').map((e) => e.id)).toEqual([1]);
    expect(filterEntries(entries, '办事大厅 护照')).toEqual([]);
    expect(filterEntries(entries, '  ').length).toBe(3);
  });

  it('filters by enabled, disabled and hot', () => {
    expect(filterEntries(entries, '', 'enabled').map((e) => e.id)).toEqual([1, 12]);
    expect(filterEntries(entries, '', 'disabled').map((e) => e.id)).toEqual([2]);
    expect(filterEntries(entries, '', 'hot').map((e) => e.id)).toEqual([12]);
  });
});

describe('diffEntries', () => {
  const before = entry({ id: 1, question: '问', tags: ['甲'] });

  it('lists only the fields an edit changed, written for reading', () => {
    const after = { ...before, enabled: false, tags: ['甲', '乙'], version: 2 };
    expect(diffEntries(before, after)).toEqual([
      { field: 'tags', before: '甲', after: '甲、乙' },
      { field: 'enabled', before: '是', after: '否' },
    ]);
  });

  it('lists every field of a created or deleted entry', () => {
    expect(diffEntries(null, before).map((c) => c.field)).toEqual(['question', 'alternatives', 'answer', 'link', 'tags', 'enabled', 'hot']);
    expect(diffEntries(before, null)[0]).toEqual({ field: 'question', before: '问', after: '' });
    expect(diffEntries(null, before)[1]).toEqual({ field: 'alternatives', before: '', after: '（无）' });
  });
});

describe('messages for staff', () => {
  it('translates the API field errors, keeping unknown ones as the server wrote them', () => {
    expect(translateFieldError('is required')).toBe('必须填写');
    expect(translateFieldError('must not be empty')).toBe('不能为空');
    expect(translateFieldError('must be at most 200 characters')).toBe('不能超过 200 个字');
    expect(translateFieldError('each item must be at most 32 characters')).toBe('每一项不能超过 32 个字');
    expect(translateFieldError('must start with http:// or https:// (other schemes are refused)')).toBe('链接必须以 http:// 或 https:// 开头');
    expect(translateFieldError('something new')).toBe('something new');
  });

  it('explains error codes in a sentence that says what to do', () => {
    expect(describeError({ status: 401, code: 'unauthorized' })).toContain('令牌不正确');
    expect(describeError({ status: 409, code: 'version_conflict' })).toContain('已被他人修改');
    expect(describeError({ status: 422, code: 'build_failed' })).toContain('继续使用原来的索引');
    expect(describeError({ status: 503, code: 'unknown' })).toBe('服务器出错（503），请稍后重试。');
    expect(describeError({ status: 0, code: 'network' })).toContain('无法连接服务器');
  });
});
