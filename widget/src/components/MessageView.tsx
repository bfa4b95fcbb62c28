// Owns rendering one entry of the message log: the citizen's question, an answer with its highlights, citations,
// contacts, suggestions and feedback, or an error with a retry. Text only: no innerHTML anywhere.
import { useState } from 'preact/hooks';
import type { AskResponse, InquiryRequest, Source } from '../../../server/contract.js';
import type { FailureReason, Feedback, Message } from '../conversation.js';
import { STRINGS } from '../strings.zh-CN.js';
import { safeHref, splitFigures, splitHighlights, telHref } from '../text.js';
import { ReadAloud } from './ReadAloud.js';

export interface MessageViewProps {
  message: Message;
  /** Base URL relative source links resolve against. */
  endpoint: string;
  onAsk(question: string): void;
  onRetry(id: number): void;
  onFeedback(answerId: string, helpful: boolean, comment?: string): void;
  /** Leaves a question for staff; rejects when it could not be sent. */
  onLeave(request: InquiryRequest): Promise<void>;
  /** The question this answer replies to (prefills the 留言 form). */
  question: string;
}

/** The readable sentence for a failure, naming what the citizen can do. */
export function describeFailure(reason: FailureReason): string {
  if (reason.kind !== 'http') return { network: STRINGS.errorNetwork, timeout: STRINGS.errorTimeout, interrupted: STRINGS.errorInterrupted }[reason.kind];
  return reason.status === 429 ? STRINGS.errorRateLimited : STRINGS.errorServer(reason.status);
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

/** Text with the phone numbers as `tel:` links and, for a 多少 question, the counts emphasised. */
function Figures({ text, number, phones }: { text: string; number: boolean; phones: string[] }) {
  return (
    <>
      {splitFigures(text, number, phones).map((p) =>
        p.kind === 'plain' ? p.text : p.kind === 'figure' ? <strong>{p.text}</strong> : <a href={telHref(p.text) ?? undefined}><strong>{p.text}</strong></a>,
      )}
    </>
  );
}

/** The 留言 form: the question (editable), optional phone and e-mail, the consent line. */
function InquiryForm({ question, answerId, onLeave, onDone }: { question: string; answerId: string; onLeave: MessageViewProps['onLeave']; onDone(left: boolean): void }) {
  const [state, setState] = useState<'idle' | 'sending' | 'failed' | 'consent'>('idle');
  const submit = (event: Event) => {
    event.preventDefault();
    const f = (event.currentTarget as HTMLFormElement).elements as unknown as Record<string, HTMLInputElement>;
    const [phone, email, text] = [f.phone!.value.trim(), f.email!.value.trim(), f.question!.value.trim()];
    if (!text) return f.question!.focus();
    if ((phone || email) && !f.consent!.checked) return setState('consent');
    setState('sending');
    // JSON leaves out the fields left blank (undefined).
    onLeave({ question: text, answerId, phone: phone || undefined, email: email || undefined, consent: f.consent!.checked }).then(
      () => onDone(true),
      () => setState('failed'),
    );
  };
  return (
    <form class="block form" onSubmit={submit}>
      <p>{STRINGS.leaveIntro}</p>
      <label>
        {STRINGS.leaveQuestion}
        <textarea name="question" maxLength={1000} value={question} />
      </label>
      <label>
        {STRINGS.phone}
        <input name="phone" type="tel" autoComplete="tel" maxLength={30} />
      </label>
      <label>
        {STRINGS.email}
        <input name="email" type="email" autoComplete="email" maxLength={254} />
      </label>
      <label class="check">
        <input name="consent" type="checkbox" />
        {STRINGS.consent}
      </label>
      {(state === 'failed' || state === 'consent') && <p role="alert">{state === 'failed' ? STRINGS.leaveFailed : STRINGS.needConsent}</p>}
      <p class="feedback">
        <button type="submit" class="vote" aria-disabled={state === 'sending'}>
          {STRINGS.submit}
        </button>
        <button type="button" class="vote" onClick={() => onDone(false)}>
          {STRINGS.cancel}
        </button>
      </p>
    </form>
  );
}

/** After 没帮助 or 「我不知道」: what was missing (for a rated answer), and the offer to leave the question. */
function HelpMore({ response, feedback, question, onFeedback, onLeave }: Pick<AnswerViewProps, 'response' | 'feedback' | 'question' | 'onFeedback' | 'onLeave'>) {
  const [form, setForm] = useState<'button' | 'form' | 'left'>('button');
  const [comment, setComment] = useState('');
  const rated = feedback?.helpful === false && feedback.state !== 'failed';
  return (
    <>
      {rated && !feedback.commented && (
        <div class="block feedback">
          <label class="grow">
            {STRINGS.whatMissing}
            <textarea maxLength={500} value={comment} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
          </label>
          <button type="button" class="vote" onClick={() => comment.trim() && onFeedback(response.id, false, comment.trim())}>
            {STRINGS.sendComment}
          </button>
        </div>
      )}
      {form === 'form' ? (
        <InquiryForm question={question} answerId={response.id} onLeave={onLeave} onDone={(left) => setForm(left ? 'left' : 'button')} />
      ) : (
        form === 'button' && (
          <p class="block">
            <button type="button" class="chip" onClick={() => setForm('form')}>
              {STRINGS.leave}
            </button>
          </p>
        )
      )}
    </>
  );
}

function AnswerView(props: AnswerViewProps) {
  const { feedback, endpoint, onAsk, onFeedback } = props;
  // 「您是想问」: the citizen picks one of two close answers; the pick shows as the answer.
  const [pick, setPick] = useState<number | null>(null);
  const choice = pick === null ? undefined : props.response.clarify?.choices[pick];
  const response = choice ? { ...props.response, answer: choice.answer, sources: choice.sources, highlights: pick === 0 ? props.response.highlights : [] } : props.response;
  if (response.clarify && !choice) {
    return (
      <div class="msg">
        <span class="sr">{STRINGS.robot}</span>
        <p>{STRINGS.clarify}</p>
        <ul class="chips">
          {response.clarify.choices.map((c, i) => (
            <li key={i}>
              <button type="button" class="chip" onClick={() => setPick(i)}>
                {c.label}
              </button>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const faqHref = safeHref(response.faq?.link, endpoint);
  // A vote can be changed: only one still on its way waits.
  const busy = feedback?.state === 'sending';
  const vote = (helpful: boolean) => {
    if (!busy) onFeedback(response.id, helpful);
  };
  return (
    <div class="msg">
      <span class="sr">{STRINGS.robot}</span>
      <p class="text">
        {splitHighlights(response.answer, response.highlights).map((s, i) => {
          const parts = <Figures text={s.text} number={response.questionTypes.includes('number')} phones={response.contacts.map((c) => c.phone)} />;
          return s.mark ? <mark key={i}>{parts}</mark> : parts;
        })}
      </p>
      {response.matched === 'corpus' && response.year !== null && <p class="meta">{STRINGS.reportYear(response.year)}</p>}
      {response.notes?.map((note) => (
        <p class="meta">{note}</p>
      ))}
      <ReadAloud text={response.answer} />
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
      {/* 「我不知道」 already names them in its text (as tel: links): once is enough. */}
      {response.contacts.length > 0 && response.matched !== 'none' && (
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
      {response.related && response.related.length > 0 && (
        <div class="block">
          <p>{STRINGS.related}</p>
          <QuestionChips questions={response.related} onAsk={onAsk} />
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
              aria-pressed={feedback?.state !== 'failed' && feedback?.helpful === helpful}
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
      {(response.matched === 'none' || feedback?.helpful === false) && <HelpMore {...props} />}
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
  if (message.role === 'inquiry') {
    return (
      <div class="msg" role="status">
        <p>{STRINGS.received(message.deadlineDays)}</p>
        <p class="code">
          {STRINGS.code}
          <strong>{message.code}</strong>
        </p>
        <p class="meta">{STRINGS.codeHint}</p>
      </div>
    );
  }
  if (message.role === 'lookup') {
    const { found } = message;
    return (
      <div class="msg">
        {found && <p class="meta">{found.question}</p>}
        {!found ? <p>{STRINGS.lookupNone}</p> : found.reply === null ? <p>{STRINGS.lookupOpen}</p> : <><p>{STRINGS.lookupReply}</p><p class="text">{found.reply}</p></>}
      </div>
    );
  }
  return <AnswerView {...props} response={message.response} feedback={message.feedback} />;
}
