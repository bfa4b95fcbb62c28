// The HTTP contract shared by the server and the widget: request and response types only, no code, no imports.

/** What kind of question was asked, as detected from its wording. */
export type QuestionType =
  | 'number'
  | 'phone'
  | 'date'
  | 'person'
  | 'name'
  | 'list'
  | 'yesno'
  | 'reason'
  | 'how'
  | 'place'
  | 'what';

/** Where an answer came from: a report passage, a staff-curated FAQ entry, or nowhere. */
export type MatchKind = 'corpus' | 'faq' | 'none';

/** `POST /api/ask` body. `GET /api/ask?q=` is the same question in the query string. */
export interface AskRequest {
  question: string;
  /**
   * The report the question is asked on: a report's slug (`data-report`), its URL, or the URL of the page the widget
   * is on. 「这份报告」 is that report; a question naming no agency is about that report's agency. At most 2,000
   * characters.
   */
  report?: string;
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
  /** Where to go (the site's own contacts, `site.json`); absent for numbers read from reports. */
  address?: string;
  /** When it is open (工作日 9:00—17:00). */
  hours?: string;
  /** An http(s) address to ask online. */
  web?: string;
}

/** `POST /api/ask` answer. */
export interface AskResponse {
  /** Id of this answer, to send back with feedback: a UUID of version 7 (time-ordered, 74 random bits). */
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
  /**
   * For `none`: up to three questions the robot answers (each was asked) that are close to this one: FAQ phrasings
   * sharing its words, the headings and table labels of the passages nearest to it; else the hot questions.
   */
  suggestions: string[];
  /** For `faq` answers: the entry's id and optional link. */
  faq?: { id: number; link: string | null };
  /** What the robot took the question to mean (「去年」 as 2024, the newest report), in its own words; not part of the quote. */
  notes?: string[];
  /** For answered questions: up to three other questions the robot answers well (知识推荐), to ask with one click. */
  related?: string[];
  /**
   * 「您是想问：…」: when the two best answers come from different reports or sections and score close together, both
   * (the first is `answer` itself); a client shows the choices instead of the answer.
   */
  clarify?: Clarification;
}

