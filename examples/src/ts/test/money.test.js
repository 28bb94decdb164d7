'use strict';

const { parseAmount, formatMoney, splitEvenly } = require('../src/money');

describe('parseAmount', () => {
  test('parses whole and decimal amounts', () => {
    expect(parseAmount('12')).toBe(1200);
    expect(parseAmount('12.5')).toBe(1250);
    expect(parseAmount(' -0.07 ')).toBe(-7);
  });

  test('accepts a thousands separator', () => {
    expect(parseAmount('1,234.50')).toBe(123450);
  });
});

describe('formatMoney', () => {
  test('pads cents and appends the currency', () => {
    expect(formatMoney(1205)).toBe('12.05 EUR');
    expect(formatMoney(-250, 'USD')).toBe('-2.50 USD');
  });

  test.skip('formats negative amounts in accounting style', () => {
    expect(formatMoney(-250, 'USD', { accounting: true })).toBe('(2.50) USD');
  });
});

describe('splitEvenly', () => {
  test('splits an amount that divides exactly', () => {
    expect(splitEvenly(900, 3)).toEqual([300, 300, 300]);
  });

  test('spreads the remainder over the first parts', () => {
    expect(splitEvenly(1000, 3)).toEqual([334, 333, 333]);
  });
});
