// Owns the staff API for the site data (/api/admin/settings): agency aliases, synonyms and the site's own settings,
// read and changed through a SiteDataService the runtime provides (Node); without one (Workers) every route answers
// 501 naming how to change them there. Runtime-neutral (hono only).
import type { Context, Hono } from 'hono';
import type { AdminSiteDataResponse } from '../contract.js';
import { checkAliasesText, checkSiteInput, checkSynonymsText, describeSiteFields, MAX_SITE_DATA_BODY_BYTES, type SiteOverlay } from '../core/site-data.js';
import type { SettingsKind } from '../core/store.js';
import { actorOf } from './staff-request.js';
import type { AppDeps } from './app.js';
import { ApiError } from './errors.js';
import { readJsonObject } from './validate.js';

/** A change to the site data, checked. */
export type SiteDataChange = { kind: 'aliases' | 'synonyms'; text: string } | { kind: 'site'; site: SiteOverlay };

/** The site data operations; Node implements them (server/runtime/site-data-service.ts). */
export interface SiteDataService {
  /** Everything the console's 站点设置 page shows. */
  state(): Promise<AdminSiteDataResponse>;
  /** Saves a change into DATA_DIR, records it in the audit log and makes the next question use it. */
  save(change: SiteDataChange, actor: string): Promise<AdminSiteDataResponse>;
  /** Removes the staff's overlay of `kind` (the shipped file is in effect again), audited; false when there was none. */
  reset(kind: SettingsKind, actor: string): Promise<AdminSiteDataResponse | null>;
}

/** What staff read on Workers instead of the settings page. */
export const WORKERS_SITE_DATA_NOTE =
  'On Cloudflare Workers the site data is part of the deployed bundle: edit corpus/aliases.txt, corpus/synonyms.txt or ' +
  'corpus/site.json and run `npm run deploy` (or let CI do it), or edit them from the console of a Node server.';

const KINDS: readonly SettingsKind[] = ['aliases', 'synonyms', 'site'];

function kindOf(c: Context): SettingsKind {
  const kind = c.req.param('kind') as SettingsKind;
  if (!KINDS.includes(kind)) throw new ApiError(404, 'not_found', `no site data named ${JSON.stringify(kind)}: use aliases, synonyms or site`);
  return kind;
}

/**
 * The site data routes. Register after the staff API's extension, whose guard covers every /api/admin/* route (the
 * token is checked before a byte of the body is read; the body limit is {@link MAX_SITE_DATA_BODY_BYTES}, see
 * STAFF_BODY_LIMITS).
 *
 * @param service - null on runtimes that cannot change the site data (Workers): every route answers 501.
 */
export function settingsRoutes(service: SiteDataService | null) {
  return (app: Hono, _deps: AppDeps): void => {
    const unsupported = () => {
      throw new ApiError(501, 'not_supported_on_workers', WORKERS_SITE_DATA_NOTE);
    };

    app.get('/api/admin/settings', async (c) => {
      if (!service) return unsupported();
      return c.json(await service.state());
    });

    app.put('/api/admin/settings/:kind', async (c) => {
      if (!service) return unsupported();
      const kind = kindOf(c);
      const body = await readJsonObject(c, MAX_SITE_DATA_BODY_BYTES);
      let change: SiteDataChange;
      if (kind === 'site') {
        const checked = checkSiteInput(body);
        if (!checked.ok) {
          return c.json({ error: { code: 'invalid_site', message: describeSiteFields(checked.fields), fields: checked.fields } }, 400);
        }
        change = { kind, site: checked.site };
      } else {
        const extra = Object.keys(body).filter((k) => k !== 'text');
        if (extra.length > 0) throw new ApiError(400, 'invalid_body', `send only "text" (the whole file), not ${extra.map((k) => `"${k}"`).join(', ')}`);
        const checked = kind === 'aliases' ? checkAliasesText(body.text) : checkSynonymsText(body.text);
        if (!checked.ok) throw new ApiError(checked.code === 'text_too_large' ? 413 : 400, checked.code, checked.message);
        change = { kind, text: checked.text };
      }
      return c.json(await service.save(change, actorOf(c)));
    });

    app.delete('/api/admin/settings/:kind', async (c) => {
      if (!service) return unsupported();
      const kind = kindOf(c);
      const state = await service.reset(kind, actorOf(c));
      if (!state) throw new ApiError(404, 'not_found', `the ${kind} file has no staff changes: the shipped file is already in effect`);
      return c.json(state);
    });
  };
}
