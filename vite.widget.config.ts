// Builds the embeddable widget in two files, each one minified IIFE (no CSS file, no chunks, nothing eval'd):
// dist/public/widget.js, the loader every page downloads (widget/src/embed.ts: the launcher, window.QAWidget), and
// dist/public/widget-app.js, the panel with Preact inside (widget/src/app-entry.ts), which the loader adds when the
// citizen first points at, focuses or opens the robot. One <script> tag is still the whole install.
import { build, defineConfig, type InlineConfig } from 'vite';

/** What both files are built with. */
function widgetBuild(entry: string, fileName: string, name: string): InlineConfig {
  return {
    configFile: false,
    // JSX through Vite's own transformer (Oxc), automatic runtime from Preact: no framework plugin needed.
    // `development: false`: otherwise Oxc emits jsxDEV calls carrying every element's absolute source path.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
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
        await build(widgetBuild('widget/src/app-entry.ts', 'widget-app.js', 'QAWidgetAppBundle'));
      },
    },
  ],
});
