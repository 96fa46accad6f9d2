// A strict RFC 4180 reader for count uploads (`sku,counted`, header optional). Pure. No CSV library
// is in package.json and the format is two columns, so a small reader with exact errors beats a dependency.

export type CsvCountRow = { sku: string; counted: number; line: number };
export type CsvCountResult = { ok: true; rows: CsvCountRow[] } | { ok: false; line: number; message: string };

/** Records of an RFC 4180 text: quoted fields may hold commas, CRLF and doubled quotes. */
export function readCsvRecords(text: string): { ok: true; records: string[][] } | { ok: false; line: number; message: string } {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== "" || afterQuote) return { ok: false, line, message: "a quote inside an unquoted field" };
      quoted = true;
    } else if (ch === ",") {
      record.push(field);
      field = "";
      afterQuote = false;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      afterQuote = false;
      line++;
    } else {
      if (afterQuote) return { ok: false, line, message: "text after a closing quote" };
      field += ch;
    }
  }
  if (quoted) return { ok: false, line, message: "a quoted field is not closed" };
  if (field !== "" || record.length > 0 || afterQuote) {
    record.push(field);
    records.push(record);
  }
  return { ok: true, records };
}

/** `sku,counted` rows; blank lines skipped; a first row whose second field is not a number is a header. */
export function parseCountsCsv(text: string): CsvCountResult {
  const read = readCsvRecords(text);
  if (!read.ok) return read;
  const rows: CsvCountRow[] = [];
  for (let i = 0; i < read.records.length; i++) {
    const rec = read.records[i];
    const line = i + 1;
    if (rec.length === 1 && rec[0].trim() === "") continue;
    if (rec.length !== 2) return { ok: false, line, message: `expected 2 fields (sku,counted), found ${rec.length}` };
    const sku = rec[0].trim();
    const qty = rec[1].trim();
    if (i === 0 && !/^-?\d+$/.test(qty) && /^sku$/i.test(sku)) continue;
    if (!sku) return { ok: false, line, message: "sku is empty" };
    if (!/^-?\d+$/.test(qty)) return { ok: false, line, message: `counted "${qty}" is not a whole number` };
    const counted = Number(qty);
    if (counted < 0) return { ok: false, line, message: "counted cannot be negative" };
    if (counted > 1_000_000_000) return { ok: false, line, message: "counted is too large" };
    rows.push({ sku, counted, line });
  }
  return { ok: true, rows };
}
