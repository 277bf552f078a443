import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledSlotRuntime } from './node-slots.js';

describe('the bundled slot runtime for Node worker threads', () => {
  it('is one ES module, built once, that exports the slot entry point', async () => {
    const url = bundledSlotRuntime();
    expect(url).toMatch(/^file:.*eddy-slot-[0-9a-f]{16}\.mjs$/);
    expect(existsSync(fileURLToPath(url!))).toBe(true);
    expect(bundledSlotRuntime()).toBe(url);
    const mod = (await import(url!)) as { serveSlot?: unknown };
    expect(typeof mod.serveSlot).toBe('function');
  });
});
