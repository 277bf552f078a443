import { describe, expect, it } from 'vitest';
import { CepPatternParamsSchema } from '../graph/schema-cep.js';
import { CepPatternOperator } from './cep-pattern.js';
import { OperatorHarness } from './harness.js';
import { MAX_WATERMARK } from './operator.js';

type Ev = { n: string; v?: number };

/** A stage whose condition accepts events whose name starts with `prefix`. */
const is = (prefix: string) => `(e) => e.n.startsWith(${JSON.stringify(prefix)})`;
/** Every match as its events' names in stage order, e.g. "c a1 a2 b". */
const NAMES = '(m) => Object.values(m).flat().map((e) => e.n).join(" ")';

function harness(params: Record<string, unknown>, options: { keyed?: boolean } = {}): OperatorHarness {
  const parsed = CepPatternParamsSchema.parse({ select: NAMES, ...params });
  return new OperatorHarness(new CepPatternOperator(), {
    nodeId: 'cep',
    kind: 'cep.pattern',
    params: parsed,
    ...(options.keyed === false ? { constantKey: true } : { keys: [(e: any) => e.k ?? 'k'] }),
  });
}

/** Feeds events at timestamps 1, 2, 3, … (or as given) and ends with the watermark +∞. */
function run(params: Record<string, unknown>, events: Array<Ev | [Ev, number]>): OperatorHarness {
  const h = harness(params);
  events.forEach((e, i) => {
    if (Array.isArray(e)) h.processElement(e[0], e[1]);
    else h.processElement(e, i + 1);
  });
  return h.processWatermark(MAX_WATERMARK);
}

const names = (...ns: string[]): Ev[] => ns.map((n) => ({ n }));
const sorted = (xs: unknown[]) => [...(xs as string[])].sort();

describe('cep.pattern: contiguity (Flink docs, "Combining Patterns": a c b1 b2 against "a b")', () => {
  const input = names('a', 'c', 'b1', 'b2');
  const pattern = (type: string) => [
    { name: 'a', type: 'begin', where: is('a') },
    { name: 'b', type, where: is('b') },
  ];

  it('strict contiguity (next) finds no match', () => {
    expect(run({ pattern: pattern('next') }, input).records()).toEqual([]);
  });

  it('relaxed contiguity (followedBy) finds {a b1}', () => {
    expect(run({ pattern: pattern('followedBy') }, input).records()).toEqual(['a b1']);
  });

  it('non-deterministic relaxed contiguity (followedByAny) finds {a b1} and {a b2}', () => {
    expect(run({ pattern: pattern('followedByAny') }, input).records()).toEqual(['a b1', 'a b2']);
  });
});

describe('cep.pattern: contiguity within looping patterns (Flink docs: C D A1 A2 A3 D A4 B)', () => {
  const input = names('c', 'd', 'a1', 'a2', 'a3', 'd', 'a4', 'b');
  const pattern = (extra: Record<string, unknown>) => [
    { name: 'start', type: 'begin', where: is('c') },
    { name: 'middle', type: 'followedBy', where: is('a'), oneOrMore: true, ...extra },
    { name: 'end1', type: 'followedBy', where: is('b') },
  ];

  it('consecutive: {C A1 B}, {C A1 A2 B}, {C A1 A2 A3 B}', () => {
    expect(sorted(run({ pattern: pattern({ consecutive: true }) }, input).records())).toEqual(sorted(['c a1 b', 'c a1 a2 b', 'c a1 a2 a3 b']));
  });

  it('without consecutive (relaxed): also {C A1 A2 A3 A4 B}', () => {
    expect(sorted(run({ pattern: pattern({}) }, input).records())).toEqual(sorted(['c a1 b', 'c a1 a2 b', 'c a1 a2 a3 b', 'c a1 a2 a3 a4 b']));
  });

  it('allowCombinations: every combination of the A events after A1', () => {
    expect(sorted(run({ pattern: pattern({ allowCombinations: true }) }, input).records())).toEqual(
      sorted(['c a1 b', 'c a1 a2 b', 'c a1 a3 b', 'c a1 a4 b', 'c a1 a2 a3 b', 'c a1 a2 a4 b', 'c a1 a3 a4 b', 'c a1 a2 a3 a4 b']),
    );
  });
});

