// Owns agencies: deriving the agency a report is of (from its title, issuer, sign-off and text), the short forms
// citizens name it by, staff aliases, and finding the agencies a question names. Pure; no runtime imports.
import { normalizeText } from './normalize.js';

/** Administrative units an agency name starts with, longest first (平潭综合实验区, 襄阳市, 硚口区, 渔洋镇). */
const REGION_SUFFIXES = [
  '特别行政区', '自治区', '自治州', '自治县', '综合实验区', '经济技术开发区', '高新技术产业开发区', '高新区', '开发区', '实验区', '新区',
  '地区', '街道', '省', '市', '州', '盟', '县', '区', '旗', '镇', '乡',
];
const REGION = new RegExp(`^(\\p{Script=Han}{2,5}?)(${REGION_SUFFIXES.join('|')})`, 'u');
const LONG_REGION = new RegExp(`^(\\p{Script=Han}{2,8}?)(自治州|自治县|自治区|自治旗)`, 'u');
/** How an agency's name ends: what a citizen's short form (审批局, 卫健委, 政务中心) must end with too. */
const BODY_END = /(委员会|办公室|中心|政府|局|委|厅|办|署|院|所|站|处|会|队|馆|团)$/u;
/** Where an organisation's name ends in running text. */
const ORG_END = /委员会|办公室|服务中心|中心|人民政府|政府|局|委|厅|署/gu;
/** A body that is a phrase of the sentence, not a name (「关于政务公开和政府」「积极配合市政务办做好政府」). */
const NOT_A_BODY = /关于|的|是|在|对|按照|根据|做好|开展|积极|认真|配合|推进|贯彻|落实|[、，,。；：:]/u;
/** Characters that precede a name in running text (是、在、由…): a boundary a place name may start after. */
const BEFORE_NAME = /[\s\d,，。；：:、（(“”"《》]|[是在由向对和与及将把为年月日的以据按经经由请]/u;

const norm = (text: string) => normalizeText(text).replace(/\s+/g, '');

/** What the code needs to know of place names: jieba's place tags (襄阳 ns). */
export interface PlaceLexicon {
  isPlaceName(word: string): boolean;
}

/** An agency as citizens may name it. */
export interface Agency {
  /** The name as the reports give it (襄阳市行政审批局). */
  name: string;
  /** Place names it starts with, without their unit (襄阳; 杭州, 滨江): a question naming one names the agency. */
  roots: string[];
  /** Other names staff gave it (`corpus/aliases.txt`), normalized. */
  aliases: string[];
  /** Documents of the agency, by index. */
  docs: number[];
}

/** The agencies of a site and which agency each document is of. */
export interface AgencyDirectory {
  agencies: Agency[];
  /** For each document, the index of its agency in `agencies`, or -1. */
  byDoc: number[];
}

/** What the derivation reads of a report. */
export interface AgencyEvidence {
  title: string;
  issuer: string | null;
  signoff: string | null;
  /** The report's first paragraphs. */
  text: string;
}

/** Splits an agency name into its regions and the rest: 杭州高新区(滨江)行政服务中心 → [杭州高新区, (滨江)], 行政服务中心. */
export function splitAgencyName(name: string): { regions: string[]; body: string } {
  const regions: string[] = [];
  let rest = name;
  for (let guard = 0; guard < 4; guard++) {
    const bracket = /^[（(]([\p{Script=Han}]{2,6})[)）]/u.exec(rest);
    if (bracket && regions.length > 0) {
      regions.push(bracket[1]!);
      rest = rest.slice(bracket[0].length);
      continue;
    }
    const m = LONG_REGION.exec(rest) ?? REGION.exec(rest);
    if (!m) break;
    // 「达州市和万源市」: a region after the first starts with a place, not with a conjunction.
    if (regions.length > 0 && /^[和与及或的在对由向从为是]/.test(m[1]!)) break;
    regions.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  return { regions, body: rest };
}

/** The place roots of an agency name: each region without its unit (平潭综合实验区 → 平潭; 东区 stays 东区). */
export function agencyRoots(name: string): string[] {
  const { regions } = splitAgencyName(norm(name));
  return regions.map((r) => {
    const m = REGION.exec(r);
    const root = m ? m[1]! : r;
    return root.length >= 2 ? root : r;
  });
}

const hasRegion = (name: string) => splitAgencyName(name).regions.length > 0;

/** The agency a title names: before its year (襄阳市行政审批局2022年…), or after it (2008年度衡阳市政府信息公开…). */
export function agencyInTitle(title: string): string | null {
  const t = title.replace(/\s+/g, '');
  const before = /^(.{2,40}?)(?:\d{4}|[〇零○一二三四五六七八九]{4})年/u.exec(t)?.[1];
  // 「2022年政府信息公开…」 names no agency: 政府 there is part of the report's name.
  const after = /(?:\d{4}|[〇零○一二三四五六七八九]{4})年度?(?!度|(?:政府)?(?:信息公开|政务公开))(.{2,30}?)(?:政府)?(?:信息公开|政务公开|年度报告|工作报告)/u.exec(t)?.[1];
  const pick = (before && /\p{Script=Han}{2}/u.test(before) ? before : after) ?? null;
  if (!pick) return null;
  const cleaned = pick.replace(/^(关于|本|我)/, '').replace(/(关于|的)$/, '');
  return cleaned.length >= 2 ? cleaned : null;
}

/** Whether a name parses as regions then a body that ends as an organisation's does, with no sentence in it. */
function plausibleName(name: string): boolean {
  const { regions, body } = splitAgencyName(name);
  if (regions.length === 0) return false;
  if (!body) return true;
  const inner = body.replace(BODY_END, '');
  return body.length <= 16 && BODY_END.test(body) && !NOT_A_BODY.test(body) && !/局|委|政府|中心/.test(inner);
}

/** One place the text names an organisation: the name (or a bare 市X局 without its city), and how much it counts. */
interface Occurrence {
  name: string;
  bare: boolean;
  place: boolean;
  weight: number;
}

/** Whether an offset is inside 《…》: a document's title names its issuer, not the report's agency. */
function insideTitleMarks(text: string, at: number): boolean {
  const open = text.lastIndexOf('《', at);
  return open !== -1 && text.lastIndexOf('》', at) < open;
}

/** The subject of a sentence starts it, or follows its year (「2022年，市行政审批局认真贯彻…」): it counts thrice. */
function subjectWeight(text: string, at: number): number {
  const before = text.slice(Math.max(0, at - 8), at).replace(/\s+$/, '');
  return before === '' || /[。！？；\n]$|\d{4}年[,，、]?$|年度?[,，]$|^$/.test(before) ? 3 : 1;
}

/**
 * Organisation names in running text (「襄阳市行政审批局积极聚焦…」 → 襄阳市行政审批局), each where it occurs. A name
 * starts at a place the lexicon knows or after a boundary (「严格执行襄阳市…」 gives 襄阳市…, not 执行襄阳市…); a bare
 * name (「市政务服务和大数据管理局」) is kept as such for the caller to place.
 */
function organisationsInText(text: string, places: PlaceLexicon): Occurrence[] {
  const out: Occurrence[] = [];
  for (const m of text.matchAll(ORG_END)) {
    const end = (m.index ?? 0) + m[0].length;
    // A name goes on as a compound (「咸宁市政府公共服务热线」「政府网站」): not the name of an agency here.
    if (/^[\p{Script=Han}]/u.test(text.slice(end)) && /^(?:网站|门户|公共|服务热线|热线|信息|工作|办公厅|官网|部门|系统|机关)/u.test(text.slice(end))) continue;
    const from = Math.max(0, end - 26);
    let start = end;
    while (start > from && /[\p{Script=Han}（）()]/u.test(text[start - 1]!)) start--;
    let best: Occurrence | null = null;
    for (let s = start; s + 3 <= end; s++) {
      if (insideTitleMarks(text, s)) break;
      const name = text.slice(s, end);
      if (!plausibleName(name)) {
        // 「市行政审批局」: a unit then a body, with nothing before it.
        const bare = /^[市县区]/.test(name) && (s === start || /[\d年，,。]/.test(text[s - 1] ?? '')) && !NOT_A_BODY.test(name.slice(1)) && BODY_END.test(name) && name.length >= 4;
        if (bare && !best) best = { name, bare: true, place: false, weight: subjectWeight(text, s) };
        continue;
      }
      const root = agencyRoots(name)[0] ?? '';
      if (places.isPlaceName(root)) {
        best = { name, bare: false, place: true, weight: subjectWeight(text, s) };
        break;
      }
      // 「全市」「各县」「本区」 are not places.
      if (s === start && !/^[全各本该此每次等我其两多]/.test(root)) best ??= { name, bare: false, place: false, weight: subjectWeight(text, s) };
    }
    if (best) out.push(best);
  }
  return out;
}

/**
 * Derives the agency a report is of.
 *
 * @remarks Steps: the title's agency when it names a place (平潭综合实验区2023年…) → a sign-off or issuer that ends with
 * the title's agency (行政服务中心 → 牡丹江市行政服务中心) → the sign-off or issuer when it names a place → the
 * organisation the text names most often → that organisation without a place (市政务服务和大数据管理局) joined to
 * the city the text names. The issuer of a roll-up report (平潭综合实验区管委会办公室) yields to its title.
 */
export function deriveAgency(evidence: AgencyEvidence, places: PlaceLexicon): string | null {
  const title = agencyInTitle(evidence.title);
  const named = [evidence.signoff, evidence.issuer].map((n) => (n ? norm(n).replace(/\d.*$/, '') : '')).filter((n) => n.length >= 2);
  if (title && hasRegion(title)) return title;
  if (title) {
    const longer = named.find((n) => n.endsWith(title) && hasRegion(n));
    if (longer) return longer;
  }
  const withRegion = named.find(hasRegion);
  if (withRegion) return withRegion;
  // The text: the organisation it names most (as a sentence's subject thrice), a bare one placed in its city.
  const occurrences = organisationsInText(evidence.text, places);
  const full = occurrences.filter((o) => !o.bare);
  const scores = new Map<string, { score: number; place: boolean }>();
  for (const o of occurrences) {
    let name = o.name;
    let place = o.place;
    if (o.bare) {
      const body = o.name.slice(1);
      const placed = full.find((f) => splitAgencyName(f.name).body === body);
      if (placed) {
        name = placed.name;
        place = true;
      } else {
        const unit = o.name[0]!;
        const city = [...evidence.text.matchAll(new RegExp(`(\\p{Script=Han}{2,4}?)${unit}`, 'gu'))].map((m) => m[1]!).find((r) => places.isPlaceName(r));
        if (!city) continue;
        name = `${city}${o.name}`;
        place = true;
      }
    }
    const seen = scores.get(name);
    scores.set(name, { score: (seen?.score ?? 0) + o.weight, place: (seen?.place ?? false) || place });
  }
  const ranked = [...scores].sort((a, b) => b[1].score - a[1].score || Number(b[1].place) - Number(a[1].place) || b[0].length - a[0].length);
  if (ranked[0]) return ranked[0][0];
  return title ?? named[0] ?? null;
}

/**
 * Parses `corpus/aliases.txt`: one agency a line, its name first, then the other names citizens use, separated by
 * spaces (`牡丹江市行政服务中心 市政务大厅 牡丹江政务中心`); `#` starts a comment.
 *
 * @throws Error naming the line when it gives a name and no alias.
 */
export function parseAliases(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const [name, ...aliases] = line.split(/[\s,，、]+/).filter(Boolean);
    if (!name || aliases.length === 0) throw new Error(`aliases line ${i + 1}: give the agency's name, then at least one other name: ${raw}`);
    out.set(norm(name), [...(out.get(norm(name)) ?? []), ...aliases.map(norm)]);
  });
  return out;
}

/** Groups documents by agency; staff aliases attach to the agency of that name. */
export function createAgencyDirectory(agencyOfDoc: Array<string | null>, aliases: ReadonlyMap<string, string[]> = new Map()): AgencyDirectory {
  const agencies: Agency[] = [];
  const index = new Map<string, number>();
  const byDoc = agencyOfDoc.map((name, doc) => {
    if (!name) return -1;
    const key = norm(name);
    let at = index.get(key);
    if (at === undefined) {
      at = agencies.length;
      index.set(key, at);
      agencies.push({ name, roots: agencyRoots(name), aliases: aliases.get(key) ?? [], docs: [] });
    }
    agencies[at]!.docs.push(doc);
    return at;
  });
  return { agencies, byDoc };
}

/** Where a question names an agency, and which agencies it may mean. */
export interface AgencyMention {
  start: number;
  end: number;
  text: string;
  /** Agencies of the site it fits, best first; empty when the site has none of that name. */
  agencies: number[];
}

/** Whether `short` is an ordered subsequence of `long` that ends where `long` ends (审批局 of 行政审批局). */
function abbreviates(short: string, long: string): boolean {
  if (!short || short[short.length - 1] !== long[long.length - 1]) return false;
  let k = 0;
  for (const ch of long) if (ch === short[k]) k++;
  return k === short.length;
}

/** The longest stretch of `q` from `from` whose characters appear in order in `tail`, ending at a unit or body end. */
function extendMention(q: string, from: number, tail: string): number {
  let best = from;
  let k = 0;
  for (let i = from; i < q.length; i++) {
    const at = tail.indexOf(q[i]!, k);
    if (at === -1) break;
    k = at + 1;
    const upTo = tail.slice(0, k);
    // A stopping point: the end of a unit (市, 实验区) or of the whole name (…审批局).
    if (k === tail.length || REGION_SUFFIXES.some((s) => upTo.endsWith(s)) || BODY_END.test(upTo)) best = i + 1;
  }
  return best;
}

/** What mention finding needs of an agency, derived from it once: its normalized name, roots with the rest of the name. */
interface MentionForms {
  name: string;
  roots: Array<{ root: string; tail: string }>;
  /** The body a short form may abbreviate (行政审批局), or null when it has none that ends as a body does. */
  body: string | null;
}

const mentionForms = new WeakMap<Agency, MentionForms>();

function formsOf(agency: Agency): MentionForms {
  let forms = mentionForms.get(agency);
  if (!forms) {
    const name = norm(agency.name);
    const body = splitAgencyName(name).body;
    forms = {
      name,
      roots: agency.roots.map((root) => ({ root, tail: name.slice(name.indexOf(root) + root.length) })),
      body: body.length >= 2 && BODY_END.test(body) ? body : null,
    };
    mentionForms.set(agency, forms);
  }
  return forms;
}

/** A directory's agencies by the first character of each name they may be named by, and its bodies by last character. */
interface MentionIndex {
  agencies: MentionForms[];
  named: Map<string, number[]>;
  bodiesByLast: Map<string, Array<{ body: string; agencies: number[] }>>;
}

const mentionIndexes = new WeakMap<AgencyDirectory, MentionIndex>();

/**
 * The directory's mention index, built on first use (a directory is made once per engine and not changed after).
 *
 * @remarks At 2,000 reports a question was checked against every agency's name, roots and body, normalizing each
 * name again: two thirds of an answer's time. With the index it costs the agencies whose names share a first
 * character with the question, and each distinct body once.
 */
function mentionIndex(directory: AgencyDirectory): MentionIndex {
  let found = mentionIndexes.get(directory);
  if (found) return found;
  const agencies = directory.agencies.map(formsOf);
  const named = new Map<string, number[]>();
  const bodies = new Map<string, number[]>();
  agencies.forEach((forms, a) => {
    const firsts = new Set<string>();
    for (const text of [...directory.agencies[a]!.aliases, forms.name, ...forms.roots.map((r) => r.root)]) {
      if (text) firsts.add(String.fromCodePoint(text.codePointAt(0)!));
    }
    for (const first of firsts) {
      const list = named.get(first);
      if (list) list.push(a);
      else named.set(first, [a]);
    }
    if (forms.body) {
      const list = bodies.get(forms.body);
      if (list) list.push(a);
      else bodies.set(forms.body, [a]);
    }
  });
  const bodiesByLast = new Map<string, Array<{ body: string; agencies: number[] }>>();
  for (const [body, list] of bodies) {
    const last = body[body.length - 1]!;
    const entry = { body, agencies: list };
    const byLast = bodiesByLast.get(last);
    if (byLast) byLast.push(entry);
    else bodiesByLast.set(last, [entry]);
  }
  found = { agencies, named, bodiesByLast };
  mentionIndexes.set(directory, found);
  return found;
}

/**
 * Finds the agencies a normalized question names.
 *
 * @remarks A mention is a place root of an agency (平潭), extended by what follows it as long as those characters
 * appear in order in the rest of the name (平潭实验区, 平潭地税局 for 平潭综合实验区地方税务局, 襄阳审批局), or an
 * abbreviation of an agency's body that ends as the body does (审批局, 卫健委, 政务中心), or a staff alias. At one
 * place the longest mention wins and names every agency it fits. A body abbreviation right after a place the site
 * has no such agency of (「栖霞审批局」, 「平潭教育局」) names an agency the site does not have: its `agencies` is empty.
 */
export function findAgencyMentions(question: string, directory: AgencyDirectory, places: PlaceLexicon): AgencyMention[] {
  const q = question;
  const found: AgencyMention[] = [];
  // By span: a body every city's agency has (住房和城乡建设局) puts hundreds of agencies on one span.
  const spans = new Map<number, { mention: AgencyMention; agencies: Set<number> }>();
  const add = (start: number, end: number, agency: number) => {
    if (end - start < 2) return;
    const key = start * 65536 + end;
    const same = spans.get(key);
    if (same) {
      if (!same.agencies.has(agency)) {
        same.agencies.add(agency);
        same.mention.agencies.push(agency);
      }
      return;
    }
    const mention = { start, end, text: q.slice(start, end), agencies: [agency] };
    found.push(mention);
    spans.set(key, { mention, agencies: new Set([agency]) });
  };
  const { named, agencies: prepared, bodiesByLast } = mentionIndex(directory);
  // Only agencies with a name, alias or root starting with one of the question's characters can be named by it.
  const candidates = new Set<number>();
  for (const ch of q) for (const a of named.get(ch) ?? []) candidates.add(a);
  for (const a of candidates) {
    const agency = directory.agencies[a]!;
    const { name, roots } = prepared[a]!;
    for (const alias of agency.aliases) for (let at = q.indexOf(alias); at !== -1; at = q.indexOf(alias, at + 1)) add(at, at + alias.length, a);
    for (let at = q.indexOf(name); at !== -1; at = q.indexOf(name, at + 1)) add(at, at + name.length, a);
    for (const { root, tail } of roots) {
      for (let at = q.indexOf(root); at !== -1; at = q.indexOf(root, at + 1)) add(at, extendMention(q, at + root.length, tail), a);
    }
  }
  // Body-only short forms: 审批局 for 行政审批局, 政务中心 for 政务服务中心. Agencies of one body (every city's
  // 住房和城乡建设局) share its spans: each distinct body is looked for once.
  const lasts = new Set<string>();
  for (const ch of q) lasts.add(ch);
  for (const last of lasts) {
    for (const { body, agencies } of bodiesByLast.get(last) ?? []) {
      for (let end = q.indexOf(last); end !== -1; end = q.indexOf(last, end + 1)) {
        for (let start = Math.max(0, end - body.length + 1); start <= end - 1; start++) {
          const short = q.slice(start, end + 1);
          if ((short.length >= 3 || short === body) && abbreviates(short, body)) {
            for (const a of agencies) add(start, end + 1, a);
            break;
          }
        }
      }
    }
  }
  // Longest first; a mention inside a longer one gives way. Among mentions of one span, the agencies whose names the
  // mention covers most closely come first (平潭 names 平潭综合实验区 before 平潭综合实验区地方税务局).
  found.sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start);
  const kept: AgencyMention[] = [];
  for (const m of found) {
    if (kept.some((k) => k.start <= m.start && m.end <= k.end)) continue;
    if (kept.some((k) => k.start < m.end && m.start < k.end)) continue;
    m.agencies.sort((x, y) => prepared[x]!.name.length - prepared[y]!.name.length || x - y);
    kept.push(m);
  }
  // A place right before a body-only mention that does not name one of its agencies: another agency of that name.
  for (const m of kept) {
    const before = q.slice(Math.max(0, m.start - 6), m.start);
    const adjacent = kept.find((k) => k.end === m.start);
    const place = trailingPlace(before, places);
    const bodyOnly = m.agencies.every((a) => !directory.agencies[a]!.roots.some((r) => m.text.includes(r)));
    if (!bodyOnly) continue;
    if (adjacent) {
      const joint = adjacent.agencies.filter((a) => m.agencies.includes(a));
      if (joint.length === 0) {
        adjacent.end = m.end;
        adjacent.text = q.slice(adjacent.start, m.end);
        adjacent.agencies = [];
        m.agencies = [];
        m.start = m.end;
      }
    } else if (place) {
      m.start -= place.length;
      m.text = q.slice(m.start, m.end);
      m.agencies = [];
    }
  }
  return kept.filter((m) => m.end > m.start).sort((x, y) => x.start - y.start);
}

/** A place name (or place with its unit) that ends a piece of text: 「南京栖霞」 → 栖霞, 「大足区」 → 大足区. */
function trailingPlace(text: string, places: PlaceLexicon): string | null {
  for (let len = Math.min(6, text.length); len >= 2; len--) {
    const piece = text.slice(text.length - len);
    if (!/^\p{Script=Han}+$/u.test(piece)) continue;
    if (places.isPlaceName(piece)) return piece;
    const unit = REGION_SUFFIXES.find((s) => piece.endsWith(s));
    if (unit && piece.length - unit.length >= 2 && places.isPlaceName(piece.slice(0, piece.length - unit.length))) return piece;
  }
  return null;
}
