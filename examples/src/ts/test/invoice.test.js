'use strict';

const { createInvoice, renderInvoice } = require('../src/invoice');

const items = [
  { description: 'Enamel mug', unitCents: 1299, qty: 2 },
  { description: 'Green tea', unitCents: 650, qty: 1 },
];

describe('createInvoice', () => {
  test('totals net, VAT and gross', () => {
    const invoice = createInvoice('2024-001', items, 19);
    expect(invoice.netCents).toBe(3248);
    expect(invoice.vatCents).toBe(617);
    expect(invoice.grossCents).toBe(3865);
  });

  test('rejects an invoice without items', () => {
    expect(() => createInvoice('2024-002', [], 19)).toThrow('has no items');
  });
});

describe('renderInvoice', () => {
  test('prints one row per line and the totals', () => {
    const text = renderInvoice(createInvoice('2024-003', items, 19));
    expect(text).toContain('2 x Enamel mug');
    expect(text.split('\n').pop()).toBe('Total 38.65 EUR');
  });
});
