/**
 * Node kind → operator. The only place that knows which class runs which kind; `keyBy` has no
 * operator (the planner turns it into hash-partitioned edges).
 */
import type { NodeKind } from '../graph/schema-params.js';
import { WindowOperator } from '../window/window-operator.js';
import { AggregateOperator } from './aggregate.js';
import { AsyncMapOperator } from './async-map.js';
import { GroupAggregateOperator } from './group-aggregate.js';
import { ConnectOperator } from './connect.js';
import { FilterOperator } from './filter.js';
import { FlatMapOperator } from './flat-map.js';
import { IntervalJoinOperator } from './join-interval.js';
import { WindowJoinOperator } from './join-window.js';
import { MapOperator } from './map.js';
import type { StreamOperator } from './operator.js';
import { ProcessOperator } from './process.js';
import { ProcessBroadcastOperator } from './process-broadcast.js';
import { ReduceOperator } from './reduce.js';
import { CollectSinkOperator } from './sink-collect.js';
import { FileSinkOperator } from './sink-file.js';
import { CollectionSource } from './source-collection.js';
import { DatagenSource } from './source-datagen.js';
import { FileSource } from './source-file.js';
import { UnionOperator } from './union.js';
import { WebSocketSinkOperator } from './sink-websocket.js';
import { WebSocketSource } from './source-websocket.js';
import { SseSource } from './source-sse.js';
import { CepPatternOperator } from './cep-pattern.js';
import { WatermarksOperator } from './watermarks.js';
import { SqlIntervalJoinOperator } from './join-sql-interval.js';
import { RegularJoinOperator } from './join-regular.js';
import { RankOperator } from './rank.js';
import { TemporalJoinOperator } from './join-temporal.js';
import { SemiAntiJoinOperator } from './join-semi-anti.js';

const OPERATORS: Record<Exclude<NodeKind, 'keyBy'>, new () => StreamOperator> = {
  'source.collection': CollectionSource,
  'source.datagen': DatagenSource,
  'source.file': FileSource,
  watermarks: WatermarksOperator,
  map: MapOperator,
  filter: FilterOperator,
  flatMap: FlatMapOperator,
  reduce: ReduceOperator,
  aggregate: AggregateOperator,
  groupAggregate: GroupAggregateOperator,
  window: WindowOperator,
  process: ProcessOperator,
  union: UnionOperator,
  connect: ConnectOperator,
  'join.window': WindowJoinOperator,
  'join.interval': IntervalJoinOperator,
  'sink.collect': CollectSinkOperator,
  'sink.file': FileSinkOperator,
  'source.websocket': WebSocketSource,
  'sink.websocket': WebSocketSinkOperator,
  'source.sse': SseSource,
  'cep.pattern': CepPatternOperator,
  'process.broadcast': ProcessBroadcastOperator,
  'join.sqlInterval': SqlIntervalJoinOperator,
  'join.regular': RegularJoinOperator,
  rank: RankOperator,
  'join.temporal': TemporalJoinOperator,
  'join.semiAnti': SemiAntiJoinOperator,
  asyncMap: AsyncMapOperator,
};

/** A fresh operator for a node kind. */
export function createOperator(kind: string): StreamOperator {
  const Operator = OPERATORS[kind as keyof typeof OPERATORS];
  if (Operator === undefined) throw new Error(`no operator runs node kind "${kind}"`);
  return new Operator();
}
