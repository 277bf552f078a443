/**
 * The small part of JavaScript that has a SQL form: an arrow function over its parameters'
 * fields with literals, arithmetic, comparisons and logic — `(r) => r.amount > 0 && r.kind === 'x'`
 * → `` `amount` > 0 AND `kind` = 'x' ``, or an object literal of such expressions for a projection.
 * Anything else is "not a simple expression" and the job exports to flink-java instead.
 */

export type SqlType = 'BIGINT' | 'DOUBLE' | 'STRING' | 'BOOLEAN' | 'TIMESTAMP(3)' | 'TIMESTAMP_LTZ(3)';

export interface SqlExpr {
  readonly sql: string;
  readonly type: SqlType;
}

/** Resolves `param.field` to a column (and its type); null when the field is unknown. */
export type FieldResolver = (param: number, field: string) => SqlExpr | null;

export class NotSimple extends Error {}

type Token = { t: 'num' | 'str' | 'id' | 'op'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s+|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([A-Za-z_$][\w$]*)|(===|!==|==|!=|<=|>=|=>|&&|\|\||[-+*/%<>!(){}:,.;?])/y;
  let i = 0;
  while (i < src.length) {
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new NotSimple(`cannot read "${src.slice(i, i + 10)}"`);
    i = re.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'num', v: m[1] });
    else if (m[2] !== undefined) out.push({ t: 'str', v: m[2] });
    else if (m[3] !== undefined) out.push({ t: 'id', v: m[3] });
    else if (m[4] !== undefined) out.push({ t: 'op', v: m[4] });
  }
  return out;
}

const quoteString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A parsed arrow function: its parameter names and its body (an expression or an object literal). */
class Parser {
  private i = 0;
  readonly params: string[] = [];

  constructor(
    private readonly tokens: Token[],
    private readonly resolve: FieldResolver,
  ) {}

