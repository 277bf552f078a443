import { describe, expect, it } from 'vitest';
import { sqlCellText } from './sql-values';

describe('sqlCellText', () => {
  it("prints values as Flink's SQL client does", () => {
    expect(sqlCellText({ name: 'DECIMAL', precision: 38, scale: 2 }, 11)).toBe('11.00');
    expect(sqlCellText({ name: 'BIGINT' }, 3)).toBe('3');
    expect(sqlCellText({ name: 'BOOLEAN' }, false)).toBe('FALSE');
    expect(sqlCellText({ name: 'STRING' }, null)).toBe('NULL');
    expect(sqlCellText({ name: 'TIMESTAMP', precision: 3 }, '2020-04-15 08:00:00.000')).toBe('2020-04-15 08:00:00.000');
  });
});
