/**
 * Forms generated from the engine's param schemas: `z.toJSONSchema` of a kind's zod schema,
 * read into field descriptions the inspector renders. No form is written by hand per kind:
 * a new param in the engine's schema shows up here with its description, default and limits.
 * Unions (assigners, triggers, functions, the evictor) become a type select plus the chosen
 * option's fields; option fields are described on demand, which keeps recursive schemas
 * (a purging trigger of a trigger) finite.
 */
import { z } from 'zod';
import { JobDocumentSchema, KIND_INFO, type NodeKind, PARAM_SCHEMAS } from '../../engine/index';
import type { Path } from '../store/paths';

/** The subset of JSON Schema that `z.toJSONSchema` emits for param schemas. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly description?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly pattern?: string;
}

export type FieldSpec =
  | { readonly kind: 'number'; readonly integer: boolean; readonly min?: number; readonly exclusiveMin?: number; readonly unit?: 'ms' }
  | { readonly kind: 'text'; readonly pattern?: string }
  /** A function written as code: edited in the code editor. */
  | { readonly kind: 'code' }
  /** A join key: a field path, or a function when it contains `=>`. */
  | { readonly kind: 'key' }
  | { readonly kind: 'enum'; readonly options: readonly string[] }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'object'; readonly fields: readonly FieldDef[] }
  | { readonly kind: 'union'; readonly options: readonly UnionOption[]; readonly discriminator: string | null }
  /** Anything else (arrays, free-form values): edited as JSON text. */
  | { readonly kind: 'json'; readonly expects: 'array' | 'any' };

export interface FieldDef {
  /** The param's own name (last path step). */
  readonly name: string;
  /** Path below the node's `params`. */
  readonly path: Path;
  readonly label: string;
  readonly description?: string;
  readonly required: boolean;
  /** The value the engine uses when the field is absent. */
  readonly default?: unknown;
  readonly spec: FieldSpec;
}

/** One choice of a union: a constant (`"default"`, `null`) or an object tagged by the discriminator. */
export type UnionOption =
  | { readonly kind: 'const'; readonly label: string; readonly value: unknown; readonly description?: string }
  | { readonly kind: 'object'; readonly label: string; readonly tag: string; readonly schema: JsonSchema; readonly description?: string };

interface Context {
  readonly root: JsonSchema;
  readonly codePaths: ReadonlySet<string>;
  readonly keyPaths: ReadonlySet<string>;
}

/** `maxOutOfOrdernessMs` → `Max out of orderness`: the label, without the unit suffix. */
export function humanize(name: string): string {
  const stem = name.endsWith('Ms') && name.length > 2 ? name.slice(0, -2) : name;
  const words = stem.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function resolve(schema: JsonSchema, ctx: Context): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/$defs/', '');
  const target = ctx.root.$defs?.[name];
  if (!target) throw new Error(`form-model: unresolved schema reference ${schema.$ref}`);
  // Keep what the referring schema says about itself (default, description) over the target's.
  const { $ref: _ref, ...own } = schema;
  return { ...resolve(target, ctx), ...own };
}

/** Union members, nested unions flattened: `anyOf [oneOf [a, b], null]` → a, b, null. */
function flattenUnion(schema: JsonSchema, ctx: Context): JsonSchema[] {
  const members = schema.oneOf ?? schema.anyOf;
  if (!members) return [schema];
  return members.flatMap((m) => flattenUnion(resolve(m, ctx), ctx));
}

function discriminatorOf(objects: readonly JsonSchema[]): string | null {
  const first = objects[0]?.properties;
  if (!first) return null;
  return Object.keys(first).find((key) => objects.every((o) => o.properties?.[key]?.const !== undefined)) ?? null;
}

function describeUnion(schema: JsonSchema, ctx: Context): FieldSpec {
  const members = flattenUnion(schema, ctx);
  const objects = members.filter((m) => m.type === 'object');
  const discriminator = discriminatorOf(objects);
  const options: UnionOption[] = [];
  for (const m of members) {
    if (m.type === 'null') options.push({ kind: 'const', label: 'none', value: null, description: 'none' });
    else if (m.const !== undefined) options.push({ kind: 'const', label: String(m.const), value: m.const, ...(m.description ? { description: m.description } : {}) });
    else if (m.type === 'object' && discriminator) {
      const tag = String(m.properties![discriminator]!.const);
      options.push({ kind: 'object', label: tag, tag, schema: m, ...(m.description ? { description: m.description } : {}) });
    } else return { kind: 'json', expects: 'any' };
  }
  return { kind: 'union', options, discriminator };
}