/** A condition accepting events whose name contains `part` (Flink's tests use `getName().contains`). */
const has = (part: string) => `(e) => e.n.includes(${JSON.stringify(part)})`;

describe('cep.pattern: after-match skip strategies (Flink docs example: a1 a2 a3 b1 against "a+ b", consecutive, greedy)', () => {
  const input = names('a1', 'a2', 'a3', 'b1');
  const pattern = [
    { name: 'a', type: 'begin', where: has('a'), oneOrMore: true, consecutive: true, greedy: true },
    { name: 'b', type: 'next', where: has('b') },
  ];
  const cases: Array<[unknown, string[]]> = [
    ['noSkip', ['a1 a2 a3 b1', 'a2 a3 b1', 'a3 b1']],
    ['skipToNext', ['a1 a2 a3 b1', 'a2 a3 b1', 'a3 b1']],
    ['skipPastLastEvent', ['a1 a2 a3 b1']],
    [{ skipToFirst: 'a' }, ['a1 a2 a3 b1', 'a2 a3 b1', 'a3 b1']],
    [{ skipToLast: 'a' }, ['a1 a2 a3 b1', 'a3 b1']],
  ];
  for (const [afterMatchSkip, expected] of cases) {
    it(`${JSON.stringify(afterMatchSkip)}: ${expected.join(', ')}`, () => {
      expect(run({ pattern, afterMatchSkip }, input).records()).toEqual(expected);
    });
  }
});

