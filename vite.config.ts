import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Cross-origin isolation lets the engine use SharedArrayBuffer rings between slot workers.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, headers: isolation },
  preview: { host: '127.0.0.1', port: 4173, headers: isolation },
  worker: { format: 'es' },
  // Found late otherwise (only slot workers import them), which reloads the dev page.
  optimizeDeps: { include: ['comlink', 'zod', 'sucrase'] },
  build: { target: 'es2022' },
});
