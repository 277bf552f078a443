import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Cross-origin isolation lets the engine use SharedArrayBuffer rings between slot workers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The full code check (engine/udf/compile.ts and the TypeScript stripper it uses) loads only when
// some code param is not plain JavaScript (engine/udf/code-syntax.ts). The page's engine API
// still reaches it statically through exports the page never calls, so: a chunk of its own, and
// these modules count as side-effect free, so the unused static path keeps none of them in main.
const FULL_CODE_CHECK = /engine[\\/]udf[\\/](compile|full-code-check)\.ts$|node_modules[\\/](sucrase|ts-interface-checker|lines-and-columns|@jridgewell[\\/][^\\/]+)[\\/]/;

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, headers: isolation },
  preview: { host: '127.0.0.1', port: 4173, headers: isolation },
  worker: { format: 'es' },
  // Found late otherwise (only slot workers import them), which reloads the dev page.
  optimizeDeps: { include: ['comlink', 'zod', 'sucrase'] },
  build: {
    target: 'es2022',
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !FULL_CODE_CHECK.test(id) },
      output: { codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: 'code-check', test: FULL_CODE_CHECK }] } },
    },
  },
});
