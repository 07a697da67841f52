import PDFDocument from 'pdfkit';
import type { Invoice } from '../../shared/customer-api';

const money = (amount: number, currency: string) => {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
};

const STATUS: Record<string, string> = { draft: 'Draft', unpaid: 'Unpaid', paid: 'Paid', cancelled: 'Cancelled', refunded: 'Refunded' };

/**
 * An invoice as a PDF (A4, pdfkit's built-in Helvetica): exactly what its reader may see
 * of it — the lines of the products its billing covers, and the total only when it sees
 * every line, else the sum of its own lines and how many they are (rule 4).
 */
export function invoicePdf(invoice: Invoice, client: { name: string; reference: string; address?: string | null; country?: string | null; vatNumber?: string | null }, contact: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Invoice ${invoice.number}`, Subject: `Invoice ${invoice.number} for ${client.name}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.font('Helvetica-Bold').fontSize(20).text(`Invoice ${invoice.number}`);
    doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#555555');
    doc.text(contact);
    doc.moveDown();
    doc.fillColor('#000000').fontSize(11);
    doc.text(`To: ${client.name} (${client.reference})`);
    // The company's details as its profile keeps them.
    for (const line of (client.address ?? '').split('\n').map((l) => l.trim()).filter(Boolean)) doc.text(line);
    if (client.country) doc.text(client.country);
    if (client.vatNumber) doc.text(`VAT number: ${client.vatNumber}`);
    if (invoice.issuedOn) doc.text(`Issued: ${invoice.issuedOn}`);
    if (invoice.dueOn) doc.text(`Due: ${invoice.dueOn}`);
    doc.text(`Status: ${STATUS[invoice.invoiceStatus] ?? invoice.invoiceStatus}`);
    doc.moveDown(1.5);

    // Lines: description (and product) on the left, quantity × price and amount on the right.
    const amountWidth = 90;
    const priceWidth = 130;
    const textWidth = width - amountWidth - priceWidth - 10;
    const header = doc.y;
    doc.font('Helvetica-Bold').fontSize(10);
    doc.text('Description', left, header, { width: textWidth });
    doc.text('Quantity × price', left + textWidth + 5, header, { width: priceWidth, align: 'right' });
    doc.text('Amount', left + width - amountWidth, header, { width: amountWidth, align: 'right' });
    doc.moveTo(left, doc.y + 4).lineTo(left + width, doc.y + 4).strokeColor('#cccccc').stroke();
    doc.moveDown(0.6).font('Helvetica');
    for (const line of invoice.lines) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
      const top = doc.y;
      doc.fontSize(10).fillColor('#000000').text(line.description, left, top, { width: textWidth });
      doc.fontSize(8).fillColor('#555555').text(line.product ? line.product.name : 'Not tied to a product', { width: textWidth });
      const bottom = doc.y;
      doc.fontSize(10).fillColor('#000000');
      doc.text(`${line.quantity} × ${money(line.unitPrice, invoice.currency)}`, left + textWidth + 5, top, { width: priceWidth, align: 'right' });
      doc.text(money(line.amount, invoice.currency), left + width - amountWidth, top, { width: amountWidth, align: 'right' });
      doc.y = Math.max(bottom, doc.y) + 6;
    }
    doc.moveTo(left, doc.y).lineTo(left + width, doc.y).strokeColor('#cccccc').stroke();
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12);
    if (invoice.total !== null) {
      doc.text(`Total: ${money(invoice.total, invoice.currency)}`, left, doc.y, { width, align: 'right' });
    } else {
      doc.text(`Your lines: ${money(invoice.shownAmount, invoice.currency)}`, left, doc.y, { width, align: 'right' });
      doc.font('Helvetica').fontSize(9).fillColor('#555555');
      doc.text(`${invoice.linesShown} of the invoice's ${invoice.linesTotal} lines are yours to see; its total is not shown.`, left, doc.y, { width, align: 'right' });
    }
    doc.end();
  });
}
