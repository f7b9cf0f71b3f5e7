// CSV for the controlled-substance report. Pure. Fields are quoted when needed, and a field that a
// spreadsheet would run as a formula (=, +, -, @ at the start, a text field) is prefixed with '.

export function csvField(value: string | number | null | undefined, options: { numeric?: boolean } = {}): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (!options.numeric && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null | undefined | { numeric: number | null })[][]): string {
  const line = (cells: typeof rows[number]) =>
    cells.map((c) => (c !== null && typeof c === "object" ? csvField(c.numeric, { numeric: true }) : csvField(c))).join(",");
  return [header.map((h) => csvField(h)).join(","), ...rows.map(line)].join("\r\n") + "\r\n";
}
