/**
 * The params of the live sources and sinks (`source.websocket`, `sink.websocket`, `source.sse`):
 * where they connect and how a message's text becomes records, read as `source.file` reads a file.
 */
import { z } from 'zod';
import { FileFormat, fieldPath, issueParams, positiveMs } from './schema-parts.js';

const webSocketUrl = () =>
  z
    .string()
    .regex(/^wss?:\/\/./i, { error: 'must be a ws:// or wss:// URL' })
    .describe('WebSocket URL of the server (ws:// or wss://)');

/** How a live source reads each message's text: as `source.file` reads a file. */
const liveFormatShape = {
  format: FileFormat.default('jsonl').describe('"jsonl": one JSON record per line of a message; "csv": the first line is the header, then one row per line'),
  timestampField: fieldPath().optional().describe('Field holding the event timestamp (ms)'),
  columns: z.array(z.string().min(1)).min(1).optional().describe('CSV without a header line: the names of its fields, in order'),
  ignoreParseErrors: z
    .boolean()
    .optional()
    .describe('With the "errors" side output not wired: skip malformed lines instead of failing the job (default false)'),
};

export const SourceWebSocketParamsSchema = z
  .strictObject({
    url: webSocketUrl(),
    ...liveFormatShape,
    offsetField: fieldPath().optional().describe("Field holding each record's offset in the server's stream: checkpointed, and sent back in resumeMessage after a restore"),
    resumeMessage: z
      .string()
      .optional()
      .describe('Text sent right after connecting when an offset is known; {offset} is replaced by its JSON (for example {"resumeAfter": {offset}})'),
    reconnect: z.boolean().optional().describe('When the connection closes, connect again with exponential backoff instead of ending the source (default false)'),
    reconnectDelayMs: positiveMs().optional().describe('First wait before reconnecting (ms, default 500; doubles up to 30 s)'),
  })
  .superRefine((p, ctx) => {
    if (p.resumeMessage === undefined) return;
    if (!p.resumeMessage.includes('{offset}')) {
      ctx.addIssue({ code: 'custom', path: ['resumeMessage'], message: 'must contain {offset}, where the offset goes', params: issueParams('invalid-param') });
    }
    if (p.offsetField === undefined) {
      ctx.addIssue({ code: 'custom', path: ['offsetField'], message: 'resumeMessage needs offsetField: the field that holds the offset to resume from', params: issueParams('missing-param') });
    }
  });

export const SinkWebSocketParamsSchema = z.strictObject({
  url: webSocketUrl(),
});

export const SourceSseParamsSchema = z.strictObject({
  url: z
    .string()
    .regex(/^https?:\/\/./i, { error: 'must be an http:// or https:// URL' })
    .describe('URL of the Server-Sent Events stream (http:// or https://)'),
  ...liveFormatShape,
  event: z.string().min(1).default('message').describe('Only events of this type become records ("message": events without an event: field)'),
  reconnect: z.boolean().optional().describe('When the stream ends, connect again (sending Last-Event-ID) with exponential backoff instead of ending the source (default false)'),
  reconnectDelayMs: positiveMs().optional().describe("First wait before reconnecting (ms, default 500 or the server's retry:; doubles up to 30 s)"),
});
