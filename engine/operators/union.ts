/**
 * `union`: every record of every input passes through unchanged, timestamp included. The
 * runtime merges the inputs' watermarks (minimum over channels) before they reach it.
 */
import { BaseOperator } from './base-operator.js';

export class UnionOperator extends BaseOperator {
  processElement(value: unknown, timestamp: number): void {
    this.out.collect(value, timestamp);
  }
}
