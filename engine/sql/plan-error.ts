/** A compile error at a place in the script: what the planner reports as `line:column: message`. */
import type { Pos } from './ast.js';

export class PlanError extends Error {
  constructor(
    readonly pos: Pos,
    message: string,
  ) {
    super(message);
  }
}
