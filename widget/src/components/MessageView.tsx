// Owns rendering one entry of the message log: the citizen's question, an answer with its highlights, citations,
// contacts, suggestions and feedback, or an error with a retry. Text only: no innerHTML anywhere.
import type { AskResponse, Source } from '../../../server/contract.js';
import type { FailureReason, Feedback, Message } from '../conversation.js';
import { STRINGS } from '../strings.zh-CN.js';
import { safeHref, splitHighlights, telHref } from '../text.js';

export interface MessageViewProps {
  message: Message;
  /** Base URL relative source links resolve against. */
  endpoint: string;
  onAsk(question: string): void;
  onRetry(id: number): void;
  onFeedback(answerId: string, helpful: boolean): void;
}

/** The readable sentence for a failure, naming what the citizen can do. */
export function describeFailure(reason: FailureReason): string {
  switch (reason.kind) {
    case 'network':
      return STRINGS.errorNetwork;
    case 'timeout':
      return STRINGS.errorTimeout;
    case 'interrupted':
      return STRINGS.errorInterrupted;
    case 'http':
      return reason.status === 429 ? STRINGS.errorRateLimited : STRINGS.errorServer(reason.status);
  }
}

/** Questions as buttons that ask them (hot questions, suggestions after a `none` reply). */
export function QuestionChips({ questions, onAsk }: { questions: string[]; onAsk(question: string): void }) {
  return (
    <ul class="chips">
      {questions.map((q) => (
        <li key={q}>
          <button type="button" class="chip" onClick={() => onAsk(q)}>
            {q}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Citation({ source, endpoint }: { source: Source; endpoint: string }) {
  const href = safeHref(source.url, endpoint);
  const title = `《${source.title || source.url || ''}》`;
  return (
    <li class="cite">
      {href ? <a href={href}>{title}</a> : <span>{title}</span>}
      {source.date && (
        <span class="meta">
          {source.date} {STRINGS.published}
        </span>
      )}
      {source.section && <span class="meta">{source.section}</span>}
    </li>
  );
}

interface AnswerViewProps extends Omit<MessageViewProps, 'message' | 'onRetry'> {
  response: AskResponse;
  feedback: Feedback | undefined;
}

function AnswerView({ response, feedback, endpoint, onAsk, onFeedback }: AnswerViewProps) {
  const faqHref = safeHref(response.faq?.link, endpoint);
  const busy = feedback?.state === 'sending' || feedback?.state === 'sent';
  const vote = (helpful: boolean) => {
    if (!busy) onFeedback(response.id, helpful);
  };
  return (
    <div class="msg">
      <span class="sr">{STRINGS.robot}</span>
      <p class="text">
        {splitHighlights(response.answer, response.highlights).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}
      </p>
      {response.matched === 'corpus' && response.year !== null && <p class="meta">{STRINGS.reportYear(response.year)}</p>}
      {faqHref && (
        <p>
          <a href={faqHref}>{STRINGS.faqLink}</a>
        </p>
      )}
      {response.sources.length > 0 && (
        <div class="block">
          <p>{STRINGS.sources}：</p>
          <ol>
            {response.sources.map((s, i) => (
              <Citation key={i} source={s} endpoint={endpoint} />
            ))}
          </ol>
        </div>
      )}
      {response.contacts.length > 0 && (
        <div class="block">
          <p>{STRINGS.contacts}</p>
          <ul>
            {response.contacts.map((c, i) => {
              const tel = telHref(c.phone);
              return (
                <li key={i}>
                  {c.label}：{tel ? <a href={tel}>{c.phone}</a> : c.phone}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {response.suggestions.length > 0 && (
        <div class="block">
          <p>{STRINGS.tryThese}</p>
          <QuestionChips questions={response.suggestions} onAsk={onAsk} />
        </div>
      )}
      {response.matched !== 'none' && (
        <div class="feedback" role="group" aria-label={STRINGS.helpfulQuestion}>
          <span>{STRINGS.helpfulQuestion}</span>
          {[true, false].map((helpful) => (
            <button
              key={String(helpful)}
              type="button"
              class="vote"
              aria-pressed={feedback !== undefined && feedback.state !== 'failed' && feedback.helpful === helpful}
              aria-disabled={busy}
              onClick={() => vote(helpful)}
            >
              {helpful ? STRINGS.helpful : STRINGS.notHelpful}
            </button>
          ))}
          {feedback?.state === 'sent' && <span>{STRINGS.thanks}</span>}
          {feedback?.state === 'failed' && <span>{STRINGS.feedbackFailed}</span>}
        </div>
      )}
    </div>
  );
}

/** One message of the log. */
export function MessageView(props: MessageViewProps) {
  const { message } = props;
  if (message.role === 'user') {
    return (
      <div class="msg user">
        <span class="sr">{STRINGS.you}</span>
        {message.text}
      </div>
    );
  }
  if (message.role === 'error') {
    return (
      <div class="msg error">
        <p>{describeFailure(message.reason)}</p>
        <button type="button" class="chip" onClick={() => props.onRetry(message.id)}>
          {STRINGS.retry}
        </button>
      </div>
    );
  }
  return (
    <AnswerView
      endpoint={props.endpoint}
      onAsk={props.onAsk}
      onFeedback={props.onFeedback}
      response={message.response}
      feedback={message.feedback}
    />
  );
}
