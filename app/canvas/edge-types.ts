/** React Flow's edge types, defined once at module scope: the default edge is Eddy's (it shows the lab's watermarks). */
import type { EdgeTypes } from '@xyflow/react';
import { JobEdgeView } from './JobEdgeView';

export const EDGE_TYPES: EdgeTypes = { default: JobEdgeView };
