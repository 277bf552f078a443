/**
 * The records a run collected, per collect sink, in arrival order. Append-only and mutable on
 * purpose: a run may collect hundreds of thousands of records, and copying them on every
 * flush would cost more than drawing them. The store publishes a new `resultsVersion` after
 * each append; each run gets a fresh buffer, so a finished run's buffer never changes again.
 */
export class ResultBuffer {
  private readonly bySink = new Map<string, unknown[]>();
  /** Every record in arrival order, as sink and value (what "Download results" writes). */
  private readonly all: Array<{ readonly sink: string; readonly value: unknown }> = [];

  append(batch: ReadonlyArray<{ readonly sink: string; readonly value: unknown }>): void {
    for (const r of batch) {
      let list = this.bySink.get(r.sink);
      if (!list) this.bySink.set(r.sink, (list = []));
      list.push(r.value);
      this.all.push(r);
    }
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

  records(): ReadonlyArray<{ readonly sink: string; readonly value: unknown }> {
    return this.all;
  }
}

/** The results as the CLI prints them: one `{"sink":…,"value":…}` JSON line per record. */
export function resultsAsJsonLines(records: ReadonlyArray<{ readonly sink: string; readonly value: unknown }>): string {
  let out = '';
  for (const r of records) out += JSON.stringify({ sink: r.sink, value: r.value }) + '\n';
  return out;
}
