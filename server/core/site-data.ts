// Owns the site data staff edit beside the reports — agency aliases, synonyms and the site's own settings (name,
// agency, contacts) — checked into what the engine reads, and the agency list staff see (each agency with the short
// forms the robot recognizes). Pure; no runtime imports.
import type { ContactPoint } from '../contract.js';
import { createAgencyDirectory, findAgencyMentions, parseAliases, splitAgencyName, type AgencyDirectory, type PlaceLexicon } from './agencies.js';
import { normalizeText } from './normalize.js';
import { parseSynonyms } from './synonyms.js';
import { safeHttpUrl } from './url.js';

/** Largest aliases or synonyms text, in UTF-8 bytes: a real list is a few kilobytes. */
export const MAX_SITE_TEXT_BYTES = 64 * 1024;
/** Largest request body of a site data change: the text at its limit with every character JSON-escaped, plus room. */
export const MAX_SITE_DATA_BODY_BYTES = MAX_SITE_TEXT_BYTES * 6 + 1024;
/** Most lines with content in an aliases or synonyms text. */
export const MAX_SITE_TEXT_LINES = 2000;
/** Most words on one line (an agency and its aliases, or one synonym group). */
export const MAX_WORDS_PER_LINE = 40;
/** Longest word (agency name, alias, synonym), in characters. */
export const MAX_WORD_CHARS = 40;
/** Most site contacts; the "I don't know" reply names the first three. */
export const MAX_SITE_CONTACTS = 10;
/** Longest site name or agency name, in characters. */
export const MAX_NAME_CHARS = 60;
/** Longest contact label, address or opening hours, in characters. */
export const MAX_CONTACT_FIELD_CHARS = 120;

/** What staff can set of the site (the overlay of `site.json`'s `siteName`, `agency` and `contacts`). */
export interface SiteOverlay {
  siteName: string;
  /** The site's own agency, as its reports name it; null: the agency of the default report. */
  agency: string | null;
  /** Where citizens ask instead; empty: the phone numbers of the site's own reports. */
  contacts: ContactPoint[];
}

/** A checked text, or what is wrong with it (naming the line). */
export type TextCheck = { ok: true; text: string; lines: number } | { ok: false; code: string; message: string };

/** A checked site overlay, or its wrong fields (field → message). */
export type SiteCheck = { ok: true; site: SiteOverlay } | { ok: false; fields: Record<string, string> };

const chars = (text: string) => Array.from(text).length;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The bounds every list text shares: size, lines, words per line, word length, no control characters. */
function checkListText(text: unknown, what: string, split: RegExp): TextCheck {
  if (typeof text !== 'string') return { ok: false, code: `invalid_${what}`, message: `"text" must be the ${what} file's text (a string)` };
  if (new TextEncoder().encode(text).length > MAX_SITE_TEXT_BYTES) {
    return { ok: false, code: 'text_too_large', message: `the ${what} text is larger than ${MAX_SITE_TEXT_BYTES / 1024} KiB: keep only real entries` };
  }
  if (CONTROL.test(text)) return { ok: false, code: `invalid_${what}`, message: `the ${what} text holds control characters: paste plain text` };
  const lines = text.split(/\r?\n/);
  let content = 0;
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    content++;
    const words = line.split(split).filter(Boolean);
    if (words.length > MAX_WORDS_PER_LINE) {
      return { ok: false, code: `invalid_${what}`, message: `${what} line ${i + 1}: more than ${MAX_WORDS_PER_LINE} words; split it` };
    }
    const long = words.find((w) => chars(w) > MAX_WORD_CHARS);
    if (long) return { ok: false, code: `invalid_${what}`, message: `${what} line ${i + 1}: 「${long.slice(0, 20)}…」 is longer than ${MAX_WORD_CHARS} characters` };
  }
  if (content > MAX_SITE_TEXT_LINES) {
    return { ok: false, code: 'text_too_large', message: `the ${what} text has more than ${MAX_SITE_TEXT_LINES} lines` };
  }
  return { ok: true, text: text.endsWith('\n') || text === '' ? text : `${text}\n`, lines: content };
}