describe("cep.pattern: after-match skip strategies (Flink's AfterMatchSkipITCase)", () => {
  const six = names('a1', 'a2', 'a3', 'a4', 'a5', 'a6');
  const times3 = [{ name: 'start', type: 'begin', where: has('a'), times: 3 }];

  it('noSkip over times(3): a1 a2 a3, a2 a3 a4, a3 a4 a5, a4 a5 a6', () => {
    expect(sorted(run({ pattern: times3 }, six).records())).toEqual(sorted(['a1 a2 a3', 'a2 a3 a4', 'a3 a4 a5', 'a4 a5 a6']));
  });

  it('skipPastLastEvent over times(3): a1 a2 a3, a4 a5 a6', () => {
    expect(run({ pattern: times3, afterMatchSkip: 'skipPastLastEvent' }, six).records()).toEqual(['a1 a2 a3', 'a4 a5 a6']);
  });

  const abTimes = [
    { name: 'start', type: 'begin', where: has('a'), times: 2 },
    { name: 'end', type: 'next', where: has('b'), times: 2 },
  ];
  it('skipToFirst("end") over ab1…ab6: ab1 ab2 ab3 ab4, ab3 ab4 ab5 ab6', () => {
    expect(run({ pattern: abTimes, afterMatchSkip: { skipToFirst: 'end' } }, names('ab1', 'ab2', 'ab3', 'ab4', 'ab5', 'ab6')).records()).toEqual(['ab1 ab2 ab3 ab4', 'ab3 ab4 ab5 ab6']);
  });

  it('skipToLast("end") over ab1…ab7: ab1 ab2 ab3 ab4, ab4 ab5 ab6 ab7', () => {
    expect(run({ pattern: abTimes, afterMatchSkip: { skipToLast: 'end' } }, names('ab1', 'ab2', 'ab3', 'ab4', 'ab5', 'ab6', 'ab7')).records()).toEqual(['ab1 ab2 ab3 ab4', 'ab4 ab5 ab6 ab7']);
  });

  it('skipPastLastEvent with followedByAny: only a1 b1 c1 d1', () => {
    const p = [
      { name: 'a', type: 'begin', where: has('a') },
      { name: 'b', type: 'followedByAny', where: has('b') },
      { name: 'c', type: 'followedByAny', where: has('c') },
      { name: 'd', type: 'followedBy', where: has('d') },
    ];
    expect(run({ pattern: p, afterMatchSkip: 'skipPastLastEvent' }, names('a1', 'a2', 'b1', 'b2', 'c1', 'c2', 'd1', 'd2')).records()).toEqual(['a1 b1 c1 d1']);
  });

  it('skipPastLastEvent with next: a1 c a2 b2 gives a2 b2', () => {
    const p = [
      { name: 'a', type: 'begin', where: has('a') },
      { name: 'b', type: 'next', where: has('b') },
    ];
    expect(run({ pattern: p, afterMatchSkip: 'skipPastLastEvent' }, names('a1', 'c', 'a2', 'b2')).records()).toEqual(['a2 b2']);
  });

  const twoVars = [
    { name: 'start', type: 'begin', where: has('a') },
    { name: 'end', type: 'followedByAny', where: has('b') },
  ];
  it('noSkip with followedByAny: a1 b1, a1 b2, a2 b2', () => {
    expect(sorted(run({ pattern: twoVars }, names('a1', 'b1', 'a2', 'b2')).records())).toEqual(sorted(['a1 b1', 'a1 b2', 'a2 b2']));
  });
  it('skipToNext with followedByAny: a1 b1, a2 b2', () => {
    expect(run({ pattern: twoVars, afterMatchSkip: 'skipToNext' }, names('a1', 'b1', 'a2', 'b2')).records()).toEqual(['a1 b1', 'a2 b2']);
  });

  const atEnd = [
    { name: 'start', type: 'begin', where: has('a') },
    { name: 'end', type: 'next', where: has('b'), oneOrMore: true },
  ];
  it('noSkip with a quantifier at the end: a1 b1, a1 b1 b2, a1 b1 b2 b3', () => {
    expect(sorted(run({ pattern: atEnd }, names('a1', 'b1', 'b2', 'b3')).records())).toEqual(sorted(['a1 b1', 'a1 b1 b2', 'a1 b1 b2 b3']));
  });
  it('skipToNext with a quantifier at the end: a1 b1', () => {
    expect(run({ pattern: atEnd, afterMatchSkip: 'skipToNext' }, names('a1', 'b1', 'b2', 'b3')).records()).toEqual(['a1 b1']);
  });

  const oneOrMoreB = [
    { name: 'a', type: 'begin', where: has('a') },
    { name: 'b', type: 'next', where: has('b'), oneOrMore: true, consecutive: true },
  ];
  for (const skip of [{ skipToFirst: 'b' }, { skipToLast: 'b' }]) {
    it(`${JSON.stringify(skip)} with oneOrMore: a1 b1, a2 b2, a3 b4`, () => {
      expect(run({ pattern: oneOrMoreB, afterMatchSkip: skip }, names('a1', 'b1', 'a2', 'b2', 'b3', 'a3', 'b4')).records()).toEqual(['a1 b1', 'a2 b2', 'a3 b4']);
    });
  }

  it('skipToFirst("b") when the match has no "b": no skipping (a c)', () => {
    const p = [
      { name: 'a', type: 'begin', where: has('a') },
      { name: 'b', type: 'next', where: has('b'), oneOrMore: true, optional: true, consecutive: true },
      { name: 'c', type: 'next', where: has('c') },
    ];
    expect(run({ pattern: p, afterMatchSkip: { skipToFirst: 'b' } }, names('a', 'c')).records()).toEqual(['a c']);
  });
});

