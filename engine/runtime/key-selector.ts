/** Turns a KeySpec (dot path or code) into a function from record to key. */
import { compilePath, getPath } from '../operators/field-path.js';
import type { KeySpec } from '../plan/execution-plan.js';
import { compileUserCode } from '../udf/compile.js';
import { attribute } from './operator-error.js';

/** A key selector. A key function that throws fails the node that defined the key. */
export function compileKeySelector(spec: KeySpec): (value: unknown) => unknown {
  if ('field' in spec) {
    const path = compilePath(spec.field, spec.param);
    return (v) => getPath(v, path);
  }
  let fn: unknown;
  try {
    fn = compileUserCode(spec.code);
  } catch (e) {
    throw attribute(new Error(`${spec.param}: ${(e as Error).message}`), spec.node);
  }
  if (typeof fn !== 'function') throw attribute(new Error(`${spec.param} must be a function, got ${typeof fn}`), spec.node);
  const select = fn as (value: unknown) => unknown;
  return (v) => {
    try {
      return select(v);
    } catch (e) {
      throw attribute(e, spec.node);
    }
  };
}
