/**
 * "Export to Flink…": the job as a Flink SQL script (read-only Monaco, Copy) when it has a SQL
 * form (a file source's columns come from its uploaded or fetched file), else the reason naming
 * the node; and as a Maven project with the DataStream program,
 * downloaded as a .zip. A SQL script (SQL editor mode) exports as itself made runnable by Flink's
 * SQL client, and as the DataStream program of the job it compiles to, its sinks printing the
 * script's rows — both from the script as it is now, compiled here (the canvas may be older).
 * Lazy: this chunk carries the exporters, Monaco and the zip writer (fflate).
 */
import Editor from '@monaco-editor/react';
import { useEffect, useMemo, useState } from 'react';
import { type JobDocument, validateJobWith } from '../../engine/index';
import type { SinkSchema } from '../../engine/sql/compile';
import { wholeText } from '../client/upload-text';
import { monaco } from '../code/monaco-setup';
import { downloadBytes, downloadText } from '../persist/browser-files';
import { jobFileName } from '../persist/job-file';
import { useApp, useAppStore } from '../store/app-store';
import { Modal } from './Modal';

// Monaco is configured (bundled copy, workers) by importing monaco-setup.
void monaco;

/** The exporters (and the SQL front end they use) load with the first export, not with the dialog. */
const exporter = () => import('../../engine/export/index');

/** What the Maven project is written from: a job, and for a SQL script the script and its sinks. */
type Prepared = { ok: true; job: JobDocument; sql?: string; sqlSinks?: readonly SinkSchema[] } | { ok: false; message: string };
type SqlExport = { ok: true; text: string } | { ok: false; message: string };

