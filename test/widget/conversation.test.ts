import { describe, expect, it } from 'vitest';
import type { AskResponse } from '../../server/contract.js';
import {
  conversationKey,
  conversationReducer,
  EMPTY_CONVERSATION,
  loadConversation,
  MAX_STORED_MESSAGES,
  saveConversation,
  type ConversationState,
} from '../../widget/src/conversation.js';
import type { StorageLike } from '../../widget/src/storage.js';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

function answer(id: string, text = '2015年度,累计主动公开政府信息23000余条。'): AskResponse {
  return {
    id,
    answer: text,
    matched: 'corpus',
    sources: [{ title: '报告', date: '2016-03-11', url: '/reports/a#:~:text=x', section: '一', snippet: text, year: 2015 }],
    highlights: [{ start: 0, end: 4 }],
    questionTypes: ['number'],
    year: 2015,
    contacts: [],
    suggestions: [],
  };
}

const ENDPOINT = 'https://robot.example.gov.cn';

describe('conversationReducer', () => {
  it('logs a question, waits for it, then logs its answer', () => {
    let state = conversationReducer(EMPTY_CONVERSATION, { type: 'ask', question: '  多少条？ ' });
    expect(state.pending).toBe('多少条？');
    expect(state.messages).toEqual([{ id: 1, role: 'user', text: '多少条？' }]);
    state = conversationReducer(state, { type: 'answered', response: answer('a1') });
    expect(state.pending).toBeNull();
    expect(state.messages.map((m) => m.role)).toEqual(['user', 'answer']);
    expect(state.messages[1]!.id).toBe(2);
  });

  it('ignores blank questions and a second question while one is pending', () => {
    expect(conversationReducer(EMPTY_CONVERSATION, { type: 'ask', question: ' \n ' })).toBe(EMPTY_CONVERSATION);
    const waiting = conversationReducer(EMPTY_CONVERSATION, { type: 'ask', question: '一' });
    expect(conversationReducer(waiting, { type: 'ask', question: '二' })).toBe(waiting);
  });

  it('retries a failed question without repeating it in the log', () => {
    let state = conversationReducer(EMPTY_CONVERSATION, { type: 'ask', question: '问' });
    state = conversationReducer(state, { type: 'failed', question: '问', reason: { kind: 'network' } });
    const error = state.messages[1]!;
    expect(error).toMatchObject({ role: 'error', question: '问', reason: { kind: 'network' } });
    state = conversationReducer(state, { type: 'retry', id: error.id });
    expect(state.pending).toBe('问');
    expect(state.messages).toEqual([{ id: 1, role: 'user', text: '问' }]);
  });

  it('does not retry something that is not an error', () => {
    const state = conversationReducer(EMPTY_CONVERSATION, { type: 'ask', question: '问' });
    const answered = conversationReducer(state, { type: 'answered', response: answer('a') });
    expect(conversationReducer(answered, { type: 'retry', id: 1 })).toBe(answered);
  });

  it('records the vote on the answer it belongs to', () => {
    let state: ConversationState = { messages: [], pending: null, nextId: 1 };
    state = conversationReducer(state, { type: 'answered', response: answer('a') });
    state = conversationReducer(state, { type: 'answered', response: answer('b') });
    state = conversationReducer(state, { type: 'feedback', answerId: 'b', helpful: false, state: 'sent' });
    expect(state.messages.map((m) => (m.role === 'answer' ? m.feedback : null))).toEqual([undefined, { helpful: false, state: 'sent' }]);
  });
});

describe('conversation storage', () => {
  it('survives a page load: saved under the endpoint and loaded back', () => {
    const storage = memoryStorage();
    let state = conversationReducer(EMPTY_CONVERSATION, { type: 'ask', question: '问' });
    state = conversationReducer(state, { type: 'answered', response: answer('a') });
    state = conversationReducer(state, { type: 'feedback', answerId: 'a', helpful: true, state: 'sent' });
    saveConversation(storage, ENDPOINT, state);
    expect([...storage.data.keys()]).toEqual([conversationKey(ENDPOINT)]);
    expect(loadConversation(storage, ENDPOINT)).toEqual(state);
    expect(loadConversation(storage, 'https://other.example.gov.cn')).toEqual(EMPTY_CONVERSATION);
  });

  it(`keeps only the last ${MAX_STORED_MESSAGES} messages`, () => {
    const storage = memoryStorage();
    let state = EMPTY_CONVERSATION;
    for (let i = 0; i < 30; i++) {
      state = conversationReducer(state, { type: 'ask', question: `问${i}` });
      state = conversationReducer(state, { type: 'answered', response: answer(`a${i}`) });
    }
    saveConversation(storage, ENDPOINT, state);
    const loaded = loadConversation(storage, ENDPOINT);
    expect(loaded.messages).toHaveLength(MAX_STORED_MESSAGES);
    expect(loaded.messages.at(-1)).toEqual(state.messages.at(-1));
    expect(loaded.nextId).toBe(state.nextId);
  });

  it('turns a question left pending by navigation into an error with a retry', () => {
    const storage = memoryStorage();
    saveConversation(storage, ENDPOINT, conversationReducer(EMPTY_CONVERSATION, { type: 'ask', question: '问' }));
    const loaded = loadConversation(storage, ENDPOINT);
    expect(loaded.pending).toBeNull();
    expect(loaded.messages.at(-1)).toMatchObject({ role: 'error', question: '问', reason: { kind: 'interrupted' } });
  });

  it('forgets a vote that was still being sent', () => {
    const storage = memoryStorage();
    let state = conversationReducer(EMPTY_CONVERSATION, { type: 'answered', response: answer('a') });
    state = conversationReducer(state, { type: 'feedback', answerId: 'a', helpful: true, state: 'sending' });
    saveConversation(storage, ENDPOINT, state);
    const [message] = loadConversation(storage, ENDPOINT).messages;
    expect(message).toMatchObject({ role: 'answer' });
    expect(message && 'feedback' in message).toBe(false);
  });

  it('drops malformed stored entries instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem(
      conversationKey(ENDPOINT),
      JSON.stringify({
        messages: [
          { id: 1, role: 'user', text: '好的' },
          { id: 2, role: 'user', text: 3 },
          { id: 'x', role: 'user', text: '坏' },
          { id: 3, role: 'answer', response: { id: 'a', answer: '答', sources: 'nope', highlights: [{ start: 'a' }] } },
          { id: 4, role: 'answer', response: { answer: '没有 id' } },
          { id: 5, role: 'error', question: '问', reason: { kind: 'http', status: 503 } },
          null,
        ],
        pending: 7,
      }),
    );
    const loaded = loadConversation(storage, ENDPOINT);
    expect(loaded.messages.map((m) => m.id)).toEqual([1, 3, 5]);
    expect(loaded.messages[1]).toMatchObject({ role: 'answer', response: { answer: '答', sources: [], highlights: [], matched: 'none' } });
    expect(loaded.messages[2]).toMatchObject({ reason: { kind: 'http', status: 503 } });
    expect(loaded.nextId).toBe(6);
  });

  it('starts empty from unreadable storage', () => {
    const storage = memoryStorage();
    storage.setItem(conversationKey(ENDPOINT), '{not json');
    expect(loadConversation(storage, ENDPOINT)).toEqual(EMPTY_CONVERSATION);
  });
});
