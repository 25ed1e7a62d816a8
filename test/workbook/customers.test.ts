import { describe, expect, it } from "vitest";
import { cellAddress, extractCustomers, guessRoles, numericColumns, type SourceTable, validateTable } from "../../src/workbook/customers";
import { ratingLabel } from "../../src/workbook/defaults";
import { quoteSheetName } from "../../src/workbook/plan";
import { smallTable } from "./fixtures";

const NA = { code: "#N/A" } as never;
const REF = { code: "#REF!" } as never;

function table(headers: string[], rows: SourceTable["rows"], sheetName = "Customers"): SourceTable {
  return { sheetName, origin: { row: 0, col: 0 }, headers, rows };
}

describe("validateTable", () => {
  it("flags a name of only spaces as blank and leaves that row out", () => {
    const t = table(["Customer", "Revenue"], [["Acme", 10], ["   ", 20]]);
    const issues = validateTable(t, { name: 0, revenue: 1 });
    expect(issues.map((i) => i.message)).toEqual(["Customers!A3: the customer name is blank"]);
    const { customers, excluded } = extractCustomers(t, { name: 0, revenue: 1 }, issues);
    expect(customers.map((c) => c.name)).toEqual(["Acme"]);
    expect(excluded).toEqual([{ row: 1, reason: "Customers!A3: the customer name is blank" }]);
  });

  it("flags a blank cost or margin cell (Excel would read it as 0) but allows a blank churn probability", () => {
    const t = table(
      ["Customer", "Revenue", "Cost", "Margin", "Churn"],
      [
        ["Acme", 100, null, 30, null],
        ["Birch", 100, 60, "", 0.1],
        ["Cobalt", 100, "  ", 40, ""],
      ],
    );
    const issues = validateTable(t, { name: 0, revenue: 1, cost: 2, margin: 3, churn: 4 });
    expect(issues.map((i) => [i.kind, i.address, i.message])).toEqual([
      ["blank-amount", "Customers!C2", "Customers!C2: cost is blank; type 0 if there is none"],
      ["blank-amount", "Customers!D3", "Customers!D3: margin is blank; type 0 if there is none"],
      ["blank-amount", "Customers!C4", "Customers!C4: cost is blank; type 0 if there is none"],
    ]);
  });

  it("checks error values only in the columns in use (roles and criteria)", () => {
    const t = table(
      ["Customer", "Revenue", "Region", "NPS", "Notes"],
      [
        ["Acme", 100, "North", 10, REF],
        ["Birch", 100, NA, 20, "ok"],
        ["Cobalt", 100, "South", REF, NA],
      ],
    );
    const roles = { name: 0, revenue: 1, region: 2 };
    expect(validateTable(t, roles).map((i) => i.message)).toEqual(["Customers!C3 holds the error #N/A"]);
    expect(validateTable(t, roles, [3]).map((i) => i.message)).toEqual(["Customers!C3 holds the error #N/A", "Customers!D4 holds the error #REF!"]);
    const { customers } = extractCustomers(t, roles, validateTable(t, roles));
    expect(customers.map((c) => c.name)).toEqual(["Acme", "Cobalt"]);
  });

  it("names cells with the sheet quoted as Excel does", () => {
    const t = { ...table(["Customer", "Revenue", "Cost"], [["Acme", 10, 5], ["Acme", 10, "5"]], "Q3 Customers"), origin: { row: 2, col: 0 } };
    expect(validateTable(t, { name: 0, revenue: 1, cost: 2 }).map((i) => i.message)).toEqual([
      `'Q3 Customers'!A5: "Acme" already appears at 'Q3 Customers'!A4`,
      `'Q3 Customers'!C5: Cost is text "5", expected a number (a number stored as text: convert it to a number)`,
    ]);
    expect(cellAddress(t, 0, 2)).toBe("'Q3 Customers'!C4");
  });

  it("flags every cell of revenue, margin and cost columns whose numbers are stored as text", () => {
    const t = table(["Customer", "Revenue", "Margin", "Cost"], [["Acme", "1,234", "$500", "734"], ["Birch", "2,000", "(100)", "2 100"]]);
    const issues = validateTable(t, { name: 0, revenue: 1, margin: 2, cost: 3 });
    expect(issues.map((i) => [i.kind, i.address])).toEqual([
      ["text-number", "Customers!B2"],
      ["text-number", "Customers!C2"],
      ["text-number", "Customers!D2"],
      ["text-number", "Customers!B3"],
      ["text-number", "Customers!C3"],
      ["text-number", "Customers!D3"],
    ]);
    expect(issues.every((i) => i.message.endsWith("(a number stored as text: convert it to a number)"))).toBe(true);
  });
});

