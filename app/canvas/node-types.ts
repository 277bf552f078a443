/** React Flow's node types, defined once at module scope (recreating them remounts every node). */
import type { NodeTypes } from '@xyflow/react';
import { JobNodeView } from './JobNodeView';

export const NODE_TYPES: NodeTypes = { job: JobNodeView };
