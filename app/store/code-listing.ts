/**
 * The code a job would run: every code param of every node, found through the kinds' tables
 * (`codeParams`, and `keyParams` written as functions). A job opened from a share link lists
 * this to the user before its first run.
 */
import type { EditableJob } from './job-types';
import { kindInfo } from './job-types';
import { getAt } from './paths';

export interface CodeListing {
  readonly nodeId: string;
  /** Dot path below `params`. */
  readonly param: string;
  readonly code: string;
}

// The engine's rule for a join key written as code (engine/graph/schema-parts.ts isCodeKey).
const CODE_KEY = /=>|\bfunction\b/;

/** Every piece of code in the job, in node order. */
export function codeInJob(doc: EditableJob): CodeListing[] {
  const found: CodeListing[] = [];
  for (const node of doc.nodes) {
    const info = kindInfo(node.kind);
    if (!info) continue;
    for (const param of info.codeParams) {
      const code = getAt(node.params, param.split('.'));
      if (typeof code === 'string' && code.trim() !== '') found.push({ nodeId: node.id, param, code });
    }
    for (const param of info.keyParams) {
      const code = getAt(node.params, param.split('.'));
      if (typeof code === 'string' && CODE_KEY.test(code)) found.push({ nodeId: node.id, param, code });
    }
  }
  return found;
}