export function FlinkExportDialog() {
  const store = useAppStore();
  const doc = useApp((s) => s.doc);
  const inputs = useApp((s) => s.files);
  const script = useApp((s) => s.sql);
  const [copied, setCopied] = useState('');
  const visual = useMemo<Prepared>(() => {
    // The structure only: code is checked where it runs (TypeScript is stripped on export).
    const v = validateJobWith(doc, () => null);
    if (!v.ok) return { ok: false, message: `The job has ${v.errors.length} error${v.errors.length === 1 ? '' : 's'}; fix ${v.errors.length === 1 ? 'it' : 'them'} first (see the canvas).` };
    return { ok: true, job: v.job as JobDocument };
  }, [doc]);
  /** A SQL script compiled as it is now: the job, its sinks and the script for Flink's SQL client. */
  const [scripted, setScripted] = useState<{ prepared: Prepared; sql: SqlExport } | null>(null);
  useEffect(() => {
    if (!script) return setScripted(null);
    let live = true;
    setScripted(null);
    // Compiled and exported in the SQL worker: the parser and the compiler never load on the page.
    void store
      .getState()
      .sqlForFlink()
      .then(
        (r) => {
          if (!live || r === null) return;
          if (!r.ok) {
            const message = `The script has ${r.problems} problem${r.problems === 1 ? '' : 's'}; fix ${r.problems === 1 ? 'it' : 'them'} first (see Problems).`;
            return setScripted({ prepared: { ok: false, message }, sql: { ok: false, message } });
          }
          setScripted({ prepared: { ok: true, job: r.job, sql: script.text, sqlSinks: r.sinks }, sql: r.flinkSql });
        },
        (e: unknown) => live && setScripted({ prepared: { ok: false, message: `Could not compile the script: ${String(e)}` }, sql: { ok: false, message: String(e) } }),
      );
    return () => {
      live = false;
    };
  }, [script, store]);
  const waiting: Prepared = { ok: false, message: 'Compiling the script…' };
  const prepared = script ? (scripted?.prepared ?? waiting) : visual;
  const fileName = script ? `${script.name.replace(/^.*\//, '').replace(/\.sql$/i, '')}.sql` : jobFileName(doc);
  const preparedJob = prepared.ok ? prepared.job : null;
  /**
   * Each file source's input (by node id, or by its path for an example's fetched file), whole: the
   * export infers its columns and writes it beside the script. An upload is read only now, when asked,
   * slice by slice through the engine's LineReader (`upload-text`).
   */
  const [files, setFiles] = useState<Record<string, string> | null>(null);
  const [filesError, setFilesError] = useState<string | null>(null);
  useEffect(() => {
    if (preparedJob === null) return setFiles({});
    let live = true;
    setFiles(null);
    setFilesError(null);
    const reads = preparedJob.nodes.flatMap((n) => {
      if (n.kind !== 'source.file') return [];
      const input = inputs[n.id] ?? (n.params.path !== undefined ? inputs[n.params.path] : undefined);
      return input === undefined ? [] : [wholeText(input).then((text) => [n.id, text] as const)];
    });
    Promise.all(reads).then(
      (entries) => live && setFiles(Object.fromEntries(entries)),
      (e: unknown) => live && setFilesError(`Could not read an input file: ${String(e)}`),
    );
    return () => {
      live = false;
    };
  }, [preparedJob, inputs]);
  const [visualSql, setSql] = useState<SqlExport | null>(null);
  useEffect(() => {
    if (script) return;
    if (!prepared.ok) return setSql({ ok: false, message: prepared.message });
    if (files === null) return;
    let live = true;
    void exporter().then(({ exportFlinkSql }) => {
      if (!live) return;
      try {
        setSql({ ok: true, text: exportFlinkSql(prepared.job, fileName, files) });
      } catch (e) {
        setSql({ ok: false, message: (e as Error).message });
      }
    });
    return () => {
      live = false;
    };
  }, [script, prepared, fileName, files]);
  const sql: SqlExport | null = filesError !== null ? { ok: false, message: filesError } : script ? (scripted?.sql ?? null) : visualSql;
  const base = fileName.replace(/\.(json|sql)$/i, '');

  const copy = () =>
    void navigator.clipboard.writeText(sql?.ok ? sql.text : '').then(
      () => setCopied('SQL copied to the clipboard'),
      () => setCopied('The browser refused the clipboard: select the text and copy it'),
    );
  const downloadSql = async () => {
    if (!sql?.ok || !prepared.ok || files === null) return;
    downloadText(sql.text, `${base}.sql`, 'application/sql');
    if (script) {
      // The files the script's tables read (uploaded or fetched), under the paths the script names.
      for (const n of prepared.job.nodes) {
        const path = n.kind === 'source.file' ? n.params.path : undefined;
        const text = files[n.id];
        if (path !== undefined && text !== undefined) downloadText(text, path.replace(/^.*\//, ''), path.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson');
      }
      return;
    }
    const { flinkSqlDataFiles } = await exporter();
    for (const f of flinkSqlDataFiles(prepared.job, files)) downloadText(f.text, f.path, f.path.endsWith('.csv') ? 'text/csv' : 'application/x-ndjson');
  };
  const downloadZip = async () => {
    if (!prepared.ok) return;
    try {
      // The TypeScript stripper (sucrase) and the zip writer load only now.
      const [{ exportFlinkJava }, { stripTypes }, { zipSync, strToU8 }] = await Promise.all([exporter(), import('../../engine/export/strip-types'), import('fflate')]);
      const project = exportFlinkJava(prepared.job, { sourceName: fileName, stripTypes, sql: prepared.sql, sqlSinks: prepared.sqlSinks });
      const tree: Record<string, Uint8Array> = {};
      for (const f of project) tree[`${base}-flink/${f.path}`] = strToU8(f.text);
      downloadBytes(zipSync(tree) as Uint8Array<ArrayBuffer>, `${base}-flink.zip`, 'application/zip');
      store.getState().notify(`Downloaded ${base}-flink.zip: a Maven project of ${project.length} files`);
    } catch (e) {
      store.getState().notify(`Could not export to Flink: ${(e as Error).message}`, 'error');
    }
  };

  return (
    <Modal label="Export to Flink" onClose={() => store.getState().closeDialog()}>
      <div className="flink-export">
        <section aria-label="Flink SQL">
          <h3>Flink SQL</h3>
          {sql === null ? (
            <p className="meta">Writing the SQL…</p>
          ) : sql.ok ? (
            <>
              <p className="meta">
                {script
                  ? "The script for Flink's SQL client: each SELECT goes into a print table (a comment shows each source on Kafka); Eddy's own options are left out."
                  : "A script for Flink's SQL client: CREATE TABLE per source and sink (a comment shows each source on Kafka), a view per node."}
              </p>
              <div className="flink-sql-view">
                <Editor
                  height={280}
                  language="sql"
                  value={sql.text}
                  options={{ readOnly: true, domReadOnly: true, minimap: { enabled: false }, scrollBeyondLastLine: false, wordWrap: 'on', ariaLabel: 'Flink SQL script', fontSize: 12 }}
                />
              </div>
              <div className="modal-actions">
                <button type="button" onClick={copy}>
                  Copy SQL
                </button>
                <button type="button" onClick={() => void downloadSql()}>
                  Download SQL
                </button>
                <span role="status">{copied}</span>
              </div>
            </>
          ) : (
            <p role="note" aria-label="No SQL form">
              {sql.message}
            </p>
          )}
        </section>
        <section aria-label="Flink DataStream program">
          <h3>DataStream program (Java)</h3>
          {prepared.ok ? (
            <>
              <p className="meta">
                A Maven project for Apache Flink 2.3.0: <code>mvn package</code>, then <code>flink run</code>. Operator uids are the node ids; JavaScript functions run unchanged in GraalJS. Its README says how.
              </p>
              <button type="button" onClick={() => void downloadZip()}>
                Download Maven project (.zip)
              </button>
            </>
          ) : (
            <p role="note">{prepared.message}</p>
          )}
        </section>
      </div>
    </Modal>
  );
}
