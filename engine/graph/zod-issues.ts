/**
 * Turns zod's issues about a job document into job errors: located on a node and a field,
 * worded for the person who wrote the job ("expected a positive number (ms), got -5"), never
 * in zod's vocabulary.
 */
import type { z } from 'zod';
import { JobErrorCode } from './error-codes.js';
import type { JobError } from './errors.js';
import { JobDocumentSchema, JobEdgeSchema } from './schema.js';
import { isNodeKind, NODE_KIND_NAMES, PARAM_SCHEMAS } from './schema-params.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Where an issue points: the node, the field as users read it, and whether it is a param. */
interface Location {
  nodeId?: string;
  field?: string;
  /** The name used in sentences: the param path below `params`, or the field. */
  name: string;
  isParam: boolean;
  /** The kind of the node, when the issue is inside one. */
  kind?: string;
  /** Path from the node (or the document) to the issue, for schema lookups. */
  inner: Path;
}

/** `a.b[2].c` */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** A value as a sentence shows it: `"abc"`, `-5`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function unitOf(path: Path): string {
  const last = [...path].reverse().find((s) => typeof s === 'string');
  if (typeof last !== 'string') return '';
  if (/Ms$/.test(last) || last === 'startTs' || last === '$watermark') return ' (ms)';
  if (last === 'ratePerSec') return ' (per second)';
  return '';
}

function locate(path: Path, root: unknown): Location {
  const [head, index] = path;
  if ((head === 'nodes' || head === 'edges') && typeof index === 'number') {
    const rest = path.slice(2);
    if (head === 'edges') return { field: formatPath(path), name: formatPath(rest) || formatPath(path), isParam: false, inner: rest };
    const node = valueAt(root, [head, index]) as { id?: unknown; kind?: unknown } | undefined;
    const nodeId = typeof node?.id === 'string' ? node.id : undefined;
    const kind = typeof node?.kind === 'string' ? node.kind : undefined;
    const isParam = rest[0] === 'params';
    const name = rest.length > 1 && isParam ? formatPath(rest.slice(1)) : formatPath(rest);
    const relative = rest.length > 0 ? formatPath(rest) : undefined;
    const field = nodeId !== undefined ? relative : formatPath(path);
    return { ...(nodeId !== undefined ? { nodeId } : {}), ...(field ? { field } : {}), name, isParam, ...(kind ? { kind } : {}), inner: rest };
  }
  const field = formatPath(path);
  return { ...(field ? { field } : {}), name: field, isParam: false, inner: path };
}

// --- finding the schema an issue is about, to list the keys it knows -----------------------

type AnySchema = { _zod: { def: Record<string, any> } };

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let guard = 0; guard < 20; guard++) {
    const def = s._zod.def;
    if (def.type === 'lazy') s = def.getter();
    else if (def.innerType && ['optional', 'default', 'prefault', 'nullable', 'readonly', 'nonoptional'].includes(def.type)) s = def.innerType;
    else return s;
  }
  return s;
}

/** The object schema at `path` inside `schema`, following unions by the value's discriminator. */
function schemaAt(schema: AnySchema, path: Path, value: unknown): AnySchema | undefined {
  let s: AnySchema | undefined = unwrap(schema);
  let v = value;
  for (let i = 0; ; i++) {
    while (s && s._zod.def.type === 'union') {
      const options: AnySchema[] = s._zod.def.options;
      const disc: string | undefined = s._zod.def.discriminator;
      const objects = options.map(unwrap).filter((o) => o._zod.def.type === 'object');
      s = disc === undefined
        ? objects[0]
        : objects.find((o) => {
            const lit: Record<string, any> | undefined = o._zod.def.shape[disc]?._zod.def;
            return lit?.type === 'literal' && lit.values.includes((v as Record<string, unknown> | undefined)?.[disc]);
          });
      s = s && unwrap(s);
    }
    if (!s || i === path.length) return s;
    const seg = path[i];
    const def = s._zod.def;
    if (def.type === 'object' && typeof seg === 'string' && def.shape[seg]) s = unwrap(def.shape[seg]);
    else if (def.type === 'array' && typeof seg === 'number') s = unwrap(def.element);
    else return undefined;
    v = valueAt(v, [seg]);
  }
}

