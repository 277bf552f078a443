/**
 * The checkpoint reader's Web Worker: a checkpoint of 100 000 keys is decoded, tabled, filtered
 * and diffed here, never on the page. Reads data only; runs no user code.
 */
import * as Comlink from 'comlink';
import { createCheckpointReader } from './checkpoint-reader';

declare const self: Comlink.Endpoint;
Comlink.expose(createCheckpointReader(), self);
