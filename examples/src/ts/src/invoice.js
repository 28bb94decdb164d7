'use strict';

const { formatMoney } = require('./money');

/** Builds an invoice from line items { description, unitCents, qty } and a VAT rate in percent. */
function createInvoice(number, items, vatPercent) {
  if (!items.length) {
    throw new Error(`invoice ${number} has no items`);
  }
  const lines = items.map((item) => ({ ...item, totalCents: item.unitCents * item.qty }));
  const netCents = lines.reduce((sum, line) => sum + line.totalCents, 0);
  const vatCents = Math.round((netCents * vatPercent) / 100);
  return { number, lines, netCents, vatCents, grossCents: netCents + vatCents };
}

/** Renders an invoice as plain text. */
function renderInvoice(invoice, currency = 'EUR') {
  const rows = invoice.lines.map(
    (line) => `${line.qty} x ${line.description.padEnd(24)} ${formatMoney(line.totalCents, currency)}`,
  );
  return [
    `Invoice ${invoice.number}`,
    ...rows,
    `Net   ${formatMoney(invoice.netCents, currency)}`,
    `VAT   ${formatMoney(invoice.vatCents, currency)}`,
    `Total ${formatMoney(invoice.grossCents, currency)}`,
  ].join('\n');
}

/** Days until the invoice is due; negative once it is overdue. */
function daysUntilDue(issuedOn, termDays, today) {
  const due = new Date(issuedOn);
  due.setUTCDate(due.getUTCDate() + termDays);
  return Math.round((due - new Date(today)) / 86400000);
}

module.exports = { createInvoice, renderInvoice, daysUntilDue };
