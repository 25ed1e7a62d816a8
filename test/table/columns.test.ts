import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapColumns } from "../../src/table/columns";
import { decodeText } from "../../src/table/decode";
import { parseNumberText } from "../../src/table/numbers";
import { guessRoles } from "../../src/workbook/customers";
import { defaultCriteria } from "../../src/workbook/defaults";

const headersOnly = (headers: string[]) => mapColumns({ headers, rows: [] });

describe("mapColumns: core roles in other languages", () => {
  it.each([
    ["German", ["Kunde", "Umsatz 2025", "Deckungsbeitrag", "Kosten", "Kündigungswahrscheinlichkeit", "Region", "Branche"]],
    ["French", ["Client", "Chiffre d'affaires", "Marge", "Coûts", "Probabilité de résiliation", "Pays", "Secteur"]],
    ["Spanish", ["Cliente", "Ventas", "Margen", "Costes", "Probabilidad de abandono", "País", "Sector"]],
    ["Dutch", ["Klant", "Omzet", "Brutowinst", "Kosten", "Opzegkans", "Regio", "Segment"]],
    ["Swedish", ["Kund", "Omsättning", "Täckningsbidrag", "Kostnader", "Sannolikhet för bortfall", "Region", "Bransch"]],
    ["Danish", ["Kunde", "Omsætning", "Dækningsbidrag", "Omkostninger", "Sandsynlighed for opsigelse", "Land", "Segment"]],
    ["Finnish", ["Asiakas", "Liikevaihto", "Myyntikate", "Kustannukset", "Poistuma", "Alue", "Toimiala"]],
  ])("%s headers", (_, headers) => {
    const m = headersOnly(headers);
    expect(m.roles).toEqual({ name: 0, revenue: 1, margin: 2, cost: 3, churn: 4, region: 5, segment: 6 });
    expect(m.problems).toEqual([]);
  });

  it("recognises short and colloquial revenue headers", () => {
    expect(headersOnly(["Customer", "Rev"]).roles.revenue).toBe(1);
    expect(headersOnly(["Kunde", "Umsatz"]).roles).toEqual({ name: 0, revenue: 1 });
  });
});

describe("mapColumns: which column, and why", () => {
  const rows = (n: number, f: (i: number) => (string | number | null)[]) => Array.from({ length: n }, (_, i) => f(i));

  it("prefers the latest year and says so", () => {
    const m = headersOnly(["Customer", "Revenue 2023", "Revenue 2025", "Revenue 2024"]);
    expect(m.roles.revenue).toBe(2);
    expect(m.choices.find((c) => c.role === "revenue")!.reason).toMatch(/latest year \(2025\)/);
  });

  it("prefers actual over budget, plan, forecast; never takes a plan alone", () => {
    expect(headersOnly(["Customer", "Budget revenue", "Actual revenue", "Forecast revenue"]).roles.revenue).toBe(2);
    const planOnly = headersOnly(["Customer", "Budget revenue"]);
    expect(planOnly.roles.revenue).toBeUndefined();
    expect(planOnly.choices.find((c) => c.role === "revenue")!.reason).toMatch(/"Budget revenue" is a plan.*--column revenue="Budget revenue"/);
  });

  it("never takes a text column as an amount", () => {
    const m = mapColumns({ headers: ["Customer", "Revenue", "Cost"], rows: rows(4, (i) => [`C${i}`, 100 + i, `CC-${i}`]) });
    expect(m.roles.cost).toBeUndefined();
    expect(m.choices.find((c) => c.role === "cost")!.reason).toMatch(/holds text/);
    expect(mapColumns({ headers: ["Customer", "Revenue", "Cost center"], rows: [] }).roles.cost).toBeUndefined();
  });

  it("reads a renewal or retention probability as churn = 1 − p", () => {
    const m = mapColumns({ headers: ["Customer", "Revenue", "Probability of renewal"], rows: rows(3, (i) => [`C${i}`, 10, 0.9]) });
    expect(m.roles.churn).toBe(2);
    expect(m.churnIsComplement).toBe(true);
    // A 1–10 "Retention" rating is not a probability.
    expect(mapColumns({ headers: ["Customer", "Revenue", "Retention"], rows: rows(3, (i) => [`C${i}`, 10, 7]) }).roles.churn).toBeUndefined();
  });

  it("does not take 'Support cost' or 'Cost to serve' as the cost beside a margin", () => {
    expect(headersOnly(["Customer", "Revenue", "Margin", "Support cost"]).roles).toEqual({ name: 0, revenue: 1, margin: 2 });
  });

  it("refuses two equally good columns, naming them and the flag", () => {
    const m = headersOnly(["Customer", "Revenue", "Sales"]);
    expect(m.problems).toEqual([`cannot tell which column holds the revenue: "Revenue", "Sales" fit equally well; choose one with --column revenue="…", e.g. --column revenue="Revenue"`]);
    expect(m.choices.find((c) => c.role === "revenue")!.tied).toEqual([2]);
  });

  it("takes the user's column for every role, by header (any case) or letter, or none", () => {
    const m = headersOnly(["Customer", "Revenue", "Sales", "Cost", "Renewal %"]);
    const o = mapColumns({ headers: ["Customer", "Revenue", "Sales", "Cost", "Renewal %"], rows: [] }, { revenue: "sales", cost: null, retention: "E", name: "A" });
    expect(m.problems.length).toBe(1);
    expect(o.problems).toEqual([]);
    expect(o.roles).toEqual({ name: 0, revenue: 2, churn: 4 });
    expect(o.churnIsComplement).toBe(true);
    expect(o.choices.find((c) => c.role === "revenue")!.reason).toBe("set by --column revenue");
    expect(mapColumns({ headers: ["Customer", "Revenue"], rows: [] }, { revenue: "Umsatz" }).problems[0]).toMatch(/--column revenue: no column is named "Umsatz"/);
  });

  it("keeps guessRoles' answers for the pane", () => {
    expect(guessRoles(["Customer ID", "Customer", "Region", "Segment", "Revenue", "Cost", "Churn probability", "Revenue growth %", "Cost to serve"])).toEqual({
      name: 1,
      region: 2,
      segment: 3,
      revenue: 4,
      cost: 5,
      churn: 6,
    });
  });
});