/**
 * Checks an aliases text (`corpus/aliases.txt` format, see {@link parseAliases}): bounded, and every line an agency's
 * name followed by at least one other name of two or more characters.
 */
export function checkAliasesText(text: unknown): TextCheck {
  const bounded = checkListText(text, 'aliases', /[\s,，、]+/);
  if (!bounded.ok) return bounded;
  let parsed: Map<string, string[]>;
  try {
    parsed = parseAliases(bounded.text);
  } catch (error) {
    return { ok: false, code: 'invalid_aliases', message: (error as Error).message };
  }
  for (const [name, aliases] of parsed) {
    const short = aliases.find((a) => chars(a) < 2);
    if (short) return { ok: false, code: 'invalid_aliases', message: `「${short}」 (an alias of ${name}) is one character: an alias needs at least two` };
  }
  return bounded;
}

/** Checks a synonyms text (`corpus/synonyms.txt` format, see {@link parseSynonyms}): bounded, every group two words or more. */
export function checkSynonymsText(text: unknown): TextCheck {
  const bounded = checkListText(text, 'synonyms', /[\s,，~、]+/);
  if (!bounded.ok) return bounded;
  try {
    parseSynonyms(bounded.text, normalizeText);
  } catch (error) {
    return { ok: false, code: 'invalid_synonyms', message: (error as Error).message };
  }
  return bounded;
}

/** Whether a text is a phone number a citizen can dial: digits (5 to 20) with the separators numbers are written with. */
export function isPhoneNumber(text: string): boolean {
  const digits = text.replace(/\D/g, '').length;
  return /^[\d\s+()（）\-—–－转]+$/.test(text) && digits >= 5 && digits <= 20;
}

function optionalText(value: unknown, field: string, fields: Record<string, string>, max: number): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    fields[field] = 'must be text';
    return undefined;
  }
  const text = value.trim();
  if (chars(text) > max) fields[field] = `must be at most ${max} characters`;
  else if (CONTROL.test(text)) fields[field] = 'holds control characters';
  return text || undefined;
}

/**
 * Checks what staff send for the site: `siteName` (required, ≤ 60 characters), `agency` (≤ 60, empty for "the
 * default report's"), `contacts` (≤ 10; each a `label` and a `phone` number, optionally `address`, `hours` and an
 * http(s) `web` address). Every wrong field is named.
 */
export function checkSiteInput(body: Record<string, unknown>): SiteCheck {
  const fields: Record<string, string> = {};
  const known = new Set(['siteName', 'agency', 'contacts']);
  for (const key of Object.keys(body)) if (!known.has(key)) fields[key] = 'is not a site setting (siteName, agency, contacts)';
  const siteName = optionalText(body.siteName, 'siteName', fields, MAX_NAME_CHARS);
  if (!siteName && !fields.siteName) fields.siteName = 'is required';
  const agency = optionalText(body.agency, 'agency', fields, MAX_NAME_CHARS) ?? null;
  const contacts: ContactPoint[] = [];
  const raw = body.contacts ?? [];
  if (!Array.isArray(raw)) fields.contacts = 'must be a list';
  else if (raw.length > MAX_SITE_CONTACTS) fields.contacts = `at most ${MAX_SITE_CONTACTS} contacts`;
  else {
    raw.forEach((item: unknown, i) => {
      const at = `contacts[${i}]`;
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        fields[at] = 'must be an object with label and phone';
        return;
      }
      const c = item as Record<string, unknown>;
      for (const key of Object.keys(c)) if (!['label', 'phone', 'address', 'hours', 'web'].includes(key)) fields[`${at}.${key}`] = 'is not a contact field';
      const label = optionalText(c.label, `${at}.label`, fields, MAX_CONTACT_FIELD_CHARS);
      const phone = optionalText(c.phone, `${at}.phone`, fields, 40);
      const address = optionalText(c.address, `${at}.address`, fields, MAX_CONTACT_FIELD_CHARS);
      const hours = optionalText(c.hours, `${at}.hours`, fields, MAX_CONTACT_FIELD_CHARS);
      const webText = optionalText(c.web, `${at}.web`, fields, 300);
      if (!label && !fields[`${at}.label`]) fields[`${at}.label`] = 'is required (what the number reaches: 政务服务咨询电话)';
      if (!phone && !fields[`${at}.phone`]) fields[`${at}.phone`] = 'is required';
      else if (phone && !isPhoneNumber(phone)) fields[`${at}.phone`] = 'must be a phone number (digits, -, spaces; 5 to 20 digits)';
      const web = webText ? safeHttpUrl(webText) : null;
      if (webText && !web) fields[`${at}.web`] = 'must be an http:// or https:// address';
      if (label && phone) contacts.push({ label, phone, ...(address ? { address } : {}), ...(hours ? { hours } : {}), ...(web ? { web } : {}) });
    });
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, site: { siteName: siteName!, agency, contacts } };
}

