/** What Node worker threads load (bundled into one module by node-slots): a slot, or an inline job's attempt. */
export { serveSlot } from '../serve-slot.js';
export { runInlineThread } from './inline-thread-body.js';
export { provideWebSocket } from './web-socket.js';
export { nodeThreadTimes } from './thread-times.js';
