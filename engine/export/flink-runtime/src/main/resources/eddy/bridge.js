// Eddy's function context on Flink, evaluated once per task before the node's code.
// Records cross between Java and JavaScript as JSON text; `host` is the Java FunctionHost.
(function () {
  const parse = (s) => (s === null || s === undefined ? undefined : JSON.parse(s));
  const text = (v) => (v === undefined ? null : JSON.stringify(v));
  const ttlOf = (o) => (o && o.ttlMs) || 0;
  function makeState(host) {
    const value = (name, o) => {
      const t = ttlOf(o);
      return {
        get: () => parse(host.valueGet(name, t)),
        update: (v) => (v === null || v === undefined ? host.valueClear(name, t) : host.valueUpdate(name, t, text(v))),
        clear: () => host.valueClear(name, t),
      };
    };
    return {
      value,
      list: (name, o) => {
        const t = ttlOf(o);
        return {
          get: () => parse(host.listGet(name, t)),
          add: (v) => host.listAdd(name, t, text(v)),
          update: (vs) => host.listUpdate(name, t, text(Array.from(vs))),
          clear: () => host.listClear(name, t),
        };
      },
      map: (name, o) => {
        const t = ttlOf(o);
        const entries = () => parse(host.mapEntries(name, t));
        return {
          get: (k) => parse(host.mapGet(name, t, text(k))),
          put: (k, v) => host.mapPut(name, t, text(k), text(v)),
          remove: (k) => host.mapRemove(name, t, text(k)),
          has: (k) => host.mapHas(name, t, text(k)),
          entries,
          keys: () => entries().map((e) => e[0]),
          values: () => entries().map((e) => e[1]),
          clear: () => host.mapClear(name, t),
        };
      },
      reducing: (name, f, o) => {
        const v = value(name, o);
        return { get: () => v.get(), add: (x) => { const cur = v.get(); v.update(cur === undefined ? x : f(cur, x)); }, clear: () => v.clear() };
      },
      aggregating: (name, spec, o) => {
        const v = value(name, o);
        return {
          get: () => { const acc = v.get(); return acc === undefined ? undefined : spec.result(acc); },
          add: (x) => { const acc = v.get(); v.update(spec.add(x, acc === undefined ? spec.create() : acc)); },
          clear: () => v.clear(),
        };
      },
    };
  }
  // ctx.operatorState: a CheckpointedFunction's list (union = false) or union list state.
  function operatorList(host, name, union) {
    const element = (v) => {
      if (v === null || v === undefined) throw new Error('operator state "' + name + '": elements may not be null');
      return v;
    };
    return {
      get: () => parse(host.operatorListGet(name, union)),
      add: (v) => host.operatorListAdd(name, union, text(element(v))),
      addAll: (vs) => { for (const v of vs) host.operatorListAdd(name, union, text(element(v))); },
      update: (vs) => host.operatorListUpdate(name, union, text(Array.from(vs, element))),
      clear: () => host.operatorListClear(name, union),
    };
  }
  const contexts = new Map();
  function contextOf(host) {
    let c = contexts.get(host);
    if (c === undefined) {
      const ctx = {
        key: undefined,
        timestamp: null,
        timeDomain: undefined,
        state: makeState(host),
        timers: {
          registerEventTime: (t) => host.registerEventTime(t),
          registerProcessingTime: (t) => host.registerProcessingTime(t),
          deleteEventTime: (t) => host.deleteEventTime(t),
          deleteProcessingTime: (t) => host.deleteProcessingTime(t),
        },
        currentWatermark: () => host.currentWatermark(),
        currentProcessingTime: () => host.currentProcessingTime(),
        broadcastState: (name) => {
          const entries = () => parse(host.broadcastEntries(name));
          const remove = (k) => host.broadcastRemove(name, text(k));
          const put = (k, v) => (v === undefined ? remove(k) : host.broadcastPut(name, text(k), text(v)));
          return {
            get: (k) => parse(host.broadcastGet(name, text(k))),
            contains: (k) => host.broadcastContains(name, text(k)),
            entries,
            keys: () => entries().map((e) => e[0]),
            values: () => entries().map((e) => e[1]),
            isEmpty: () => entries().length === 0,
            put,
            putAll: (es) => { for (const [k, v] of es) put(k, v); },
            remove,
            clear: () => host.broadcastClear(name),
          };
        },
        applyToKeyedState: () => {
          throw new Error('applyToKeyedState is not available in the exported Flink job yet');
        },
        operatorState: { list: (name) => operatorList(host, name, false), unionList: (name) => operatorList(host, name, true) },
      };
      const out = { collect: (v) => host.collect(text(v)), output: (tag, v) => host.output(tag, text(v)) };
      c = { ctx, out };
      contexts.set(host, c);
    }
    return c;
  }
  // Flink's ProcessWindowFunction.Context: one per function instance, re-pointed at each window.
  const windowContexts = new Map();
  function windowContextOf(windowHost, globalHost, start, end, maxTimestamp) {
    let ctx = windowContexts.get(windowHost);
    if (ctx === undefined) {
      ctx = {
        window: undefined,
        currentWatermark: () => globalHost.currentWatermark(),
        currentProcessingTime: () => globalHost.currentProcessingTime(),
        windowState: makeState(windowHost),
        globalState: makeState(globalHost),
        output: (tag, v) => globalHost.output(tag, text(v)),
      };
      windowContexts.set(windowHost, ctx);
    }
    ctx.window = { start, end, maxTimestamp };
    return ctx;
  }
  // Flink's ProcessJoinFunction.Context and Collector: one pair per function instance.
  const joinContexts = new Map();
  function joinContextOf(host) {
    let c = joinContexts.get(host);
    if (c === undefined) {
      c = {
        ctx: { leftTimestamp: 0, rightTimestamp: 0, timestamp: 0, output: (tag, v) => host.output(tag, text(v)) },
        out: { collect: (v) => host.collect(text(v)), output: (tag, v) => host.output(tag, text(v)) },
      };
      joinContexts.set(host, c);
    }
    return c;
  }
  // asyncMap: ctx.fetch and setTimeout wait in Java (JsAsyncMap.Host), which settles the Promise later.
  const response = (status, statusText, body) => ({
    ok: status >= 200 && status < 300,
    status,
    statusText,
    text: async () => body,
    json: async () => JSON.parse(body),
  });
  const message = (e) => (e instanceof Error ? e.message : String(e));
  let timersHost = null;
  if (typeof globalThis.setTimeout !== 'function') {
    globalThis.setTimeout = (fn, ms, ...args) => {
      if (timersHost === null) throw new Error('setTimeout is available to asyncMap functions only in the exported job');
      timersHost.setTimeout(() => fn(...args), ms === undefined ? 0 : Number(ms));
    };
  }
  return {
    asyncCall: (f, json, ctxJson, host, call) => {
      timersHost = host;
      const ctx = JSON.parse(ctxJson);
      ctx.fetch = (url, init) =>
        new Promise((resolve, reject) =>
          host.fetch(String(url), init === undefined ? null : JSON.stringify(init), (status, statusText, body) => resolve(response(status, statusText, body)), (m) => reject(new Error(m))),
        );
      new Promise((resolve) => resolve(f(JSON.parse(json), ctx))).then(
        (v) => call.resolved(text(v)),
        (e) => call.rejected(message(e)),
      );
    },
    call: (f, argsJson) => text(f(...JSON.parse(argsJson))),
    join: (f, host, leftJson, rightJson, leftTimestamp, rightTimestamp, timestamp) => {
      const { ctx, out } = joinContextOf(host);
      ctx.leftTimestamp = leftTimestamp;
      ctx.rightTimestamp = rightTimestamp;
      ctx.timestamp = timestamp;
      return text(f(JSON.parse(leftJson), JSON.parse(rightJson), ctx, out));
    },
    test: (f, json) => !!f(JSON.parse(json)),
    condition: (f, json, events, timestamp) =>
      !!f(JSON.parse(json), { getEventsForPattern: (name) => JSON.parse(events.events(name)), timestamp }),
    has: (handler, method) => typeof handler[method] === 'function',
    handle: (handler, method, host, keyJson, timestamp, domain, json) => {
      const { ctx, out } = contextOf(host);
      ctx.key = parse(keyJson);
      ctx.timestamp = timestamp;
      ctx.timeDomain = domain === null ? undefined : domain;
      if (method === 'onTimer') handler.onTimer(timestamp, ctx, out);
      else if (method === 'open') handler.open(ctx);
      else handler[method](JSON.parse(json), ctx, out);
    },
    window: (f, keyJson, start, end, maxTimestamp, elementsJson, windowHost, globalHost) => {
      const ctx = windowContextOf(windowHost, globalHost, start, end, maxTimestamp);
      const process = typeof f === 'function' ? f : f.process;
      return text(process.call(f, parse(keyJson), ctx.window, JSON.parse(elementsJson), ctx));
    },
    windowClear: (f, start, end, maxTimestamp, windowHost, globalHost) => {
      f.clear(windowContextOf(windowHost, globalHost, start, end, maxTimestamp));
    },
  };
})()
