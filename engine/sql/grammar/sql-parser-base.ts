/**
 * The base class the extended FlinkSQL grammar's parser names (`superClass=SQLParserBase`), as
 * dt-sql-parser's: its `shouldMatchEmpty` predicate lets dt-sql-parser's completion match an empty
 * column at the caret. The compiler parses to validate, where dt-sql-parser answers false too.
 */
import { Parser } from 'antlr4ng';

export abstract class SQLParserBase extends Parser {
  shouldMatchEmpty(): boolean {
    return false;
  }
}