describe("quoteSheetName", () => {
  it.each([
    ["Customers", "Customers"],
    ["Kunden_2026", "Kunden_2026"],
    ["Q3 Customers", "'Q3 Customers'"],
    ["Bob's accounts", "'Bob''s accounts'"],
    ["2026", "'2026'"],
    ["Sales-EU", "'Sales-EU'"],
    ["A1", "'A1'"],
    ["R1C1", "'R1C1'"],
  ])("%s → %s", (name, quoted) => expect(quoteSheetName(name)).toBe(quoted));
});

describe("guessRoles", () => {
  it("never takes a percentage, rate or growth column as revenue, margin or cost", () => {
    expect(guessRoles(["Customer", "Revenue growth %", "Revenue", "Gross margin %", "Cost per order", "Cost"])).toEqual({ name: 0, revenue: 2, cost: 5 });
    expect(guessRoles(["Customer", "Sales share", "Sales YoY", "Revenue rate", "Margin ratio", "Net sales"])).toEqual({ name: 0, revenue: 5 });
  });

  it("prefers a plain header over a longer one", () => {
    expect(guessRoles(["Account", "Revenue potential", "Revenue (EUR)", "Gross profit target", "Margin", "Cost to serve", "Costs 2025"])).toEqual({
      name: 0,
      revenue: 2,
      margin: 4,
      cost: 6,
    });
  });

  it("still finds churn probability in percentage headers", () => {
    expect(guessRoles(["Customer", "Revenue", "Churn probability %"]).churn).toBe(2);
    expect(guessRoles(["Customer", "Revenue", "Churn risk (%)"]).churn).toBe(2);
  });

  it("keeps the guesses for the sample-like headers", () => {
    expect(guessRoles(smallTable().headers)).toEqual({ name: 0, revenue: 1, cost: 2, churn: 3, region: 4 });
  });
});

describe("numericColumns", () => {
  it("offers a column whose numbers are all stored as text, so validation can flag it cell by cell", () => {
    const t = table(["Customer", "Revenue", "Budget", "Customer no.", "Notes"], [
      ["Acme", 10, "1,234", "0012", "call back"],
      ["Birch", 20, "$5,000", "0047", "12 visits"],
      ["Cobalt", 30, "700", "0101", null],
    ]);
    expect(numericColumns(t)).toEqual([1, 2]);
    expect(validateTable(t, { name: 0, revenue: 1 }, [2]).map((i) => i.address)).toEqual(["Customers!C2", "Customers!C3", "Customers!C4"]);
  });
});

describe("guessRoles on amounts", () => {
  it("does not take gross revenue for the margin", () => {
    expect(guessRoles(["Customer", "Gross revenue", "Gross margin"])).toMatchObject({ name: 0, revenue: 1, margin: 2 });
  });
});

describe("ratingLabel", () => {
  it.each([
    ["Strategic fit (1-10)", "Strategic fit"],
    ["Brand strength (1–10)", "Brand strength"],
    ["Fit 1-10", "Fit"],
    ["Retention", "Retention"],
    ["(1-10)", "(1-10)"],
  ])("%s → %s", (header, label) => expect(ratingLabel(header)).toBe(label));
});
