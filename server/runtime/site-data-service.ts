// Owns changing the site data on Node: the effective files and the corpus's agencies for the console, saving and
// removing DATA_DIR overlays one change at a time, recording each in the audit log, and making the next question use
// the change (the runtime's `apply` swaps in an engine over the same index, no rebuild, no restart).
import type { AdminAgency, AdminSiteDataResponse } from '../contract.js';
import { normalizeText } from '../core/normalize.js';
import type { AgencyDirectory, PlaceLexicon } from '../core/agencies.js';
import type { QaEngine } from '../core/engine.js';
import { agencyFormsReader, type AgencyForms } from '../core/site-data.js';
import type { SettingsKind, Store } from '../core/store.js';
import { parseAliases } from '../core/agencies.js';
import type { SiteDataChange, SiteDataService } from '../http/settings-routes.js';
import { readEffectiveFile, readEffectiveSiteData, removeSiteDataFile, siteOverlayOf, writeSiteDataFile } from './site-data-files.js';

export interface SiteDataServiceOptions {
  /** The shipped corpus (CORPUS_DIR), never written. */
  corpusDir: string;
  /** DATA_DIR: overlays go to its `site-data/` folder. */
  dataDir: string;
  /** Where changes are audited. */
  store: Store;
  /** The engine answering now (its index and agencies). */
  engine: () => QaEngine;
  /** Place names, for the agencies' short forms (the segmentation dictionary). */
  places: PlaceLexicon;
  /** Re-reads the site data and makes every later question use it. Throws when the files cannot be read. */
  apply: () => void;
  /** The clock, for tests. */
  now?: () => Date;
}

/** How long reading the agencies' short forms may hold the event loop before it lets other requests run, in ms. */
const FORMS_SLICE_MS = 8;

/**
 * The agencies with their short forms, yielding to the event loop every {@link FORMS_SLICE_MS} ms: a site of
 * hundreds of agencies takes a second or more (bench/site-data.ts), and citizens' questions are answered meanwhile.
 */
async function readAgencyForms(directory: AgencyDirectory, places: PlaceLexicon): Promise<AgencyForms[]> {
  const read = agencyFormsReader(directory, places);
  const out: AgencyForms[] = [];
  let slice = Date.now();
  for (let a = 0; a < directory.agencies.length; a++) {
    if (Date.now() - slice >= FORMS_SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      slice = Date.now();
    }
    out.push(read(a));
  }
  return out;
}

/** How many changes the settings page lists. */
export const SITE_DATA_HISTORY = 20;

/** The site data service over DATA_DIR and the audit log. */
export function createSiteDataService(options: SiteDataServiceOptions): SiteDataService {
  const { corpusDir, dataDir, store } = options;
  const now = options.now ?? (() => new Date());
  let queue: Promise<unknown> = Promise.resolve();
  const formsCache = new WeakMap<AgencyDirectory, AgencyForms[]>();
  /** One change at a time: each audit record's `before` is what the previous change left. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const overlayText = (kind: SettingsKind): string | null => {
    const file = readEffectiveFile(kind, corpusDir, dataDir);
    return file.source === 'data' ? file.text : null;
  };

  async function state(): Promise<AdminSiteDataResponse> {
    const engine = options.engine();
    const docs = engine.index.documents;
    // The forms depend only on the engine's agencies (a new engine comes with every change): computed once per engine.
    let forms = formsCache.get(engine.agencies);
    if (!forms) {
      forms = await readAgencyForms(engine.agencies, options.places);
      formsCache.set(engine.agencies, forms);
    }
    const agencies: AdminAgency[] = forms.map((a) => ({
      name: a.name,
      shortForms: a.shortForms,
      aliases: a.aliases,
      reports: a.docs.map((d) => ({ slug: docs[d]!.slug, title: docs[d]!.title, year: docs[d]!.year })),
    }));
    const aliases = readEffectiveFile('aliases', corpusDir, dataDir);
    const synonyms = readEffectiveFile('synonyms', corpusDir, dataDir);
    const siteFile = readEffectiveFile('site', corpusDir, dataDir);
    const site = siteOverlayOf(readEffectiveSiteData(corpusDir, dataDir), '政府网站');
    const known = new Set(agencies.map((a) => normalizeText(a.name).replace(/\s+/g, '')));
    const warnings = [...parseAliases(aliases.text).keys()]
      .filter((name) => !known.has(name))
      .map((name) => `别名表中的「${name}」不是任何已发布报告的机构：请核对名称（应与下方机构列表中的名称一致）`);
    if (site.agency && !known.has(normalizeText(site.agency).replace(/\s+/g, ''))) {
      warnings.push(`本站机构「${site.agency}」不是任何已发布报告的机构：请从下方机构列表中选择`);
    }
    const history = (await store.listSettingsAudit({ limit: SITE_DATA_HISTORY })).map((r) => ({ ...r }));
    return {
      aliases: { text: aliases.text, source: aliases.source, updatedAt: aliases.updatedAt },
      synonyms: { text: synonyms.text, source: synonyms.source, updatedAt: synonyms.updatedAt },
      site: { ...site, source: siteFile.source, updatedAt: siteFile.updatedAt },
      agencies,
      warnings,
      history,
    };
  }

  /** Writes (or removes) an overlay and applies it; puts the previous overlay back when applying fails. */
  function replaceOverlay(kind: SettingsKind, text: string | null): void {
    const previous = overlayText(kind);
    if (text === null) removeSiteDataFile(dataDir, kind);
    else writeSiteDataFile(dataDir, kind, text);
    try {
      options.apply();
    } catch (error) {
      if (previous === null) removeSiteDataFile(dataDir, kind);
      else writeSiteDataFile(dataDir, kind, previous);
      options.apply();
      throw error;
    }
  }

  return {
    state,
    save: (change: SiteDataChange, actor: string) =>
      serial(async () => {
        const before = overlayText(change.kind);
        const after = change.kind === 'site' ? `${JSON.stringify(change.site, null, 2)}\n` : change.text;
        replaceOverlay(change.kind, after);
        await store.recordSettingsChange({ at: now().toISOString(), actor, action: 'update', kind: change.kind, before, after });
        return state();
      }),
    reset: (kind: SettingsKind, actor: string) =>
      serial(async () => {
        const before = overlayText(kind);
        if (before === null) return null;
        replaceOverlay(kind, null);
        await store.recordSettingsChange({ at: now().toISOString(), actor, action: 'delete', kind, before, after: null });
        return state();
      }),
  };
}