/** Says every wrong field in one sentence (the error's message). */
export function describeSiteFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([field, problem]) => `"${field}" ${problem}`)
    .join('; ');
}

/** An agency of the corpus as staff see it. */
export interface AgencyForms {
  name: string;
  /** Short forms the robot takes for this agency in a question (牡丹江, 政务中心, 牡丹江行政服务中心…), checked. */
  shortForms: string[];
  /** The staff aliases it has. */
  aliases: string[];
  /** Documents of the agency, by index. */
  docs: number[];
}

/** How an agency's body ends (局, 中心, 委员会): kept in every short form of the body. */
const BODY_TAIL = /(委员会|办公室|中心|政府|局|委|厅|办|署|院|所|站|处|会|队|馆|团)$/u;

/** Short forms to try for a body: the end kept, any of the two-character pieces before it (行政审批局 → 审批局). */
function bodyForms(body: string): string[] {
  const tail = BODY_TAIL.exec(body)?.[1];
  if (!tail) return [body];
  const head = body.slice(0, body.length - tail.length);
  const pieces: string[] = [];
  for (let i = 0; i < head.length; i += 2) pieces.push(head.slice(i, i + 2));
  if (pieces.length > 5) return [body];
  const out: string[] = [];
  for (let mask = (1 << pieces.length) - 1; mask >= 1; mask--) {
    out.push(`${pieces.filter((_, i) => mask & (1 << i)).join('')}${tail}`);
  }
  return out;
}

/** What the candidate filter knows of an agency: its normalized names and how its body ends. */
interface AgencyKeys {
  words: string[];
  body: string;
}

/** The filter's view of a site's agencies, with each agency filed under the character pairs a mention of it holds. */
interface AgencyFilter {
  keys: AgencyKeys[];
  /** Pair → agencies: the first two characters of a name, root or alias; a body character before the body's last, then the last. */
  byPair: Map<string, number[]>;
}

function filterOf(directory: AgencyDirectory): AgencyFilter {
  const byPair = new Map<string, number[]>();
  const file = (pair: string, a: number) => {
    const list = byPair.get(pair);
    if (!list) byPair.set(pair, [a]);
    else if (list[list.length - 1] !== a) list.push(a);
  };
  const keys = directory.agencies.map((agency, a) => {
    const name = normalizeText(agency.name).replace(/\s+/g, '');
    const words = [name, ...agency.roots, ...agency.aliases].filter((w) => w.length >= 2);
    const body = splitAgencyName(name).body;
    for (const w of words) file(w.slice(0, 2), a);
    const last = body[body.length - 1];
    if (last) for (const ch of new Set(body.slice(0, -1))) file(`${ch}${last}`, a);
    return { words, body };
  });
  return { keys, byPair };
}

/** The agencies that could be named anywhere in `text`: those filed under one of its character pairs, checked. */
function agenciesNamedIn(text: string, filter: AgencyFilter): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 1 < text.length; i++) {
    for (const a of filter.byPair.get(text.slice(i, i + 2)) ?? []) if (!out.has(a) && mayBeNamedIn(text, filter.keys[a]!)) out.add(a);
  }
  return out;
}

/** Whether `short` is an ordered subsequence of `long` ending as it ends (as the question reader abbreviates a body). */
function abbreviates(short: string, long: string): boolean {
  if (!short || short[short.length - 1] !== long[long.length - 1]) return false;
  let k = 0;
  for (const ch of long) if (ch === short[k]) k++;
  return k === short.length;
}

