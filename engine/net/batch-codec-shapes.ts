/**
 * Per-shape code for the columnar mode: a shape is one ordered list of object keys. For each
 * distinct shape we generate, once, a column splitter (encoder) and a record builder (decoder)
 * with the keys written in as quoted literals, so property access stays monomorphic and every
 * decoded record of a shape shares one hidden class. Where code generation is forbidden (a
 * Content-Security-Policy without 'unsafe-eval'), generic loops do the same work, slower.
 */

/**
 * Splits records into columns: for i < n, `cols[j][i] = values[i][keys[j]]`. Stops at the first
 * record that is not a plain object (constructor Object) with exactly `keys`, in order, as its
 * enumerable properties (own or inherited), and returns its index; returns n when all matched.
 */
export type ColumnSplitter = (values: readonly unknown[], n: number, cols: unknown[][]) => number;

/**
 * Builds n plain objects `{[keys[j]]: cols[j][i]}` (own data properties, in key order, even for
 * a key named "__proto__") and appends them to `out`.
 */
export type RecordBuilder = (n: number, cols: ArrayLike<unknown>[], out: unknown[]) => void;

const MAX_CACHED_SHAPES = 256;

let codegenAllowed: boolean | undefined;

/** Creates a function from source, or returns undefined where eval is forbidden. */
function generate<T>(params: string[], body: string): T | undefined {
  if (codegenAllowed === false) return undefined;
  try {
    const fn = new Function(...params, body) as T;
    codegenAllowed = true;
    return fn;
  } catch (e) {
    // Only a refusal to evaluate means "no codegen"; our source is always valid syntax.
    if (codegenAllowed === undefined) codegenAllowed = false;
    else throw e;
    return undefined;
  }
}

/** The key as a JS string literal; JSON string syntax is valid JS since ES2019. */
function literal(key: string): string {
  return JSON.stringify(key);
}

function generateSplitter(keys: readonly string[]): ColumnSplitter | undefined {
  const f = keys.length;
  const lines: string[] = [];
  for (let j = 0; j < f; j++) lines.push(`const c${j} = cols[${j}];`);
  lines.push(
    'for (let i = 0; i < n; i++) {',
    '  const v = values[i];',
    '  if (typeof v !== "object" || v === null || v.constructor !== Object) return i;',
    '  let j = 0;',
    `  for (const k in v) { if (j === ${f} || k !== keys[j]) return i; j++; }`,
    `  if (j !== ${f}) return i;`,
  );
  for (let j = 0; j < f; j++) lines.push(`  c${j}[i] = v[${literal(keys[j]!)}];`);
  lines.push('}', 'return n;');
  const make = generate<(...a: unknown[]) => ColumnSplitter>(['keys', 'Object'], `return function split(values, n, cols) {\n${lines.join('\n')}\n};`);
  return make?.(keys.slice(), Object);
}

/** The splitter without code generation (also what CSP-restricted pages get). */
export function genericSplitter(keys: readonly string[]): ColumnSplitter {
  const f = keys.length;
  return (values, n, cols) => {
    for (let i = 0; i < n; i++) {
      const v = values[i] as Record<string, unknown>;
      if (typeof v !== 'object' || v === null || v.constructor !== Object) return i;
      let j = 0;
      for (const k in v) {
        if (j === f || k !== keys[j]) return i;
        j++;
      }
      if (j !== f) return i;
      for (j = 0; j < f; j++) cols[j]![i] = v[keys[j]!];
    }
    return n;
  };
}

function generateBuilder(keys: readonly string[]): RecordBuilder | undefined {
  const f = keys.length;
  const lines: string[] = [];
  for (let j = 0; j < f; j++) lines.push(`const c${j} = cols[${j}];`);
  // A literal `"__proto__": x` would set the prototype; the computed form defines a property.
  const props = keys.map((k, j) => (k === '__proto__' ? `["__proto__"]: c${j}[i]` : `${literal(k)}: c${j}[i]`));
  lines.push(`for (let i = 0; i < n; i++) out.push({ ${props.join(', ')} });`);
  return generate<RecordBuilder>(['n', 'cols', 'out'], lines.join('\n'));
}

/** The builder without code generation (also what CSP-restricted pages get). */
export function genericBuilder(keys: readonly string[]): RecordBuilder {
  const f = keys.length;
  return (n, cols, out) => {
    for (let i = 0; i < n; i++) {
      const o: Record<string, unknown> = {};
      for (let j = 0; j < f; j++) {
        const k = keys[j]!;
        if (k === '__proto__') Object.defineProperty(o, k, { value: cols[j]![i], enumerable: true, writable: true, configurable: true });
        else o[k] = cols[j]![i];
      }
      out.push(o);
    }
  };
}

/** Encoder side: the key list of a record and its splitter, remembered per shape. */
export interface EncodeShape {
  readonly keys: readonly string[];
  readonly split: ColumnSplitter;
}

/** Shapes seen by one encoder; the last one is checked first since batches repeat shapes. */
export class EncodeShapes {
  private readonly byKeys = new Map<string, EncodeShape>();
  private last: EncodeShape | undefined;

  /** The shape of `record`, a plain object. */
  of(record: object): EncodeShape {
    const last = this.last;
    if (last !== undefined && sameKeys(record, last.keys)) return last;
    const keys = Object.keys(record);
    const id = JSON.stringify(keys);
    let shape = this.byKeys.get(id);
    if (shape === undefined) {
      if (this.byKeys.size >= MAX_CACHED_SHAPES) this.byKeys.clear();
      shape = { keys, split: generateSplitter(keys) ?? genericSplitter(keys) };
      this.byKeys.set(id, shape);
    }
    this.last = shape;
    return shape;
  }
}

function sameKeys(record: object, keys: readonly string[]): boolean {
  let j = 0;
  for (const k in record) {
    if (j === keys.length || k !== keys[j]) return false;
    j++;
  }
  return j === keys.length;
}

const builders = new Map<string, { keys: readonly string[]; build: RecordBuilder }>();
let lastBuilder: { keys: readonly string[]; build: RecordBuilder } | undefined;

/** Decoder side: the builder for a key list (cached per distinct list, module-wide). */
export function builderFor(keys: readonly string[]): RecordBuilder {
  const last = lastBuilder;
  if (last !== undefined && sameList(last.keys, keys)) return last.build;
  const id = JSON.stringify(keys);
  let entry = builders.get(id);
  if (entry === undefined) {
    if (builders.size >= MAX_CACHED_SHAPES) builders.clear();
    entry = { keys: keys.slice(), build: generateBuilder(keys) ?? genericBuilder(keys) };
    builders.set(id, entry);
  }
  lastBuilder = entry;
  return entry.build;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
