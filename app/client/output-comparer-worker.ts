/**
 * The output comparer's Web Worker: the exactly-once check's and a replay's comparison of two
 * outputs run here, never on the page. Compares data only; runs no user code.
 */
import * as Comlink from 'comlink';
import { inThreadOutputComparer } from './output-comparer';

declare const self: Comlink.Endpoint;
Comlink.expose(inThreadOutputComparer(), self);
