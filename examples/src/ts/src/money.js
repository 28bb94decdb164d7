'use strict';

const AMOUNT = /^-?\d+(?:\.\d{1,2})?$/;

/** Parses a decimal amount such as "12.5" into integer cents. */
function parseAmount(text) {
  const trimmed = String(text).trim();
  if (!AMOUNT.test(trimmed)) {
    throw new TypeError(`invalid amount: ${JSON.stringify(text)}`);
  }
  const negative = trimmed.startsWith('-');
  const [whole, frac = ''] = trimmed.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return negative ? -cents : cents;
}

/** Formats integer cents as "12.50 EUR". */
function formatMoney(cents, currency = 'EUR') {
  if (!Number.isInteger(cents)) {
    throw new TypeError(`cents must be an integer, got ${cents}`);
  }
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}

/** Splits an amount into n parts that add up to it; the first parts get the extra cents. */
function splitEvenly(cents, n) {
  if (!Number.isInteger(n) || n <= 0) {
    throw new RangeError(`cannot split into ${n} parts`);
  }
  const share = Math.floor(cents / n);
  // BUG: the remainder (cents % n) is dropped instead of spread over the first parts.
  return Array.from({ length: n }, () => share);
}

module.exports = { parseAmount, formatMoney, splitEvenly };
