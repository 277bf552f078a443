/** The browser's side of the commands: downloads, file picking, the clipboard, the canvas. */
import type { ReactFlowInstance } from '@xyflow/react';
import { downloadText, pickTextFile } from '../persist/browser-files';
import type { CommandEnv } from './app-commands';

export function createBrowserEnv(flow: Pick<ReactFlowInstance, 'getNodes' | 'fitView'>, saveNow: () => Promise<void>): CommandEnv {
  return {
    download: downloadText,
    pickFile: pickTextFile,
    copyText: async (text) => {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        return false;
      }
    },
    pageUrl: () => location.href,
    saveNow,
    nodeSizes: () => {
      const sizes = new Map<string, { width: number; height: number }>();
      for (const n of flow.getNodes()) if (n.measured?.width && n.measured.height) sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
      return sizes;
    },
    fitView: () => setTimeout(() => void flow.fitView({ padding: 0.2, maxZoom: 1.25 }), 30),
  };
}
