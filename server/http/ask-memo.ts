// Owns remembering whole /api/ask answers (app.ts): the same words asked on the same page on the same day, while
// nothing that answers has changed, get the same answer, so popular questions skip the engine, the related
// questions and the JSON. Runtime-neutral.
import { createGenerationLru } from '../core/generation-lru.js';

/** What an answer leaves to the question log besides its id. */
export interface AskMemoEntry {
  /** The response as JSON without its `id`: `{"answer":…}`; {@link withAnswerId} puts one in front. */
  body: string;
  matched: 'faq' | 'corpus' | 'none';
  faqId: number | null;
  passage: number | null;
}

export interface AskMemo {
  /**
   * The answer remembered for `key` under `generation` (what answers, compared item by item: the engine, the FAQ's
   * suggestion pool and hot questions, the site settings); a new generation forgets every answer.
   */
  get(generation: readonly unknown[], key: string): AskMemoEntry | undefined;
  set(generation: readonly unknown[], key: string, entry: AskMemoEntry): void;
}

/**
 * A bounded memo of answers, least recently used dropped first.
 *
 * @param size - answers kept (about 1.2 kB each for the default corpus's fixture questions). Default 2,000.
 */
export function createAskMemo(size = 2000): AskMemo {
  return createGenerationLru<AskMemoEntry>(size);
}

/** The key of a question asked on a page on a day (UTC, as the engine's own memo: 去年 changes with the year). */
export function askMemoKey(question: string, report: string | undefined, now: Date): string {
  return `${now.toISOString().slice(0, 10)}|${report ?? ''}|${question}`;
}

/** The response JSON of a remembered body with its own answer id first, as `{ id, ...response }` serializes. */
export function withAnswerId(id: string, body: string): string {
  return body === '{}' ? `{"id":${JSON.stringify(id)}}` : `{"id":${JSON.stringify(id)},${body.slice(1)}`;
}