function describeSpec(schema: JsonSchema, path: Path, ctx: Context): FieldSpec {
  const dotted = path.join('.');
  if (ctx.codePaths.has(dotted)) return { kind: 'code' };
  if (ctx.keyPaths.has(dotted)) return { kind: 'key' };
  if (schema.oneOf || schema.anyOf) return describeUnion(schema, ctx);
  if (schema.enum) return { kind: 'enum', options: schema.enum.map(String) };
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const name = String(path[path.length - 1] ?? '');
      return {
        kind: 'number',
        integer: schema.type === 'integer',
        ...(schema.minimum !== undefined && schema.minimum > -Number.MAX_SAFE_INTEGER ? { min: schema.minimum } : {}),
        ...(schema.exclusiveMinimum !== undefined ? { exclusiveMin: schema.exclusiveMinimum } : {}),
        ...(name.endsWith('Ms') ? { unit: 'ms' as const } : {}),
      };
    }
    case 'string':
      return { kind: 'text', ...(schema.pattern ? { pattern: schema.pattern } : {}) };
    case 'boolean':
      return { kind: 'boolean' };
    case 'object':
      return { kind: 'object', fields: describeFields(schema, path, ctx) };
    case 'array':
      return { kind: 'json', expects: 'array' };
    default:
      return { kind: 'json', expects: 'any' };
  }
}

function describeFields(schema: JsonSchema, path: Path, ctx: Context, skip?: string): FieldDef[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => name !== skip)
    .map(([name, raw]) => {
      const field = resolve(raw, ctx);
      const fieldPath = [...path, name];
      return {
        name,
        path: fieldPath,
        label: humanize(name),
        ...(field.description ? { description: field.description } : {}),
        required: required.has(name),
        ...(field.default !== undefined ? { default: field.default } : {}),
        spec: describeSpec(field, fieldPath, ctx),
      };
    });
}

/**
 * Where a form's schema comes from: a node kind's params, or `'job'`, the job document's own
 * settings (checkpointing, restart strategy, execution), whose paths start at the document's root.
 */
export type FormSource = NodeKind | 'job';

/** The job-level settings the job inspector generates its form from, with the format's descriptions. */
const JOB_SETTINGS_SCHEMA = z.object({
  checkpointing: JobDocumentSchema.shape.checkpointing,
  restart: JobDocumentSchema.shape.restart,
  execution: JobDocumentSchema.shape.execution,
});

/** The fields of a union's object option, below the union's path (its discriminator left out). */
export function optionFields(option: UnionOption, discriminator: string | null, path: Path, source: FormSource): FieldDef[] {
  if (option.kind !== 'object') return [];
  return describeFields(option.schema, path, contextOf(source), discriminator ?? undefined);
}

const contexts = new Map<FormSource, Context>();
const paramForms = new Map<NodeKind, FieldDef[]>();

function contextOf(source: FormSource): Context {
  let ctx = contexts.get(source);
  if (!ctx) {
    const schema = source === 'job' ? JOB_SETTINGS_SCHEMA : PARAM_SCHEMAS[source];
    const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    ctx =
      source === 'job'
        ? { root, codePaths: new Set(), keyPaths: new Set() }
        : { root, codePaths: new Set(KIND_INFO[source].codeParams), keyPaths: new Set(KIND_INFO[source].keyParams) };
    contexts.set(source, ctx);
  }
  return ctx;
}

let jobForm: readonly FieldDef[] | undefined;

/**
 * The form of the job's settings: `checkpointing` (an object of the checkpoint config's fields)
 * and `restart` (a union over the restart strategies), paths from the document's root.
 */
export function jobSettingFields(): readonly FieldDef[] {
  if (!jobForm) {
    const ctx = contextOf('job');
    jobForm = describeFields(ctx.root, [], ctx);
  }
  return jobForm;
}

/** The form of a kind's params (computed once per kind). */
export function paramFields(kind: NodeKind): readonly FieldDef[] {
  let fields = paramForms.get(kind);
  if (!fields) {
    const ctx = contextOf(kind);
    fields = describeFields(ctx.root, [], ctx);
    paramForms.set(kind, fields);
  }
  return fields;
}

/** The option a union's current value is (by constant or tag), or -1 when none matches. */
export function selectedOption(spec: Extract<FieldSpec, { kind: 'union' }>, value: unknown): number {
  return spec.options.findIndex((o) =>
    o.kind === 'const'
      ? Object.is(o.value, value)
      : value !== null && typeof value === 'object' && spec.discriminator !== null && (value as Record<string, unknown>)[spec.discriminator] === o.tag,
  );
}

/**
 * The value after switching a union to another option: the constant, or an object with the
 * new tag that keeps the current value's fields the new option also has (a tumbling window's
 * size survives the switch to sliding).
 */
export function switchOption(spec: Extract<FieldSpec, { kind: 'union' }>, index: number, current: unknown): unknown {
  const option = spec.options[index];
  if (!option) return undefined;
  if (option.kind === 'const') return option.value;
  const next: Record<string, unknown> = { [spec.discriminator!]: option.tag };
  if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
    for (const [key, v] of Object.entries(current)) if (key !== spec.discriminator && option.schema.properties?.[key]) next[key] = v;
  }
  return next;
}
