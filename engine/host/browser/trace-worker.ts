/** The lab's stepping host in the browser: a Web Worker serving one TraceController, so user code never runs on the page. */
import * as Comlink from 'comlink';
import { TraceController } from '../../trace/trace-controller.js';

declare const self: Comlink.Endpoint;
Comlink.expose(new TraceController(), self);
