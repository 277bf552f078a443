/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`) by function: self time and total time
 * (self + callees, each function counted once per sample), largest self time first.
 *
 *   npx tsx bench/profile-summary.ts bench/results/prof/CPU.….cpuprofile [top=30]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile [top]');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n: ProfileNode): string => {
  const { functionName, url, lineNumber } = n.callFrame;
  // tsx-loaded modules report line 0 for everything: show a line only when there is one.
  const line = lineNumber > 0 ? `:${lineNumber + 1}` : '';
  const where = url ? `${relative(process.cwd(), url.replace(/^file:\/\//, '').replace(/\?.*$/, ''))}${line}` : '';
  return `${functionName || '(anonymous)'}${where ? ' ' + where : ''}`;
};

const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  all += dt;
  const leaf = byId.get(id)!;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + dt);
  }
});

const pct = (us: number) => `${((100 * us) / all).toFixed(1).padStart(5)}%`;
console.log(`${(all / 1000).toFixed(0)} ms sampled; self  total  function`);
for (const [l, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)} ${pct(total.get(l)!)}  ${l}`);
