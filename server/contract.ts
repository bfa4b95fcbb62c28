// The HTTP contract shared by the server and the widget: request and response types only, no code, no imports.

/** What kind of question was asked, as detected from its wording. */
export type QuestionType = 'number' | 'phone' | 'date' | 'person' | 'list' | 'yesno' | 'reason' | 'how' | 'place' | 'what';

/** Where an answer came from: a report passage, a staff-curated FAQ entry, or nowhere. */
export type MatchKind = 'corpus' | 'faq' | 'none';

/** `POST /api/ask` body. `GET /api/ask?q=` is the same question in the query string. */
export interface AskRequest {
  question: string;
}

/** A citation: the document a quoted passage comes from. */
export interface Source {
  title: string;
  /** Publication date, `YYYY-MM-DD`, or null when the document does not say. */
  date: string | null;
  /** Link to the source page (absolute, or relative to the robot's endpoint); with `#:~:text=` for the passage. */
  url: string | null;
  /** Section path of the passage, e.g. 「二、政务公开工作情况及具体举措 › 3、创新政务公开方式」. */
  section: string;
  /** The quoted passage (may be shortened with …). */
  snippet: string;
  /** The year the report covers, when known. */
  year: number | null;
}

/** A span of the answer text to highlight: UTF-16 offsets, `end` exclusive. */
export interface Highlight {
  start: number;
  end: number;
}

/** A phone number found in the documents, offered when the robot cannot answer. */
export interface ContactPoint {
  label: string;
  phone: string;
}

/** `POST /api/ask` answer. */
export interface AskResponse {
  /** Id of this answer, to send back with feedback. */
  id: string;
  /** Verbatim text: a passage of a report, a staff-approved FAQ answer, or (for `none`) the robot's fixed reply. */
  answer: string;
  matched: MatchKind;
  /** Citations; at least one for `corpus` and `faq` answers. */
  sources: Source[];
  /** Matched question words in `answer`, for highlighting. */
  highlights: Highlight[];
  /** Detected question types (what the question asks for). */
  questionTypes: QuestionType[];
  /** Year of the report the answer quotes, when it comes from a report. */
  year: number | null;
  /** For `none`: where to ask instead (contacts found in the documents). */
  contacts: ContactPoint[];
  /** For `none`: questions the robot can answer that are close to this one. */
  suggestions: string[];
  /** For `faq` answers: the entry's id and optional link. */
  faq?: { id: number; link: string | null };
}

/** `GET /api/suggest?q=` answer: questions to offer while the citizen types. */
export interface SuggestResponse {
  suggestions: string[];
}

/** `GET /api/faq/hot` answer: the questions staff marked as hot (or configured ones). */
export interface HotQuestionsResponse {
  questions: string[];
}

/** `POST /api/feedback` body. */
export interface FeedbackRequest {
  /** The `id` of the answer being rated. */
  answerId: string;
  helpful: boolean;
  /** Optional free text, at most 500 characters. */
  comment?: string;
}

/** Every error response: a stable machine code and a message a webmaster understands. */
export interface ErrorResponse {
  error: { code: string; message: string };
}

/** `GET /healthz` answer. */
export interface HealthResponse {
  status: 'ok';
  documents: number;
  passages: number;
  runtime: 'node' | 'workers';
}
