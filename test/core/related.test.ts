// 知识推荐 and hot questions: related questions share words with the question and are never the question itself;
// staff-marked hot entries come before the site's default hot questions without replacing them.
import { describe, expect, it } from 'vitest';
import { mergeHotQuestions, relatedQuestions } from '../../server/core/related.js';

const HOT = ['投诉电话是多少？', '政府信息公开收费吗？'];
const ANSWERABLE = ['2015年主动公开了多少条政府信息？', '2015年主动公开政府信息多少条', '2016年主动公开了多少条政府信息？', '办事大厅几点上班？', ...HOT];

describe('related questions', () => {
  it('offers up to three answerable questions sharing words with the question, never the question itself', () => {
    const related = relatedQuestions('2015年主动公开了多少条政府信息？', ANSWERABLE, HOT);
    expect(related).toHaveLength(3);
    expect(related[0]).toBe('2016年主动公开了多少条政府信息？');
    expect(related).not.toContain('2015年主动公开了多少条政府信息？');
  });

  it('leaves out another wording of the same question and the FAQ entry that answered', () => {
    const related = relatedQuestions('请问办事大厅几点上班', ANSWERABLE, HOT, ['办事大厅几点上班？']);
    expect(related).not.toContain('办事大厅几点上班？');
  });

  it('falls back to the hot questions when nothing shares a word', () => {
    expect(relatedQuestions('停车', ANSWERABLE, HOT)).toEqual(HOT);
  });
});

describe('hot questions', () => {
  it('puts staff-marked entries first and keeps the site defaults, without repeats', () => {
    expect(mergeHotQuestions(['办事大厅几点上班？', '投诉电话是多少'], HOT)).toEqual(['办事大厅几点上班？', '投诉电话是多少', '政府信息公开收费吗？']);
    expect(mergeHotQuestions([], HOT)).toEqual(HOT);
  });
});