const NODE_FIELDS = ['id', 'kind', 'name', 'parallelism', 'params'];

/** The keys the schema knows at the place an unknown key was found, for "did you mean". */
function knownKeys(loc: Location, issuePath: Path, root: unknown): string[] {
  let schema: AnySchema | undefined;
  if (issuePath[0] === 'nodes') {
    if (loc.inner.length === 0) return NODE_FIELDS;
    if (loc.inner[0] !== 'params' || !isNodeKind(loc.kind)) return [];
    const nodePath = issuePath.slice(0, issuePath.length - loc.inner.length);
    const params = valueAt(root, [...nodePath, 'params']);
    schema = schemaAt(PARAM_SCHEMAS[loc.kind] as unknown as AnySchema, loc.inner.slice(1), params);
  } else if (issuePath[0] === 'edges') {
    schema = JobEdgeSchema as unknown as AnySchema;
  } else {
    schema = schemaAt(JobDocumentSchema as unknown as AnySchema, issuePath, root);
  }
  return schema?._zod.def.type === 'object' ? Object.keys(schema._zod.def.shape) : [];
}

/** Edit distance counting a swap of neighbours as one edit ("nmae" is one edit from "name"). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest candidate to a misspelt word, if one is close enough to be meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = c.toLowerCase() === word.toLowerCase() ? 0 : distance(word, c);
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return bestScore <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c !== undefined ? ` (did you mean "${c}"?)` : '';
}

// --- wording -------------------------------------------------------------------------------

function codes(loc: Location) {
  return loc.isParam
    ? { missing: JobErrorCode.MissingParam, invalid: JobErrorCode.InvalidParam, unknown: JobErrorCode.UnknownParam }
    : { missing: JobErrorCode.MissingField, invalid: JobErrorCode.InvalidField, unknown: JobErrorCode.UnknownField };
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  null: 'null',
};

/** Where zod tried several shapes, keep the one the value evidently meant. */
function chosenBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const plausible = branches.filter(
    (issues) => !issues.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')),
  );
  if (plausible.length === 0) return undefined;
  return plausible.reduce((a, b) => (b.length < a.length ? b : a));
}

function alternatives(branches: readonly (readonly Issue[])[]): string {
  const words: string[] = [];
  for (const issues of branches) {
    for (const i of issues) {
      if (i.path.length !== 0) continue;
      if (i.code === 'invalid_value') words.push(quoteList(i.values));
      else if (i.code === 'invalid_type') words.push(EXPECTED[i.expected] ?? i.expected);
    }
  }
  return words.join(' or ') || 'another value';
}

