// /favicon.ico, which every browser asks for, through the real app.
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/corpus.js';

describe('GET /favicon.ico', () => {
  it('answers 204 with nothing, not a 404 error, when the site has no icon of its own', async () => {
    const res = await testApp().request('/favicon.ico');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it("serves the site's own icon when its assets have one", async () => {
    const icon = new Uint8Array([0, 0, 1, 0]);
    const assets = async (path: string) => (path === '/favicon.ico' ? new Response(icon, { headers: { 'Content-Type': 'image/x-icon' } }) : null);
    const res = await testApp(undefined, { assets }).request('/favicon.ico');
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(icon);
  });
});
