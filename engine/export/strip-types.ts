/** TypeScript code params as JavaScript for GraalJS (which runs JavaScript only): sucrase, as Eddy's slots strip them. */
import { transform } from 'sucrase';

export function stripTypes(code: string): string {
  const out = transform(`(\n${code}\n)`, { transforms: ['typescript'], disableESTransforms: true }).code.trim();
  return out.replace(/;$/, '').replace(/^\(\n?/, '').replace(/\n?\)$/, '');
}
