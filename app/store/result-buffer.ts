/**
 * The records a run collected, per collect sink, in arrival order. Append-only and mutable on
 * purpose: a run may collect hundreds of thousands of records, and copying them on every
 * flush would cost more than drawing them. The store publishes a new `resultsVersion` after
 * each append; each run gets a fresh buffer, so a finished run's buffer never changes again.
 */
export class ResultBuffer {
  private readonly bySink = new Map<string, unknown[]>();
  /** Each sink's row kinds beside its values (`+I` where a record carried none). */
  private readonly opsBySink = new Map<string, RowKind[]>();
  /** Every record in arrival order, as sink and value (what "Download results" writes). */
  private readonly all: ResultRecord[] = [];

  append(batch: ReadonlyArray<ResultRecord>): void {
    for (const r of batch) {
      let list = this.bySink.get(r.sink);
      let ops = this.opsBySink.get(r.sink);
      if (!list || !ops) {
        this.bySink.set(r.sink, (list = []));
        this.opsBySink.set(r.sink, (ops = []));
      }
      list.push(r.value);
      ops.push(rowKindOf(r));
      this.all.push(r);
    }
  }

  /** The row kinds of one sink's values, index for index (live view: do not modify). */
  opsOf(sink: string): readonly RowKind[] {
    return this.opsBySink.get(sink) ?? [];
  }

  get total(): number {
    return this.all.length;
  }

  /** Sinks that received at least one record, in order of their first record. */
  sinks(): string[] {
    return [...this.bySink.keys()];
  }

  /** The values one sink received (live view: do not modify). */
  of(sink: string): readonly unknown[] {
    return this.bySink.get(sink) ?? [];
  }

  records(): ReadonlyArray<ResultRecord> {
    return this.all;
  }
}

/** Flink's row kinds: insert, update before, update after, delete. */
export type RowKind = '+I' | '-U' | '+U' | '-D';

/**
 * A collected record. A changelog sink's record carries its row kind as `op` beside `value`
 * (the CLI's `{"sink":…,"op":"-U","value":…}`); absent, it is an insert.
 */
export interface ResultRecord {
  readonly sink: string;
  readonly value: unknown;
  readonly op?: string;
}

/** A record's row kind; `+I` when it carries none (or one that is not a row kind). */
export function rowKindOf(r: { readonly op?: unknown }): RowKind {
  const op = r.op;
  return op === '-U' || op === '+U' || op === '-D' ? op : '+I';
}

/** The results as the CLI prints them: one `{"sink":…,"value":…}` JSON line per record (with `op` where the record had one). */
export function resultsAsJsonLines(records: ReadonlyArray<ResultRecord>): string {
  let out = '';
  for (const r of records) out += JSON.stringify(r.op !== undefined ? { sink: r.sink, op: r.op, value: r.value } : { sink: r.sink, value: r.value }) + '\n';
  return out;
}