describe('cep.pattern: quantifiers', () => {
  it('times(2) with relaxed inner contiguity skips events that do not match', () => {
    const p = [
      { name: 'a', type: 'begin', where: is('a'), times: 2 },
      { name: 'b', type: 'next', where: is('b') },
    ];
    expect(run({ pattern: p }, names('a1', 'x', 'a2', 'b')).records()).toEqual(['a1 a2 b']);
  });

  it('times(2) consecutive', () => {
    const p = [
      { name: 'a', type: 'begin', where: is('a'), times: 2, consecutive: true },
      { name: 'b', type: 'next', where: is('b') },
    ];
    expect(run({ pattern: p }, names('a1', 'x', 'a2', 'a3', 'b')).records()).toEqual(['a2 a3 b']);
  });

  it('times(1, 3) and times(1, 3) greedy: greedy takes as many as it can', () => {
    const p = (greedy: boolean) => [
      { name: 'a', type: 'begin', where: is('a'), times: { from: 1, to: 3 }, ...(greedy ? { greedy: true } : {}), consecutive: true },
      { name: 'b', type: 'next', where: '(e) => e.n.startsWith("a") || e.n.startsWith("b")' },
    ];
    // b accepts a's too: without greedy, a1 a2 may end with b = a3; greedy keeps a3 in "a".
    const plain = run({ pattern: p(false) }, names('a1', 'a2', 'a3', 'b1')).records();
    const greedy = run({ pattern: p(true) }, names('a1', 'a2', 'a3', 'b1')).records();
    expect(plain).toContain('a1 a2');
    expect(greedy).not.toContain('a1 a2');
    expect(greedy).toContain('a1 a2 a3 b1');
  });

  it('optional: the stage may be skipped', () => {
    const p = [
      { name: 'a', type: 'begin', where: is('a') },
      { name: 'b', type: 'next', where: is('b'), optional: true },
      { name: 'c', type: 'next', where: is('c') },
    ];
    expect(sorted(run({ pattern: p }, names('a1', 'c1', 'a2', 'b2', 'c2')).records())).toEqual(sorted(['a1 c1', 'a2 b2 c2']));
  });

  it('timesOrMore(2)', () => {
    const p = [
      { name: 'a', type: 'begin', where: is('a'), timesOrMore: 2, consecutive: true },
      { name: 'b', type: 'next', where: is('b') },
    ];
    expect(sorted(run({ pattern: p }, names('a1', 'a2', 'a3', 'b')).records())).toEqual(sorted(['a1 a2 a3 b', 'a2 a3 b']));
  });

  it('a looping stage at the end emits every extension', () => {
    const p = [
      { name: 'a', type: 'begin', where: is('a') },
      { name: 'b', type: 'followedBy', where: is('b'), oneOrMore: true },
    ];
    expect(run({ pattern: p }, names('a', 'b1', 'b2')).records()).toEqual(['a b1', 'a b1 b2']);
  });
});

describe('cep.pattern: conditions', () => {
  it('an iterative condition sees the events already matched (Flink docs: sum of prices below 5)', () => {
    const p = [
      { name: 'start', type: 'begin', where: is('s') },
      {
        name: 'middle',
        type: 'followedBy',
        oneOrMore: true,
        where: '(e, ctx) => { if (!e.n.startsWith("foo")) return false; let sum = e.v; for (const m of ctx.getEventsForPattern("middle")) sum += m.v; return sum < 5; }',
      },
      { name: 'end', type: 'followedBy', where: is('e') },
    ];
    const input: Ev[] = [{ n: 's' }, { n: 'foo1', v: 2 }, { n: 'foo2', v: 2 }, { n: 'foo3', v: 2 }, { n: 'end' }];
    // foo3 would bring the sum to 6: the looping stage skips it (relaxed), so the match stops at foo2.
    expect(sorted(run({ pattern: p }, input).records())).toEqual(sorted(['s foo1 end', 's foo1 foo2 end']));
  });

  it('a condition result counts by truthiness, as a filter does', () => {
    const p = [
      { name: 'a', type: 'begin', where: '(e) => e.v' },
      { name: 'b', type: 'next', where: '(e) => e.n.match(/^b/)' },
    ];
    expect(run({ pattern: p }, [{ n: 'a0', v: 0 }, { n: 'a1', v: 1 }, { n: 'b' }]).records()).toEqual(['a1 b']);
  });

  it("a condition that throws names the node, the field and the stage", () => {
    const p = [{ name: 'a', type: 'begin', where: '(e) => e.x.y' }];
    expect(() => run({ pattern: p }, names('a'))).toThrow(/cep\.pattern node "cep", params\.pattern\.0\.where \(stage "a"\)/);
  });
});

