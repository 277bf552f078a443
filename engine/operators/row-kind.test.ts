import { describe, expect, it } from 'vitest';
import { MemoryIO } from '../host/memory-io.js';
import { FilterOperator } from './filter.js';
import { FlatMapOperator } from './flat-map.js';
import { OperatorHarness } from './harness.js';
import { MapOperator } from './map.js';
import { RowKind } from './operator.js';
import { CollectSinkOperator } from './sink-collect.js';

const op = <T extends MapOperator | FilterOperator | FlatMapOperator>(o: T, code: string) => new OperatorHarness(o, { params: { code } });

describe('row kinds through stateless operators and sinks (Flink Calc keeps the RowKind)', () => {
  it('map, filter and flatMap keep each row its kind', () => {
    const map = op(new MapOperator(), '(r) => ({ n: r.n * 10 })');
    map.processRow('+I', { n: 1 }).processRow('-U', { n: 1 }).processRow('+U', { n: 2 }).processRow('-D', { n: 2 });
    expect(map.changelog()).toEqual([['+I', { n: 10 }], ['-U', { n: 10 }], ['+U', { n: 20 }], ['-D', { n: 20 }]]);
    const filter = op(new FilterOperator(), '(r) => r.n > 1');
    filter.processRow('-U', { n: 1 }).processRow('+U', { n: 2 }).processRow('-D', { n: 3 });
    expect(filter.changelog()).toEqual([['+U', { n: 2 }], ['-D', { n: 3 }]]);
    const flat = op(new FlatMapOperator(), '(r) => [r, r]');
    flat.processRow('-U', 'x').processElement('y', 0);
    expect(flat.changelog()).toEqual([['-U', 'x'], ['-U', 'x'], ['+I', 'y'], ['+I', 'y']]);
    // The kind is beside the value, never inside it.
    expect(map.records()).toEqual([{ n: 10 }, { n: 10 }, { n: 20 }, { n: 20 }]);
  });

  it('a collect sink hands the kind to the host, also for records held for a checkpoint', () => {
    const sink = new CollectSinkOperator();
    const h = new OperatorHarness(sink);
    h.processRow('+I', 'a').processRow('-U', 'a');
    expect(h.collectedChangelog).toEqual([['+I', 'a'], ['-U', 'a']]);
    sink.holdForCommit = true;
    h.processRow('+U', 'b').processRow('+I', 'c');
    sink.publish(sink.takePending());
    expect(h.collectedChangelog.slice(2)).toEqual([['+U', 'b'], ['+I', 'c']]);
  });

  it('in-memory results carry op beside value only when the row is not an INSERT', () => {
    const io = new MemoryIO();
    io.collect('result', 0, { n: 1 });
    io.collect('result', 0, { n: 1 }, RowKind.UPDATE_BEFORE);
    io.collect('result', 0, { n: 2 }, RowKind.UPDATE_AFTER);
    io.collect('result', 0, { n: 2 }, RowKind.DELETE);
    expect(io.collected).toEqual([
      { sink: 'result', value: { n: 1 } },
      { sink: 'result', op: '-U', value: { n: 1 } },
      { sink: 'result', op: '+U', value: { n: 2 } },
      { sink: 'result', op: '-D', value: { n: 2 } },
    ]);
  });
});
