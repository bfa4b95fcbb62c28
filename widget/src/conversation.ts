// Owns the conversation's state and its transitions (ask, answer, fail, retry, feedback) and keeping it across page
// loads in sessionStorage; pure, imports only contract types, the API's failure type and storage types.
import type { AskResponse, InquiryLookupResponse } from '../../server/contract.js';
import { normalizeAskResponse, readInquiryLookup, type ApiFailure } from './api.js';
import type { StorageLike } from './storage.js';

/** Why a question has no answer in the log: an API failure, or the page changed before the answer came. */
export type FailureReason = ApiFailure | { kind: 'interrupted' };

/** Where the 有帮助/没帮助 vote of an answer stands. */
export type FeedbackState = 'sending' | 'sent' | 'failed';

/** The citizen's vote on an answer. */
export interface Feedback {
  helpful: boolean;
  state: FeedbackState;
  /** A comment went with the vote. */
  commented?: boolean;
}

/** One entry of the message log. `id` is unique within a conversation. */
export type Message =
  | { id: number; role: 'user'; text: string }
  | { id: number; role: 'answer'; response: AskResponse; feedback?: Feedback }
  | { id: number; role: 'error'; question: string; reason: FailureReason }
  /** A 留言 was left: its 查询码 and the working days staff have. */
  | { id: number; role: 'inquiry'; code: string; deadlineDays: number }
  /** A 查询码 typed in the question box, and what the server said of it (null: no such inquiry). */
  | { id: number; role: 'lookup'; found: InquiryLookupResponse | null };

export interface ConversationState {
  messages: Message[];
  /** The question waiting for its answer, or null. One at a time. */
  pending: string | null;
  nextId: number;
}

export type ConversationAction =
  | { type: 'ask'; question: string }
  | { type: 'answered'; response: AskResponse }
  | { type: 'failed'; question: string; reason: FailureReason }
  | { type: 'retry'; id: number }
  | { type: 'feedback'; answerId: string; helpful: boolean; state: FeedbackState; commented?: boolean }
  | { type: 'left'; code: string; deadlineDays: number }
  | { type: 'lookedUp'; found: InquiryLookupResponse | null };

/** Messages kept in sessionStorage; older ones are dropped (a session's history, not an archive). */
export const MAX_STORED_MESSAGES = 40;

export const EMPTY_CONVERSATION: ConversationState = { messages: [], pending: null, nextId: 1 };

type NewMessage = Message extends infer M ? (M extends Message ? Omit<M, 'id'> : never) : never;

function append(state: ConversationState, message: NewMessage, pending: string | null): ConversationState {
  return { messages: [...state.messages, { ...message, id: state.nextId } as Message], pending, nextId: state.nextId + 1 };
}

/**
 * The next state. Asking while a question is pending, or asking blank text, changes nothing (the caller keeps the
 * draft); retry removes the error entry and asks its question again without repeating it in the log.
 */
export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case 'ask': {
      const question = action.question.trim();
      if (!question || state.pending !== null) return state;
      return append(state, { role: 'user', text: question }, question);
    }
    case 'answered':
      return append(state, { role: 'answer', response: action.response }, null);
    case 'failed':
      return append(state, { role: 'error', question: action.question, reason: action.reason }, null);
    case 'retry': {
      const failed = state.messages.find((m) => m.id === action.id);
      if (!failed || failed.role !== 'error' || state.pending !== null) return state;
      return { ...state, messages: state.messages.filter((m) => m !== failed), pending: failed.question };
    }
    case 'feedback':
      return {
        ...state,
        messages: state.messages.map((m) =>
          m.role === 'answer' && m.response.id === action.answerId
            ? { ...m, feedback: { helpful: action.helpful, state: action.state, ...(action.commented ? { commented: true } : {}) } }
            : m,
        ),
      };
    case 'left':
      return append(state, { role: 'inquiry', code: action.code, deadlineDays: action.deadlineDays }, state.pending);
    case 'lookedUp':
      return append(state, { role: 'lookup', found: action.found }, null);
  }
}

/** sessionStorage key of the conversation with one robot (two robots on one site keep two conversations). */
export function conversationKey(endpoint: string): string {
  return `qa-widget:conversation:${endpoint}`;
}

/** Stores the last {@link MAX_STORED_MESSAGES} messages, and the pending question so the next page can offer a retry. */
export function saveConversation(storage: StorageLike, endpoint: string, state: ConversationState): void {
  const stored: ConversationState = { ...state, messages: state.messages.slice(-MAX_STORED_MESSAGES) };
  storage.setItem(conversationKey(endpoint), JSON.stringify(stored));
}

function restoreMessage(value: unknown): Message | null {
  // A primitive has no `id` either.
  const m = (value ?? {}) as Record<string, unknown>;
  if (!Number.isInteger(m.id)) return null;
  const id = m.id as number;
  if (m.role === 'user' && typeof m.text === 'string') return { id, role: 'user', text: m.text };
  if (m.role === 'answer') {
    const response = normalizeAskResponse(m.response);
    const vote = m.feedback as Partial<Feedback> | null | undefined;
    const sent = vote?.state === 'sent' && typeof vote.helpful === 'boolean';
    const feedback = sent ? { feedback: { helpful: vote.helpful!, state: 'sent' as const, ...(vote.commented ? { commented: true } : {}) } } : {};
    return response ? { id, role: 'answer', response, ...feedback } : null;
  }
  if (m.role === 'error' && typeof m.question === 'string') {
    const kind = (m.reason as { kind?: unknown } | null)?.kind;
    const status = (m.reason as { status?: unknown } | null)?.status;
    const reason: FailureReason =
      kind === 'http' && Number.isInteger(status)
        ? { kind: 'http', status: status as number }
        : kind === 'network' || kind === 'timeout'
          ? { kind }
          : { kind: 'interrupted' };
    return { id, role: 'error', question: m.question, reason };
  }
  if (m.role === 'inquiry' && typeof m.code === 'string') {
    return { id, role: 'inquiry', code: m.code, deadlineDays: Number.isInteger(m.deadlineDays) ? (m.deadlineDays as number) : 0 };
  }
  if (m.role === 'lookup') {
    const found = m.found as Record<string, unknown> | null;
    return { id, role: 'lookup', found: found && typeof found.question === 'string' ? readInquiryLookup(found) : null };
  }
  return null;
}

/**
 * The stored conversation, checked message by message (anything malformed is dropped). A question still pending
 * when the last page unloaded comes back as an `interrupted` error with a retry; a vote still sending comes back
 * un-voted.
 */
export function loadConversation(storage: StorageLike, endpoint: string): ConversationState {
  let messages: Message[];
  let pending: unknown;
  try {
    // Nothing stored, not JSON, or not `{ messages: [...] }`: each throws here, and the conversation starts empty.
    const data = JSON.parse(storage.getItem(conversationKey(endpoint)) ?? 'null') as ConversationState;
    messages = data.messages
      .slice(-MAX_STORED_MESSAGES)
      .map(restoreMessage)
      .filter((m): m is Message => m !== null);
    pending = data.pending;
  } catch {
    return EMPTY_CONVERSATION;
  }
  const nextId = Math.max(0, ...messages.map((m) => m.id)) + 1;
  let state: ConversationState = { messages, pending: null, nextId };
  if (typeof pending === 'string' && pending.trim()) {
    state = conversationReducer(state, { type: 'failed', question: pending, reason: { kind: 'interrupted' } });
  }
  return state;
}