  private peek(v?: string): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && (v === undefined || t.v === v);
  }
  private eat(v: string): void {
    if (!this.peek(v)) throw new NotSimple(`expected "${v}"`);
    this.i++;
  }
  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new NotSimple('unexpected end');
    return t;
  }

  /** `(a, b) =>` or `a =>`, then the body; a block may only `return` one expression. */
  arrow(): { body: Token[] } {
    if (this.peek('(')) {
      this.eat('(');
      while (!this.peek(')')) {
        const t = this.next();
        if (t.t !== 'id') throw new NotSimple('parameters must be plain names');
        this.params.push(t.v);
        if (this.peek(',')) this.eat(',');
      }
      this.eat(')');
    } else {
      const t = this.next();
      if (t.t !== 'id') throw new NotSimple('not an arrow function');
      this.params.push(t.v);
    }
    this.eat('=>');
    if (this.peek('{') && this.tokens[this.i + 1]?.v === 'return') {
      this.i += 2;
      const end = this.tokens.length - (this.tokens.at(-2)?.v === ';' ? 2 : 1);
      if (this.tokens.at(-1)?.v !== '}') throw new NotSimple('a block body must be only "return expression"');
      const body = this.tokens.slice(this.i, end);
      this.i = this.tokens.length;
      return { body };
    }
    const body = this.tokens.slice(this.i);
    this.i = this.tokens.length;
    return { body };
  }

  withTokens(tokens: Token[]): Parser {
    const p = new Parser(tokens, this.resolve);
    p.params.push(...this.params);
    return p;
  }

  end(): void {
    if (this.i < this.tokens.length) throw new NotSimple(`unexpected "${this.tokens[this.i]!.v}"`);
  }

  /** `({ a: expr, ... })` as named columns. */
  object(): { name: string; expr: SqlExpr }[] {
    const paren = this.peek('(');
    if (paren) this.eat('(');
    this.eat('{');
    const cols: { name: string; expr: SqlExpr }[] = [];
    while (!this.peek('}')) {
      const k = this.next();
      if (k.t !== 'id' && k.t !== 'str') throw new NotSimple('object keys must be names');
      const name = k.t === 'str' ? JSON.parse(k.v.replace(/^'|'$/g, '"')) : k.v;
      if (!this.peek(':')) throw new NotSimple('write every field as "name: expression"');
      this.eat(':');
      cols.push({ name, expr: this.expr() });
      if (this.peek(',')) this.eat(',');
    }
    this.eat('}');
    if (paren) this.eat(')');
    this.end();
    return cols;
  }

  expr(): SqlExpr {
    return this.binary(0);
  }

  private static LEVELS: { ops: Record<string, string>; type: (a: SqlExpr, b: SqlExpr) => SqlType }[] = [
    { ops: { '||': 'OR' }, type: () => 'BOOLEAN' },
    { ops: { '&&': 'AND' }, type: () => 'BOOLEAN' },
    { ops: { '===': '=', '==': '=', '!==': '<>', '!=': '<>' }, type: () => 'BOOLEAN' },
    { ops: { '<': '<', '<=': '<=', '>': '>', '>=': '>=' }, type: () => 'BOOLEAN' },
    { ops: { '+': '+', '-': '-' }, type: (a, b) => (a.type === 'DOUBLE' || b.type === 'DOUBLE' ? 'DOUBLE' : 'BIGINT') },
    { ops: { '*': '*', '/': '/', '%': '%' }, type: (a, b) => (a.type === 'DOUBLE' || b.type === 'DOUBLE' ? 'DOUBLE' : 'BIGINT') },
  ];

  private binary(level: number): SqlExpr {
    if (level >= Parser.LEVELS.length) return this.unary();
    const { ops, type } = Parser.LEVELS[level]!;
    let left = this.binary(level + 1);
    while (this.peek() && Object.hasOwn(ops, this.tokens[this.i]!.v) && this.tokens[this.i]!.t === 'op') {
      const op = this.next().v;
      const right = this.binary(level + 1);
      if (op === '+' && (left.type === 'STRING' || right.type === 'STRING')) throw new NotSimple('"+" on strings (use a flink-java export)');
      if (op === '/' && left.type !== 'DOUBLE' && right.type !== 'DOUBLE') {
        // JavaScript divides in floating point; SQL's BIGINT / BIGINT would truncate.
        left = { sql: `CAST(${left.sql} AS DOUBLE) / ${right.sql}`, type: 'DOUBLE' };
        continue;
      }
      left = { sql: `${left.sql} ${ops[op]} ${right.sql}`, type: type(left, right) };
    }
    return left;
  }

  private unary(): SqlExpr {
    if (this.peek('!')) {
      this.eat('!');
      return { sql: `NOT ${this.unary().sql}`, type: 'BOOLEAN' };
    }
    if (this.peek('-')) {
      this.eat('-');
      const e = this.unary();
      return { sql: `-${e.sql}`, type: e.type };
    }
    return this.primary();
  }

  private primary(): SqlExpr {
    const t = this.next();
    if (t.t === 'num') return { sql: t.v, type: /[.eE]/.test(t.v) ? 'DOUBLE' : 'BIGINT' };
    if (t.t === 'str') return { sql: quoteString(JSON.parse(t.v.startsWith("'") ? `"${t.v.slice(1, -1).replace(/"/g, '\\"')}"` : t.v)), type: 'STRING' };
    if (t.v === '(') {
      const e = this.expr();
      this.eat(')');
      return { sql: `(${e.sql})`, type: e.type };
    }
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { sql: t.v.toUpperCase(), type: 'BOOLEAN' };
      const param = this.params.indexOf(t.v);
      if (param < 0) throw new NotSimple(`"${t.v}" is neither a parameter nor a literal`);
      this.eat('.');
      const f = this.next();
      if (f.t !== 'id') throw new NotSimple('field access must be param.field');
      if (this.peek('.') || this.peek('(')) throw new NotSimple('nested fields and method calls');
      const col = this.resolve(param, f.v);
      if (col === null) throw new NotSimple(`unknown field "${f.v}"`);
      return col;
    }
    throw new NotSimple(`unexpected "${t.v}"`);
  }
}

/** `code` as a SQL condition or value over the resolved fields; throws NotSimple. */
export function jsToSql(code: string, resolve: FieldResolver): SqlExpr {
  const p = new Parser(tokenize(code.trim()), resolve);
  const { body } = p.arrow();
  const b = p.withTokens(body);
  const e = b.expr();
  b.end();
  return e;
}

/** `code` returning an object literal as named SQL columns; throws NotSimple. */
export function jsObjectToSql(code: string, resolve: FieldResolver): { name: string; expr: SqlExpr }[] {
  const p = new Parser(tokenize(code.trim()), resolve);
  const { body } = p.arrow();
  return p.withTokens(body).object();
}
