// Builds the embeddable widget in two files, each one minified IIFE (no CSS file, no chunks, nothing eval'd):
// dist/public/widget.js, the loader every page downloads (widget/src/embed.ts: the launcher, window.QAWidget), and
// dist/public/widget-app.js, the panel with Preact inside (widget/src/app-entry.ts), which the loader adds when the
// citizen first points at, focuses or opens the robot. One <script> tag is still the whole install.
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';
import { SHARED_MODULES } from './widget/src/shared.js';

/**
 * The panel takes host.ts (with styles.ts and color.ts behind it) and strings.zh-CN.ts from the loader, which has
 * them already (window.QAWidgetShared, widget/src/shared.ts), instead of a second copy: about a quarter of its size.
 */
const fromLoader: Plugin = {
  name: 'qa-widget-shared-from-loader',
  enforce: 'pre',
  resolveId(source, importer) {
    const module = /^\.\.?\/(?:\.\.\/)*([\w.-]+)\.js$/.exec(source)?.[1];
    if (module && Object.hasOwn(SHARED_MODULES, module) && importer?.includes('/widget/src/')) return `\0qa-shared:${module}`;
    return null;
  },
  load(id) {
    if (!id.startsWith('\0qa-shared:')) return null;
    const module = id.slice('\0qa-shared:'.length);
    return `export const { ${SHARED_MODULES[module]!.join(', ')} } = window.QAWidgetShared;`;
  },
};

/** What both files are built with; `panel`: the panel's extras (its modules from the loader, `h` for its JSX). */
function widgetBuild(entry: string, fileName: string, name: string, panel = false): InlineConfig {
  return {
    configFile: false,
    plugins: panel ? [fromLoader] : [],
    // JSX (the panel's components) through Vite's own transformer (Oxc): no framework plugin needed. The classic
    // runtime, Preact's `h` (which `render` needs anyway) with the children as arguments, not the automatic one: no
    // second element factory (preact/jsx-runtime) and no `children: [...]` around every element's children (−213 B
    // gzip). tsconfig.json keeps `react-jsx` with `jsxImportSource: preact` for type-checking: the same elements.
    // The import of `h` goes only into the panel: the loader has no JSX, and importing Preact would bring it along.
    // `development: false`: otherwise Oxc emits calls carrying every element's absolute source path.
    oxc: {
      jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false },
      ...(panel ? { jsxInject: `import { h, Fragment } from 'preact'` } : {}),
    },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: 'dist/public',
      // dist/public also holds the staff console; build only our files.
      emptyOutDir: false,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: true,
      lib: { entry, formats: ['iife'], name, fileName: () => fileName },
    },
  };
}

const { configFile: _none, ...loader } = widgetBuild('widget/src/embed.ts', 'widget.js', 'QAWidgetBundle');

export default defineConfig({
  ...loader,
  plugins: [
    {
      name: 'qa-widget-app',
      apply: 'build',
      // The panel is a second IIFE build: Rollup cannot split an IIFE into chunks.
      async closeBundle() {
        await build(widgetBuild('widget/src/app-entry.ts', 'widget-app.js', 'QAWidgetAppBundle', true));
      },
    },
  ],
});
