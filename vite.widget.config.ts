// Builds the embeddable widget: widget/src/embed.ts → dist/public/widget.js, one minified IIFE file with Preact
// inside (no CSS file, no chunks, nothing eval'd), so one <script> tag is the whole install.
import { defineConfig } from 'vite';

export default defineConfig({
  // JSX through Vite's own transformer (Oxc), automatic runtime from Preact: no framework plugin needed.
  // `development: false`: otherwise Oxc emits jsxDEV calls carrying every element's absolute source path.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/public',
    // dist/public also holds the staff console; build only our file.
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: true,
    lib: {
      entry: 'widget/src/embed.ts',
      formats: ['iife'],
      name: 'QAWidgetBundle',
      fileName: () => 'widget.js',
    },
  },
});