describe("defaultCriteria: size decides first", () => {
  it("gives revenue as much weight as all other criteria, scores a complaints rating as a cost and cost to serve as a share", () => {
    const t = {
      sheetName: "S",
      origin: { row: 0, col: 0 },
      headers: ["Customer", "Revenue", "NPS", "Complaints (1-10)", "Revenue 2023", "Cost to serve (share of revenue)"],
      rows: [
        ["A", 100, 10, 3, 90, 0.1],
        ["B", 50, 20, 8, 40, 0.2],
      ],
    };
    const c = defaultCriteria(t, { name: 0, revenue: 1 });
    expect(c.map((x) => [x.label, x.direction, x.weight])).toEqual([
      ["Revenue", "benefit", 3],
      ["NPS", "benefit", 1],
      ["Complaints", "cost", 1],
      ["Cost to serve (share of revenue)", "cost", 1],
    ]);
    const total = c.reduce((s, x) => s + x.weight, 0);
    expect(c[0].weight / total).toBeGreaterThanOrEqual(0.5);
  });
});

describe("parseNumberText", () => {
  it.each([
    ["1.234,56", ",", 1234.56],
    ["1.234.567", ",", 1234567],
    ["€ 1.200", ",", 1200],
    ["1 234 567,89", ",", 1234567.89],
    ["$1,234.50", ".", 1234.5],
    ["1'234.5", ".", 1234.5],
    ["(500)", ".", -500],
    ["500-", ".", -500],
    ["-$500", ".", -500],
    ["12%", ".", 0.12],
    ["12,5 %", ",", 0.125],
    [" 1000000 ", ".", 1000000],
    ["1.000.000 kr", ",", 1000000],
    ["CHF 99", ".", 99],
  ] as const)("%s (decimal %s) → %d", (text, mark, value) => {
    expect(parseNumberText(text, mark)!.value).toBeCloseTo(value, 12);
  });

  it.each(["0012", "1e5", "abc", "12 visits", "1,23,4", "$12%", "NaN", ""])("%s is not a number", (text) => {
    expect(parseNumberText(text, ".")).toBeUndefined();
  });

  it("reads back every number it could have written (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const x = whole + Math.sign(whole || 1) * cents / 100;
        const us = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2 }).format(Math.abs(x));
        const de = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2 }).format(Math.abs(x));
        const sign = x < 0 ? -1 : 1;
        expect(sign * parseNumberText(us, ".")!.value).toBeCloseTo(x, 6);
        expect(sign * parseNumberText(de, ",")!.value).toBeCloseTo(x, 6);
        expect(parseNumberText(`(${us})`, ".")!.value).toBeCloseTo(-Math.abs(x), 6);
      }),
    );
  });
});

describe("decodeText", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it("uses a byte-order mark, UTF-16 without a mark, valid UTF-8, else Windows-1252", () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc("Müller")]))).toMatchObject({ text: "Müller", encoding: "utf-8", how: "byte-order mark" });
    const le = Buffer.from("Customer\tRevenue\nÅkesson\t1\n", "utf16le");
    expect(decodeText(Uint8Array.from([0xff, 0xfe, ...le]))).toMatchObject({ text: "Customer\tRevenue\nÅkesson\t1\n", encoding: "utf-16le" });
    expect(decodeText(le)).toMatchObject({ text: "Customer\tRevenue\nÅkesson\t1\n", encoding: "utf-16le" });
    expect(decodeText(enc("Möller,Müller"))).toMatchObject({ text: "Möller,Müller", encoding: "utf-8" });
    expect(decodeText(Buffer.from("Customer,Revenue\nM\xf6ller GmbH,1\nM\xfcller GmbH,2\n", "latin1"))).toMatchObject({
      text: "Customer,Revenue\nMöller GmbH,1\nMüller GmbH,2\n",
      encoding: "windows-1252",
    });
  });
});
