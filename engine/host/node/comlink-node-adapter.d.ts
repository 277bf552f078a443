// comlink ships its Node adapter without types.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  export default function nodeEndpoint(nodeEndpoint: unknown): Endpoint;
}