describe('cep.pattern: NOT stages', () => {
  it('notNext: the event right after "a" must not be "b"', () => {
    const p = [
      { name: 'a', type: 'begin', where: is('a') },
      { name: 'nb', type: 'notNext', where: is('b') },
      { name: 'c', type: 'followedBy', where: is('c') },
    ];
    expect(run({ pattern: p }, names('a1', 'b', 'c1', 'a2', 'x', 'c2')).records()).toEqual(['a2 c2']);
  });

  it('notFollowedBy in the middle: no "b" between "a" and "c"', () => {
    const p = [
      { name: 'a', type: 'begin', where: is('a') },
      { name: 'nb', type: 'notFollowedBy', where: is('b') },
      { name: 'c', type: 'followedBy', where: is('c') },
    ];
    expect(run({ pattern: p }, names('a1', 'b', 'c1', 'a2', 'x', 'c2')).records()).toEqual(['a2 c2']);
  });

  it('notFollowedBy at the end with within: the match completes when within runs out, stamped with that time', () => {
    const p = [
      { name: 'a', type: 'begin', where: is('a') },
      { name: 'nb', type: 'notFollowedBy', where: is('b') },
    ];
    const h = harness({ pattern: p, withinMs: 5 });
    h.processElement({ n: 'a1' }, 1).processElement({ n: 'x' }, 2).processElement({ n: 'a2' }, 3).processElement({ n: 'b' }, 7);
    h.processWatermark(4);
    expect(h.records()).toEqual([]);
    h.processWatermark(10);
    // a1's window [1, 6) passed without a b: it matches when time reaches the next element (7);
    // a2's window [3, 8) holds the b at 7.
    expect(h.recordsWithTimestamps()).toEqual([['a1', 7]]);
  });
});

describe('cep.pattern: within and timeouts', () => {
  const p = [
    { name: 'a', type: 'begin', where: is('a') },
    { name: 'b', type: 'followedBy', where: is('b') },
  ];

  it('a match must complete within the time of its first event; timed-out partial matches go to the timeout output', () => {
    const h = harness({ pattern: p, withinMs: 10, timeoutOutput: 'timeouts', timeoutSelect: '(m, ts) => ({ a: m.a[0].n, ts })' });
    h.processElement({ n: 'a1' }, 1).processElement({ n: 'a2' }, 5).processElement({ n: 'b1' }, 12);
    h.processWatermark(20);
    expect(h.recordsWithTimestamps()).toEqual([['a2 b1', 12]]);
    // a1 timed out at 11, before b1 (12) arrived; a2 completed with b1.
    expect(h.output.filter((e) => e.kind === 'side')).toEqual([{ kind: 'side', tag: 'timeouts', value: { a: 'a1', ts: 11 }, timestamp: 11 }]);
  });

  it('without timeoutSelect the timed-out partial match itself goes out', () => {
    const h = harness({ pattern: p, withinMs: 10, timeoutOutput: 'timeouts' });
    h.processElement({ n: 'a1' }, 1).processWatermark(100);
    expect(h.side('timeouts')).toEqual([{ a: [{ n: 'a1' }] }]);
  });
});

