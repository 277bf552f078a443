/** The run's live metrics, re-read whenever a tick changed them (and only then). */
import { useApp } from '../store/app-store';
import type { LiveMetrics } from '../store/live-metrics';

export function useLiveMetrics(): { metrics: LiveMetrics; version: number } {
  const version = useApp((s) => s.metricsVersion);
  const metrics = useApp((s) => s.metrics);
  return { metrics, version };
}
