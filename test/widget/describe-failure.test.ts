import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../widget/src/components/MessageView.js';

describe('describeFailure', () => {
  it('tells the citizen what happened and to press 重试, in plain words', () => {
    expect(describeFailure({ kind: 'network' })).toMatch(/^网络连接失败.*重试/);
    expect(describeFailure({ kind: 'timeout' })).toMatch(/^服务器很久没有回应.*重试/);
    expect(describeFailure({ kind: 'interrupted' })).toMatch(/^页面切换时.*重试/);
  });

  it('asks to slow down when rate-limited', () => {
    expect(describeFailure({ kind: 'http', status: 429 })).toMatch(/^提问太频繁了/);
  });

  it('names the HTTP status of a server error, and no status for an unreadable answer', () => {
    expect(describeFailure({ kind: 'http', status: 503 })).toBe('问答服务暂时出了问题（错误 503）。请稍后点“重试”。');
    expect(describeFailure({ kind: 'http', status: 200 })).toBe('问答服务暂时出了问题。请稍后点“重试”。');
  });
});