describe('cep.pattern: event time', () => {
  const p = [
    { name: 'a', type: 'begin', where: is('a') },
    { name: 'b', type: 'next', where: is('b') },
  ];

  it('buffers records until the watermark passes them, then matches in timestamp order', () => {
    const h = harness({ pattern: p });
    h.processElement({ n: 'b' }, 20).processElement({ n: 'a' }, 10);
    expect(h.records()).toEqual([]);
    h.processWatermark(19);
    expect(h.records()).toEqual([]);
    h.processWatermark(20);
    expect(h.recordsWithTimestamps()).toEqual([['a b', 20]]);
  });

  it('a record at or behind the watermark is late: dropped, or sent to lateOutput', () => {
    const dropped = harness({ pattern: p });
    dropped.processWatermark(10).processElement({ n: 'a' }, 10).processElement({ n: 'b' }, 11).processWatermark(20);
    expect(dropped.records()).toEqual([]);
    const side = harness({ pattern: p, lateOutput: 'late' });
    side.processWatermark(10).processElement({ n: 'a' }, 10);
    expect(side.output.filter((e) => e.kind === 'side')).toEqual([{ kind: 'side', tag: 'late', value: { n: 'a' }, timestamp: 10 }]);
  });

  it('matches per key: events of other keys do not break strict contiguity', () => {
    const h = harness({ pattern: p, select: '(m, ctx) => ctx.key + ":" + m.a[0].n + m.b[0].n' });
    h.processElement({ n: 'a', k: 'x' }, 1).processElement({ n: 'a', k: 'y' }, 2).processElement({ n: 'b', k: 'x' }, 3).processElement({ n: 'c', k: 'y' }, 4);
    h.processWatermark(MAX_WATERMARK);
    expect(h.records()).toEqual(['x:ab']);
  });

  it('non-keyed: one NFA over the whole stream', () => {
    const h = harness({ pattern: p }, { keyed: false });
    h.processElement({ n: 'a', k: 'x' }, 1).processElement({ n: 'b', k: 'y' }, 2).processWatermark(MAX_WATERMARK);
    expect(h.records()).toEqual(['a b']);
  });

  it('records without a timestamp fail with the node named', () => {
    expect(() => harness({ pattern: p }).processElement({ n: 'a' })).toThrow(/cep\.pattern node "cep": records need event timestamps/);
  });
});

describe('cep.pattern: snapshot and restore', () => {
  it('restoring partial matches, buffered records and timers gives the output of an uninterrupted run', () => {
    const params = {
      pattern: [
        { name: 'fails', type: 'begin', where: is('fail'), times: 3 },
        { name: 'ok', type: 'followedBy', where: is('ok') },
      ],
      withinMs: 100,
      timeoutOutput: 'timeouts',
      afterMatchSkip: 'skipPastLastEvent',
    };
    const input: Array<[Ev, number]> = [
      [{ n: 'fail1' }, 1],
      [{ n: 'fail2' }, 2],
      [{ n: 'fail3' }, 4],
      [{ n: 'fail4' }, 3],
      [{ n: 'ok1' }, 6],
      [{ n: 'fail5' }, 150],
      [{ n: 'fail6' }, 160],
      [{ n: 'fail7' }, 170],
    ];
    // Watermark = the largest timestamp so far − 2, after every record.
    const feed = (h: OperatorHarness, from: number, to: number) => {
      for (let i = from; i < to; i++) {
        h.processElement(input[i]![0], input[i]![1]);
        h.processWatermark(Math.max(...input.slice(0, i + 1).map(([, ts]) => ts)) - 2);
      }
    };
    const whole = harness(params);
    feed(whole, 0, input.length);
    whole.processWatermark(MAX_WATERMARK);

    for (const cut of [2, 4, 6, 7]) {
      const first = harness(params);
      feed(first, 0, cut);
      const snapshot = first.snapshot();
      const second = harness(params).restore(snapshot);
      feed(second, cut, input.length);
      second.processWatermark(MAX_WATERMARK);
      expect([...first.output, ...second.output]).toEqual(whole.output);
    }
    expect(whole.records()).toEqual(['fail1 fail2 fail4 ok1']);
    expect(whole.side('timeouts')).toEqual([{ fails: [{ n: 'fail5' }, { n: 'fail6' }, { n: 'fail7' }] }, { fails: [{ n: 'fail6' }, { n: 'fail7' }] }, { fails: [{ n: 'fail7' }] }]);
  });
});
