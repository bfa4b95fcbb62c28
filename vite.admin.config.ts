// Builds the staff console: widget/admin/index.html → dist/public/admin/index.html with hashed JS and CSS files under
// dist/public/admin/assets/ (served at /admin/ under a CSP without inline script or style). Not part of widget.js.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve('widget/admin'),
  base: '/admin/',
  // JSX through Vite's own transformer (Oxc) with Preact's automatic runtime, as the widget does; `development:
  // false` keeps absolute source paths out of the bundle.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  publicDir: false,
  logLevel: 'warn',
  build: {
    // Only the console's own folder is emptied: dist/public also holds widget.js and must keep it.
    outDir: resolve('dist/public/admin'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    copyPublicDir: false,
    // Every browser the console supports has <link rel=modulepreload>; the polyfill would be dead code.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs in CSS/JS beyond what the CSP allows (img-src data: is allowed, fonts are not).
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
});
