import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledSlotRuntime } from './node-slots.js';
import { recordedInputs } from './sources-key.mjs';

describe('the bundled slot runtime for Node worker threads', () => {
  it('is one ES module, built once, that exports the slot entry point', async () => {
    const url = bundledSlotRuntime();
    expect(url).toMatch(/^file:.*eddy-slot-[0-9a-f]{16}\.mjs$/);
    expect(existsSync(fileURLToPath(url!))).toBe(true);
    expect(bundledSlotRuntime()).toBe(url);
    const mod = (await import(url!)) as { serveSlot?: unknown };
    expect(typeof mod.serveSlot).toBe('function');
  });

  it('is named after the files it contains: the slot runtime sources, no benches, tests or CLI', () => {
    expect(bundledSlotRuntime()).not.toBeNull();
    const entry = fileURLToPath(new URL('./thread-entry.ts', import.meta.url));
    const inputs = recordedInputs(tmpdir(), 'eddy-slot', entry)!;
    const engine = inputs.filter((p) => p.includes('/engine/'));
    expect(engine).toEqual(expect.arrayContaining([entry, fileURLToPath(new URL('../slot-runtime.ts', import.meta.url)), fileURLToPath(new URL('../../checkpoint/state-codec.ts', import.meta.url))]));
    expect(engine.filter((p) => /\.(bench|test)\.ts$|\/engine\/cli\//.test(p))).toEqual([]);
  });
});
