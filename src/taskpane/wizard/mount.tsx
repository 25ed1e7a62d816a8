/** Renders the wizard into the page, themed from Office and with numbers in the Office display language. */
import { createRoot } from "react-dom/client";
import { Wizard } from "./App";
import { numberLocale } from "./format";
import type { WizardHost } from "./host";
import { isDark, type OfficeThemeColors, paneTheme } from "./theme";

export interface MountOptions {
  status?: { text: string; state: "loading" | "ready" | "error" };
  /** Office.context.displayLanguage, e.g. "de-DE". */
  locale?: string;
  officeTheme?: OfficeThemeColors;
}

export function mountWizard(root: HTMLElement, host: WizardHost, options: MountOptions = {}): void {
  const theme = paneTheme(options.officeTheme);
  document.documentElement.dataset.theme = isDark(options.officeTheme) ? "dark" : "light";
  document.documentElement.lang = options.locale ?? document.documentElement.lang;
  document.body.style.background = theme.colorNeutralBackground2;
  createRoot(root).render(<Wizard host={host} nl={numberLocale(options.locale ?? navigator.language)} theme={theme} status={options.status} />);
}
