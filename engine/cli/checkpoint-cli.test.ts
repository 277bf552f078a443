import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const job = join(root, 'test', 'fixtures', 'checkpointed-counts.json');
const tmp = mkdtempSync(join(tmpdir(), 'eddy-cp-'));
const run = promisify(execFile);
const eddy = (...args: string[]) => run(process.execPath, ['bin/eddy.js', 'run', ...args], { cwd: root, maxBuffer: 1 << 26 });
const sortedLines = (text: string) => text.split('\n').filter((l) => l !== '').sort();

let reference: string[];
beforeAll(async () => {
  reference = sortedLines((await eddy(job)).stdout);
});

describe('eddy run: checkpoints, savepoints, fault injection', () => {
  it('writes checkpoints to --checkpoint-dir and keeps the retained number', async () => {
    const dir = join(tmp, 'checkpoints');
    const r = await eddy(job, '--host', 'workers', '--checkpoint-dir', dir);
    expect(sortedLines(r.stdout)).toEqual(reference);
    const folders = readdirSync(dir).filter((f) => f.startsWith('chk-'));
    expect(folders.length).toBe(2);
    expect(existsSync(join(dir, folders[0]!, '_metadata.json'))).toBe(true);
  });

  it('--chaos on the inline host fails its thread and recovers from --checkpoint-dir with identical output', async () => {
    const r = await eddy(job, '--chaos', 'kill=2', '--seed', '9', '--checkpoint-dir', join(tmp, 'inline-checkpoints'));
    expect(r.stderr.match(/restart \d after a failure/g)).toHaveLength(2);
    expect(sortedLines(r.stdout)).toEqual(reference);
  });

  it('--chaos kill=3 kills slot workers and the output is identical to a run without failures', async () => {
    const r = await eddy(job, '--host', 'workers', '--chaos', 'kill=3', '--seed', '42');
    expect(r.stderr.match(/restart \d after a failure/g)).toHaveLength(3);
    expect(sortedLines(r.stdout)).toEqual(reference);
  });

  it("with checkpointing but no restart block, Flink's default (exponential-delay from 1 s, unlimited) recovers from --chaos kills", async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const doc = JSON.parse(readFileSync(job, 'utf8')) as Record<string, unknown>;
    expect(doc.checkpointing).toBeDefined();
    delete doc.restart;
    const noStrategy = join(tmp, 'no-restart-block.json');
    writeFileSync(noStrategy, JSON.stringify(doc));
    const r = await eddy(noStrategy, '--host', 'workers', '--chaos', 'kill=2', '--seed', '42');
    expect(r.stderr.match(/restart \d after a failure/g)).toHaveLength(2);
    expect(sortedLines(r.stdout)).toEqual(reference);
  });

  it('stops with a savepoint on SIGINT, and --from-savepoint at another parallelism finishes the job', async () => {
    const savepoint = join(tmp, 'stop.savepoint.json');
    const first = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolveRun) => {
      const child = spawn(process.execPath, ['bin/eddy.js', 'run', job, '--host', 'workers', '--savepoint', savepoint], { cwd: root });
      let stdout = '';
      let stderr = '';
      // Stop part way: as soon as the first committed results come out.
      child.stdout.on('data', (d) => {
        if (stdout === '') child.kill('SIGINT');
        stdout += d;
      });
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolveRun({ stdout, stderr, code }));
    });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`written to ${savepoint}`);
    const rest = await eddy(job, '--host', 'workers', '--from-savepoint', savepoint, '--parallelism', '3');
    const all = [...sortedLines(first.stdout), ...sortedLines(rest.stdout)].sort();
    expect(sortedLines(first.stdout).length).toBeLessThan(reference.length);
    expect(all).toEqual(reference);
  });

  it('a run from savepoint N says so on stderr, on both hosts', async () => {
    const savepoint = join(tmp, 'numbered.savepoint.json');
    await eddy(job, '--host', 'workers', '--savepoint', savepoint);
    const id = (JSON.parse((await import('node:fs')).readFileSync(savepoint, 'utf8')) as { metadata: { id: number } }).metadata.id;
    for (const host of ['inline', 'workers']) {
      const r = await eddy(job, '--host', host, '--from-savepoint', savepoint);
      expect(r.stderr).toContain(`restored from savepoint ${id}; checkpoint ids go on from ${id + 1}`);
    }
  });

  it('refuses a savepoint with state for a node the job no longer has, unless told to drop it', async () => {
    const savepoint = join(tmp, 'end.savepoint.json');
    await eddy(job, '--host', 'workers', '--savepoint', savepoint);
    const changed = join(tmp, 'renamed.json');
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(changed, readFileSync(job, 'utf8').replace('"id": "sum"', '"id": "total"').replace('"to": "sum"', '"to": "total"').replace('"from": "sum"', '"from": "total"'));
    const refused = await eddy(changed, '--host', 'workers', '--from-savepoint', savepoint).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).toBe(2);
    expect((refused as { stderr: string }).stderr).toContain('state for node "sum"');
    const allowed = await eddy(changed, '--host', 'workers', '--from-savepoint', savepoint, '--allow-non-restored-state');
    expect(allowed.stdout).toBe('');
  });
});