/** Whether an agency could be named anywhere in `text` (a superset of what findAgencyMentions finds there). */
function mayBeNamedIn(text: string, keys: AgencyKeys): boolean {
  if (keys.words.some((w) => w.length >= 2 && text.includes(w))) return true;
  const last = keys.body[keys.body.length - 1];
  if (!last || keys.body.length < 2) return false;
  for (let end = text.indexOf(last); end !== -1; end = text.indexOf(last, end + 1)) {
    for (let start = 0; start < end; start++) if (abbreviates(text.slice(start, end + 1), keys.body)) return true;
  }
  return false;
}

/**
 * The agencies of a corpus with the short forms a question may name each by: candidates (place roots, the body and
 * its shortenings, root + body) kept only when {@link findAgencyMentions} reads the whole candidate as this agency.
 *
 * @remarks Each candidate is read against the agencies that could be named in it at all (found through the character
 * pairs a mention holds, then checked), not all of them: the work grows with the agencies times their candidates,
 * not with their square.
 */
export function listAgencyForms(directory: AgencyDirectory, places: PlaceLexicon, limit = 12): AgencyForms[] {
  const read = agencyFormsReader(directory, places, limit);
  return directory.agencies.map((_, a) => read(a));
}

/** {@link listAgencyForms} one agency at a time (so a caller can let other work run between agencies). */
export function agencyFormsReader(directory: AgencyDirectory, places: PlaceLexicon, limit = 12): (a: number) => AgencyForms {
  const filter = filterOf(directory);
  return (a) => agencyForms(directory, a, places, limit, filter);
}

/** The short forms to try for an agency: its place roots, its body and the body's shortenings, root + body. */
export function agencyCandidates(agency: Pick<AgencyDirectory['agencies'][number], 'name' | 'roots'>): string[] {
  const name = normalizeText(agency.name).replace(/\s+/g, '');
  const { body } = splitAgencyName(name);
  const bodies = body ? bodyForms(body) : [];
  const candidates = [...agency.roots, ...bodies, ...agency.roots.flatMap((root) => bodies.map((b) => `${root}${b}`))];
  return [...new Set(candidates)].filter((c) => c !== name && chars(c) >= 2);
}

/** One agency's entry of {@link listAgencyForms}. */
function agencyForms(directory: AgencyDirectory, a: number, places: PlaceLexicon, limit: number, filter: AgencyFilter): AgencyForms {
  const agency = directory.agencies[a]!;
  const forms: string[] = [];
  for (const candidate of agencyCandidates(agency)) {
    const named = agenciesNamedIn(candidate, filter);
    named.add(a);
    const near = [...named].sort((x, y) => x - y);
    const sub: AgencyDirectory = { agencies: near.map((i) => directory.agencies[i]!), byDoc: [] };
    const mentions = findAgencyMentions(candidate, sub, places);
    const whole = mentions.length === 1 && mentions[0]!.start === 0 && mentions[0]!.end === candidate.length;
    if (whole && near[mentions[0]!.agencies[0]!] === a) forms.push(candidate);
    if (forms.length >= limit) break;
  }
  return { name: agency.name, shortForms: forms, aliases: [...agency.aliases], docs: [...agency.docs] };
}

/**
 * The short forms of an agency among a site's agencies (a report staff are about to publish), and whether the site
 * already has reports of it.
 */
export function describeNewAgency(
  agency: string | null,
  siteAgencies: ReadonlyArray<string | null>,
  aliases: ReadonlyMap<string, string[]>,
  places: PlaceLexicon,
): { shortForms: string[]; known: boolean } {
  if (!agency) return { shortForms: [], known: false };
  const key = normalizeText(agency).replace(/\s+/g, '');
  const known = siteAgencies.some((a) => a !== null && normalizeText(a).replace(/\s+/g, '') === key);
  const directory = createAgencyDirectory([...siteAgencies, agency], aliases);
  const at = directory.byDoc[siteAgencies.length]!;
  return { shortForms: agencyFormsReader(directory, places)(at).shortForms, known };
}