/** Two answers the robot could not choose between, each verbatim with its citation. */
export interface Clarification {
  choices: Array<{ label: string; answer: string; sources: Source[] }>;
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

// ─── Staff API ───────────────────────────────────────────────────────────────────────────────────────────────────
// Routes under /api/admin/ (every one needs `Authorization: Bearer <ADMIN_TOKEN>`; 401 otherwise, 403 for a request
// from another origin), plus the public feedback answer. Times are ISO 8601 strings in UTC. Errors use
// ErrorResponse; a 400 for entry fields adds `fields`, a 409 adds `current`.

/** `POST /api/feedback` answer (201). Rating the same answer again replaces the rating and keeps the id. */
export interface FeedbackResponse {
  id: number;
}

/** A staff-curated FAQ entry (also what the store keeps: server/core/store.ts). */
export interface AdminFaqEntry {
  id: number;
  /** The question as staff wrote it; shown as a hot question and in suggestions. */
  question: string;
  /** Other ways citizens ask the same thing; matched like the question. */
  alternatives: string[];
  /** Plain text, quoted verbatim as the answer (never rendered as HTML). */
  answer: string;
  /** An http(s) URL, or null. */
  link: string | null;
  tags: string[];
  /** Only enabled entries answer questions. */
  enabled: boolean;
  /** Shown by the widget as a hot question (`GET /api/faq/hot`). */
  hot: boolean;
  /** ISO 8601 time, UTC. */
  createdAt: string;
  updatedAt: string;
  /** Grows by one with every change; `PUT` and `DELETE` name the version they edit. */
  version: number;
}

/**
 * `POST /api/admin/faq` body (answer: 201 with the AdminFaqEntry). Limits: question ≤ 200 characters, answer ≤ 4000,
 * ≤ 50 alternatives (≤ 200 each), ≤ 20 tags (≤ 32 each), link ≤ 2000 and http(s) only. Defaults: alternatives [],
 * link null, tags [], enabled true, hot false.
 */
export interface AdminFaqCreateRequest {
  question: string;
  answer: string;
  alternatives?: string[];
  link?: string | null;
  tags?: string[];
  enabled?: boolean;
  hot?: boolean;
}

/**
 * `PUT /api/admin/faq/:id` body (answer: 200 with the AdminFaqEntry). `version` is the version being edited; fields
 * left out keep their value (`{"version": 3, "enabled": false}` disables). A stale version gets 409
 * AdminConflictResponse and changes nothing.
 */
export interface AdminFaqUpdateRequest extends Partial<AdminFaqCreateRequest> {
  version: number;
}

/** `GET /api/admin/faq` answer: every entry, most recently changed first. */
export interface AdminFaqListResponse {
  entries: AdminFaqEntry[];
}

/** 400 answer to an entry with wrong fields: `fields` maps each wrong field to what is wrong. */
export interface AdminValidationErrorResponse {
  error: { code: 'invalid_faq'; message: string; fields: Record<string, string> };
}

/** 409 answer to `PUT` / `DELETE ?version=` with a stale version: the entry as it is now. */
export interface AdminConflictResponse {
  error: { code: 'version_conflict'; message: string };
  current: AdminFaqEntry;
}

/**
 * `POST /api/admin/faq/import` answer. Body: `text/csv` (header row: question,answer[,alternatives,link,tags,enabled,
 * hot]; Chinese headers 问题,答案,相似问法,链接,标签,启用,热门 too; lists separated by `|`) or `application/json` (an array
 * of AdminFaqCreateRequest, or the export's `{"entries": [...]}`), at most 2 MiB and 5000 rows. A row whose question
 * matches an existing entry's (ignoring punctuation, width, case) updates that entry; other rows create entries.
 * Bad rows are reported by line and skipped; good rows are kept.
 */
export interface AdminImportResponse {
  created: number;
  updated: number;
  unchanged: number;
  results: Array<{ line: number; status: 'created' | 'updated' | 'unchanged'; id: number }>;
  errors: Array<{ line: number; message: string }>;
}

/** `GET /api/admin/faq/export?format=json` body (`format=csv` gives the same entries as CSV with a header row). */
export interface AdminFaqExport {
  format: 'qa-robot-faq';
  version: 1;
  exportedAt: string;
  entries: AdminFaqEntry[];
}

/**
 * One group of `GET /api/admin/unanswered?limit=50&days=30&sort=count|recent&resolved=0|1`: questions answered `none`
 * or rated 没帮助, grouped by their normalized text.
 */
export interface AdminUnansweredGroup {
  /** The normalized text the group shares. */
  key: string;
  /** The latest wording (personal data masked). */
  question: string;
  /** Times it was answered `none`. */
  unanswered: number;
  /** Times its answer was rated 没帮助. */
  notHelpful: number;
  total: number;
  lastAskedAt: string;
  /** The FAQ entry whose answer was rated 没帮助 most recently, if any. */
  faqId: number | null;
  /**
   * The enabled entry that now answers this question and was changed after it was last asked, or null. Resolved
   * groups are left out unless `resolved=1`.
   */
  resolvedBy: number | null;
}

/**
 * `GET /api/admin/unanswered?limit=50&offset=0` answer, most asked first (or most recent first with `sort=recent`):
 * one page of at most `limit` (≤ 100) groups, starting at `offset` in the sorted list.
 */
export interface AdminUnansweredResponse {
  since: string;
  groups: AdminUnansweredGroup[];
  /** Groups in the period, all pages together (those already answered by an FAQ entry included). */
  total: number;
  /** Where this page starts in the sorted list. */
  offset: number;
  /** The `offset` of the next page, or null on the last page. */
  nextOffset: number | null;
  /** Groups of this page left out because an FAQ entry now answers them (0 with `resolved=1`). */
  hiddenResolved: number;
}

/** One rating, with the question it rates while that is still in the log. */
export interface AdminFeedbackItem {
  id: number;
  answerId: string;
  helpful: boolean;
  comment: string | null;
  createdAt: string;
  question: string | null;
  matched: MatchKind | null;
  faqId: number | null;
}

/** `GET /api/admin/feedback?limit=100&helpful=true|false` answer, newest first. */
export interface AdminFeedbackResponse {
  feedback: AdminFeedbackItem[];
}

/** One change: who made it (`X-Staff-Name` if the console sent one, else "staff"), when, and the entry before/after. */
export interface AdminAuditEntry {
  id: number;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete' | 'import';
  entity: 'faq';
  entityId: number;
  before: AdminFaqEntry | null;
  after: AdminFaqEntry | null;
}

/** `GET /api/admin/audit?limit=100&faqId=` answer, newest first. */
export interface AdminAuditResponse {
  entries: AdminAuditEntry[];
}

/** `POST /api/admin/test` body: a question to try without logging it. */
export interface AdminTestRequest {
  question: string;
}

/** An FAQ entry's score for the tested question, with the evidence behind it (server/core/faq-match.ts). */
export interface AdminFaqCandidate {
  id: number;
  question: string;
  /** The phrasing (question or alternative) that scored best. */
  phrasing: string;
  /** 0–1; the entry answers at or above `threshold`. */
  score: number;
  /** Weighted share of the question's words the phrasing has (synonyms and partial words count less). */
  queryCoverage: number;
  /** Weighted share of the phrasing's words the question has. */
  entryCoverage: number;
  /** False when the entry answers another kind of question (a time, not a place): score 0. */
  sameKind: boolean;
  /** True when the entry lacks the question's key word: score 0. */
  keyWordMissing: boolean;
  /** Words of the question the phrasing has. */
  shared: string[];
  /** Words of the question the phrasing lacks. */
  missing: string[];
}

/** A passage's score for the tested question. */
export interface AdminPassageCandidate {
  passage: number;
  score: number;
  /** Share of the question the passage text covers, and with its headings and title. */
  coverage: number;
  contextCoverage: number;
  typeFit: number;
  retrieval: number;
  text: string;
  section: string;
  document: string;
  year: number | null;
}

/** `POST /api/admin/test` answer: what `/api/ask` would answer, and why. */
export interface AdminTestResponse {
  question: string;
  /** The answer `/api/ask` gives now (without an id: nothing is logged). */
  answer: Omit<AskResponse, 'id'>;
  faq: {
    threshold: number;
    questionTypes: QuestionType[];
    /** Coarse kinds of answer the question asks for (date, place, thing…); empty for a bare keyword query. */
    answerKinds: string[];
    terms: Array<{ text: string; weight: number }>;
    candidates: AdminFaqCandidate[];
  };
  corpus: {
    matched: 'corpus' | 'none';
    /** Why the documents did not answer, when they did not. */
    reason: string | null;
    questionTypes: QuestionType[];
    concepts: Array<{ text: string; weight: number; synonyms: string[]; known: boolean }>;
    searchTerms: string[];
    /** Share of the question the best passage (with its headings) must cover. */
    minCoverage: number;
    candidates: AdminPassageCandidate[];
  };
}

/** `GET /api/admin/overview?days=30&tz=480&top=10` answer; `tz` is the staff's UTC offset in minutes (China: 480). */
export interface AdminOverviewResponse {
  since: string;
  /** One row per local day, oldest first, zeros included. */
  days: Array<{ date: string; total: number; faq: number; corpus: number; none: number }>;
  totals: { total: number; faq: number; corpus: number; none: number };
  /** Shares of `totals.total` (0–1; 0 when there were no questions). */
  shares: { faq: number; corpus: number; none: number };
  feedback: { helpful: number; notHelpful: number; /** helpful / (helpful + notHelpful), or null without ratings. */ helpfulRate: number | null };
  topQuestions: Array<{ question: string; count: number }>;
}

// ─── Staff API: reports ──────────────────────────────────────────────────────────────────────────────────────────
// Publishing reports from the staff console (Node only; on Workers these answer 501, see `canPublish`).

/** Metadata staff may set or correct before publishing; each field wins over what the page says. */
export interface AdminReportMeta {
  title?: string;
  /** `YYYY-MM-DD`. */
  date?: string;
  issuer?: string;
  /** http(s) address of the page on the site. */
  url?: string;
}

/** An uploaded file: the page as saved from the CMS (GBK or UTF-8), base64-encoded. */
export interface AdminReportFile {
  /** Plain file name ending in .txt, .html, .htm or .md (letters, digits, . _ -). */
  name: string;
  /** The file's bytes, base64. At most 5 MiB per file. */
  content: string;
  meta?: AdminReportMeta;
}

/** `POST /api/admin/reports/preview` body; the answer is {@link AdminReportPreviewResponse}. Nothing is published. */
export interface AdminReportPreviewRequest {
  files: AdminReportFile[];
}

/** `POST /api/admin/reports` body: publish (ingest, rebuild the index, swap it in). 201 {@link AdminPublishResponse}. */
export interface AdminReportPublishRequest {
  files: AdminReportFile[];
  /** Overwrite files that are already published (otherwise 409 `exists`). */
  replace?: boolean;
}

/** How a file would be read. */
export type AdminReportPreview =
  | {
      ok: true;
      name: string;
      /** The report's address at /reports/:slug. */
      slug: string;
      /** A published file has this name (publishing needs `replace`). */
      exists: boolean;
      meta: { title: string; date: string | null; issuer: string | null; url: string | null; year: number | null };
      /** Section paths, in order (「一、… › 1、…」). */
      sections: string[];
      /** Every passage: `meta` (title/date/issuer line), `sentence`, `signoff`. */
      passages: Array<{ kind: string; section: string; text: string }>;
      /** Lines removed as page chrome. */
      stripped: string[];
      /** The agency the report is of, derived as the build derives it (title, issuer, sign-off, text); null when none. */
      agency: string | null;
      /** Short forms a question may name that agency by, among the site's agencies. */
      shortForms: string[];
      /** Whether the site already has reports of that agency. */
      agencyKnown: boolean;
      /**
       * What staff should check before publishing, in words (totals that differ from the sum of their parts, a title
       * taken from the file name, a report that is mostly repetition, bytes that did not decode); empty when nothing.
       * Publishing is still allowed.
       */
      warnings: string[];
      /** The tables as the page lays them out (spans kept), each with the totals that do not add up. */
      tables: Array<{ rows: Array<Array<{ text: string; rowspan: number; colspan: number }>>; warnings: string[] }>;
      /** Passages that repeat an earlier one word for word (indexed once), of `total` (all but the metadata line). */
      repetition: { repeated: number; total: number };
      /**
       * How the bytes were read: the charset, byte sequences that did not decode (U+FFFD) and private-use characters,
       * with the line, column and text around the first ones (at most 10). Both are left out of passages and answers.
       */
      decoding: {
        charset: string;
        undecodable: number;
        privateUse: number;
        places: Array<{ kind: 'undecodable' | 'private-use'; line: number; column: number; excerpt: string }>;
      };
    }
  | { ok: false; name: string; reason: string };

export interface AdminReportPreviewResponse {
  previews: AdminReportPreview[];
}

/** A published report. */
export interface AdminReport {
  slug: string;
  /** File name in the corpus: shipped in CORPUS_DIR/reports, or published into DATA_DIR/reports. */
  file: string;
  title: string;
  date: string | null;
  issuer: string | null;
  url: string | null;
  year: number | null;
  /** Sentences (citable passages). */
  passages: number;
  /** When the file was added or last replaced. */
  addedAt: string | null;
}

/** What the publisher is doing; poll it while `building`. */
export interface AdminPublishStatus {
  building: boolean;
  startedAt: string | null;
  /** The last publish or removal: whether it worked, and its message (the build error when it failed). */
  last: { at: string; ok: boolean; message: string } | null;
}

/** `GET /api/admin/reports` answer. */
export interface AdminReportsResponse {
  runtime: 'node' | 'workers';
  /** False on Workers: new reports reach the edge through a build and a deploy (see `note`). */
  canPublish: boolean;
  note: string | null;
  reports: AdminReport[];
  status: AdminPublishStatus | null;
}

/** `POST /api/admin/reports` (201) and `DELETE /api/admin/reports/:slug` (200) answer. */
export interface AdminPublishResponse {
  documents: number;
  passages: number;
  /** Time the rebuild took. */
  ms: number;
}

// ─── Staff API: site data ────────────────────────────────────────────────────────────────────────────────────────
// Agency aliases, synonyms and the site's own settings, edited in the console (Node only; on Workers these answer
// 501 `not_supported_on_workers`). Saved into DATA_DIR/site-data as overlays of the shipped corpus files.

/** Which file is in effect: the staff's overlay in DATA_DIR, the shipped corpus file, or none. */
export type AdminSiteDataSource = 'data' | 'shipped' | 'none';

/** An aliases or synonyms file as in effect. */
export interface AdminSiteText {
  text: string;
  source: AdminSiteDataSource;
  /** When staff last saved it, or null for the shipped file. */
  updatedAt: string | null;
}

/** The site's own settings as in effect (`site.json`'s siteName, agency and contacts). */
export interface AdminSiteSettings {
  siteName: string;
  /** The site's own agency; null: the agency of the default report. */
  agency: string | null;
  /** Where citizens ask when the robot cannot help; empty: the numbers of the site's own reports. */
  contacts: ContactPoint[];
  source: AdminSiteDataSource;
  updatedAt: string | null;
}

/** An agency of the corpus, derived from its reports at build time. */
export interface AdminAgency {
  name: string;
  /** Short forms a question may name it by (checked against the robot's own reading). */
  shortForms: string[];
  /** Staff aliases it has (from the aliases file). */
  aliases: string[];
  reports: Array<{ slug: string; title: string; year: number | null }>;
}

/** One change to the site data (the audit log). */
export interface AdminSiteDataChange {
  id: number;
  at: string;
  actor: string;
  /** `update`: saved; `delete`: back to the shipped file. */
  action: 'update' | 'delete';
  kind: 'aliases' | 'synonyms' | 'site';
  before: string | null;
  after: string | null;
}

/** `GET /api/admin/settings` answer, and the answer of every change (the state after it). */
export interface AdminSiteDataResponse {
  aliases: AdminSiteText;
  synonyms: AdminSiteText;
  site: AdminSiteSettings;
  agencies: AdminAgency[];
  /** What staff should check: aliases of agencies no report is of. */
  warnings: string[];
  /** The last changes, newest first. */
  history: AdminSiteDataChange[];
}

/** `PUT /api/admin/settings/aliases` and `/synonyms` body: the whole file's text. */
export interface AdminSiteTextRequest {
  text: string;
}

/** `PUT /api/admin/settings/site` body. */
export interface AdminSiteSettingsRequest {
  siteName: string;
  agency?: string | null;
  contacts?: ContactPoint[];
}

// ——— 留言 (inquiries): a citizen leaves a question for staff and reads the reply with a 查询码 ———

/** `POST /api/inquiries`: leave a question the robot could not answer. */
export interface InquiryRequest {
  /** The question, up to 1,000 characters; masked before it is stored. */
  question: string;
  /** The answer (`AskResponse.id`) it follows, if any. */
  answerId?: string;
  /** Optional contact data; when given, `consent` must be true. */
  phone?: string;
  email?: string;
  /** The citizen ticked the consent line: staff may use the contact data to reply. */
  consent?: boolean;
}

/** `POST /api/inquiries` answer (201). The code is shown once: the server keeps only its hash. */
export interface InquiryCreatedResponse {
  /** 查询码, `XXXX-XXXX-XXXX` from `23456789ABCDEFGHJKMNPQRSTUVWXYZ`. */
  code: string;
  createdAt: string;
  /** Working days staff have to reply. */
  deadlineDays: number;
}

/** `POST /api/inquiries/lookup` with `{ "code": "…" }`: where an inquiry stands, and the reply once there is one. */
export interface InquiryLookupResponse {
  status: 'open' | 'replied';
  question: string;
  createdAt: string;
  reply: string | null;
  repliedAt: string | null;
}

/** An inquiry in the staff inbox: never its contact data, only whether it has any. */
export interface AdminInquiry {
  id: number;
  question: string;
  answerId: string | null;
  status: 'open' | 'replied';
  createdAt: string;
  reply: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  faqId: number | null;
  hasContact: boolean;
  /** Working days since it came in (until the reply, for a replied one), the last day on time, and whether open past it. */
  age: { workingDays: number; dueDate: string; overdue: boolean };
}

/** `GET /api/admin/inquiries?status=open|replied|all&limit&offset`. */
export interface AdminInquiriesResponse {
  deadlineDays: number;
  /** Open inquiries, and how many of them are past their due date. */
  open: number;
  overdue: number;
  inquiries: AdminInquiry[];
}

/** `POST /api/admin/inquiries/:id/reply`: closes the inquiry; `publishFaq` also makes the reply an FAQ entry. */
export interface AdminInquiryReplyRequest {
  reply: string;
  publishFaq?: { question?: string; alternatives?: string[]; tags?: string[] } | boolean;
}

export interface AdminInquiryReplyResponse {
  inquiry: AdminInquiry;
  /** The FAQ entry published from the reply, or null. */
  faq: AdminFaqEntry | null;
}

/** `POST /api/admin/inquiries/:id/contact`: the contact data, shown on purpose; every call is recorded. */
export interface AdminInquiryContactResponse {
  phone: string | null;
  email: string | null;
  /** Who was shown it, last first (this look included). */
  views: Array<{ actor: string; at: string }>;
}

/** `GET` and `PUT /api/admin/calendar`: public holidays (`working: false`) and weekend days worked (`working: true`). */
export interface AdminCalendar {
  days: Array<{ date: string; working: boolean; name: string }>;
}

/** One month of `GET /api/stats`: aggregated counts only, nothing about any one citizen. */
export interface StatsMonth {
  /** `YYYY-MM`, China time. */
  month: string;
  questions: { total: number; corpus: number; faq: number; none: number };
  /** 有帮助 / 没帮助 votes given that month; `rate` = helpful ÷ all votes (null without votes). */
  satisfaction: { helpful: number; notHelpful: number; rate: number | null };
  /** 留言 received that month, how many are replied, how many within the deadline, and the median reply time. */
  inquiries: { received: number; replied: number; repliedOnTime: number; medianReplyHours: number | null };
}

/** `GET /api/stats?months=12` (and the page at `/stats`): the robot's public statistics, newest month first. */
export interface StatsResponse {
  generatedAt: string;
  /** Working days staff have to reply to a 留言. */
  deadlineDays: number;
  /** Days the question log is kept: question counts reach back no further. */
  questionLogDays: number;
  months: StatsMonth[];
}