function translate(issue: Issue, root: unknown, out: JobError[]): void {
  const path = issue.path;
  const loc = locate(path, root);
  const c = codes(loc);
  const value = valueAt(root, path);
  const what = loc.isParam ? 'param' : 'field';
  const unit = unitOf(path);
  const at = (code: JobErrorCode, message: string, field = loc.field): void => {
    out.push({ code, ...(loc.nodeId !== undefined ? { nodeId: loc.nodeId } : {}), ...(field ? { field } : {}), message });
  };

  // Locations with their own vocabulary first.
  if (path.length === 0 && issue.code === 'invalid_type') {
    return at(JobErrorCode.InvalidDocument, `a job must be a JSON object with "format": "eddy/job@1", got ${describeValue(value)}`);
  }
  if (path.length === 1 && path[0] === 'format') {
    return at(
      JobErrorCode.InvalidFormat,
      value === undefined ? 'missing "format": a job file starts with "format": "eddy/job@1"' : `format must be exactly "eddy/job@1", got ${describeValue(value)}`,
    );
  }
  if (path[0] === 'nodes' && loc.inner.length === 0 && issue.code === 'invalid_type') {
    return at(JobErrorCode.InvalidField, `a node must be an object like {"id": "m1", "kind": "map", "params": {...}}, got ${describeValue(value)}`);
  }
  if (path[0] === 'nodes' && loc.inner.length === 1 && loc.inner[0] === 'kind' && issue.code === 'invalid_union') {
    if (value === undefined) return at(JobErrorCode.MissingField, `missing "kind"; known kinds: ${NODE_KIND_NAMES.join(', ')}`);
    const hint = typeof value === 'string' ? didYouMean(value, NODE_KIND_NAMES) : '';
    return at(JobErrorCode.UnknownKind, `unknown node kind ${describeValue(value)}${hint}; known kinds: ${NODE_KIND_NAMES.join(', ')}`);
  }
  if (path[0] === 'nodes' && loc.inner.length === 1 && loc.inner[0] === 'id' && value !== undefined) {
    return at(JobErrorCode.InvalidId, `invalid node id ${describeValue(value)}: use only letters, digits, "_" and "-"`);
  }

  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return at(c.missing, `missing required ${what} "${loc.name}"`);
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return at(c.invalid, `expected ${expected}${unit}, got ${describeValue(value)}`);
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return at(value === '' ? c.missing : c.invalid, `"${loc.name}" must not be empty`);
      if (issue.origin === 'array') return at(c.invalid, `expected at least ${min} entries, got ${Array.isArray(value) ? value.length : 0}`);
      const bound =
        min === 0 ? (issue.inclusive ? 'zero or a positive number' : 'a positive number') : `a number ${issue.inclusive ? 'of at least' : 'greater than'} ${min}`;
      return at(c.invalid, `expected ${bound}${unit}, got ${describeValue(value)}`);
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string' || issue.origin === 'array') return at(c.invalid, `expected at most ${max} ${issue.origin === 'string' ? 'characters' : 'entries'}`);
      return at(c.invalid, `expected a number ${issue.inclusive ? 'of at most' : 'smaller than'} ${max}${unit}, got ${describeValue(value)}`);
    }
    case 'invalid_value': {
      if (value === undefined) return at(c.missing, `missing required ${what} "${loc.name}": one of ${quoteList(issue.values)}`);
      if (issue.values.length === 1) return at(c.invalid, `expected ${quoteList(issue.values)}, got ${describeValue(value)}`);
      const hint = typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : '';
      return at(c.invalid, `expected one of ${quoteList(issue.values)}, got ${describeValue(value)}${hint}`);
    }
    case 'unrecognized_keys': {
      const known = knownKeys(loc, path, root);
      const inParams = loc.inner[0] === 'params';
      const base = loc.field ? `${loc.field}.` : '';
      const list = known.length > 0 ? `; known: ${known.join(', ')}` : '';
      for (const key of issue.keys) {
        at(
          inParams ? JobErrorCode.UnknownParam : JobErrorCode.UnknownField,
          `unknown ${inParams ? 'param' : 'field'} "${key}"${didYouMean(key, known)}${list}`,
          base + key,
        );
      }
      return;
    }
    case 'invalid_union': {
      if (issue.errors.length === 0 && 'options' in issue) {
        const options = (issue as unknown as { options: unknown[] }).options;
        if (value === undefined) return at(c.missing, `missing required ${what} "${loc.name}": one of ${quoteList(options)}`);
        const hint = typeof value === 'string' ? didYouMean(value, options.map(String)) : '';
        return at(c.invalid, `unknown value ${describeValue(value)} for "${loc.name}"${hint}; expected one of ${quoteList(options)}`);
      }
      const branch = chosenBranch(issue.errors);
      if (branch) {
        for (const inner of branch) translate({ ...inner, path: [...path, ...inner.path] } as Issue, root, out);
        return;
      }
      if (value === undefined) return at(c.missing, `missing required ${what} "${loc.name}"`);
      return at(c.invalid, `expected ${alternatives(issue.errors)}, got ${describeValue(value)}`);
    }
    case 'custom': {
      const code = (issue.params as { code?: JobErrorCode } | undefined)?.code ?? c.invalid;
      return at(code, issue.message);
    }
    default:
      return at(c.invalid, issue.message);
  }
}

/** Job errors for the issues zod found in `root` (the document as given). */
export function jobErrorsFromIssues(issues: readonly Issue[], root: unknown): JobError[] {
  const out: JobError[] = [];
  for (const issue of issues) translate(issue, root, out);
  return out;
}
