/*
 * Task pane of the Key Account Manager add-in. In the shared runtime this page also hosts
 * the custom functions (functions.js is loaded before this script), so the page must stay
 * light and must never block on Office.
 */
/* global document, Office */
import "./taskpane.css";
import { officeHost } from "./office-host";
import { mountWizard } from "./wizard/mount";

export type StatusState = "loading" | "ready" | "error";

/** The Excel API requirement set the wizard needs. */
export const WIZARD_API = "1.12";

/** The status line for the host the page was opened in (null when not inside Office). */
export function statusMessage(host: Office.HostType | null | undefined, platform: Office.PlatformType | null | undefined): { text: string; state: StatusState } {
  if (host === Office.HostType.Excel) {
    const where = platform ? ` (${platformName(platform)})` : "";
    return { text: `Connected to Excel${where}. KAM functions are ready.`, state: "ready" };
  }
  if (host) return { text: `This add-in works in Excel only (opened in ${host}).`, state: "error" };
  return { text: "Not running inside Excel: open this page from the Key Account Wizard button.", state: "error" };
}

function platformName(platform: Office.PlatformType): string {
  switch (platform) {
    case Office.PlatformType.PC:
      return "Windows";
    case Office.PlatformType.Mac:
      return "Mac";
    case Office.PlatformType.OfficeOnline:
      return "on the web";
    case Office.PlatformType.iOS:
      return "iPad";
    default:
      return String(platform);
  }
}

/** Replaces the pane (the pre-rendered wizard, or whatever is there) with a message. */
function fallback(text: string): void {
  const root = document.getElementById("kam-app");
  if (!root) return;
  const main = document.createElement("main");
  main.className = "kam-main";
  const title = document.createElement("h1");
  title.className = "kam-title";
  title.textContent = "Key Account Manager";
  const note = document.createElement("p");
  note.id = "kam-wizard";
  note.className = "kam-note";
  note.textContent = text;
  main.append(title, note);
  delete root.dataset.prerendered;
  root.replaceChildren(main);
}

if (typeof Office === "undefined") {
  fallback("Office.js could not be loaded. Check the network connection and reload the add-in.");
} else {
  Office.onReady((info) => {
    const status = statusMessage(info.host, info.platform);
    const root = document.getElementById("kam-app");
    if (!root) return;
    // The wizard marks its sheets with worksheet custom properties and copies sheets before
    // rewriting them: ExcelApi 1.12. The functions need no more than the shared runtime.
    if (info.host === Office.HostType.Excel && !Office.context.requirements.isSetSupported("ExcelApi", WIZARD_API)) {
      fallback(`The Key Account Wizard needs a newer Excel (Excel JavaScript API ${WIZARD_API}: Microsoft 365, Excel 2021 or later, or Excel on the web). The KAM functions work in this one.`);
      return;
    }
    // The wizard needs the Excel API: present inside Excel (and in tests, where a fake host provides it).
    if (typeof Excel === "undefined" || typeof Excel.run !== "function") {
      fallback("The wizard works inside Excel: open it from Home › Key Accounts › Key Account Wizard.");
      return;
    }
    const context = (Office as { context?: Partial<typeof Office.context> }).context;
    mountWizard(root, officeHost(), { status, locale: context?.displayLanguage, officeTheme: context?.officeTheme });
  });
}
