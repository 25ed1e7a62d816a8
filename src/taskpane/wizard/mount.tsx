/**
 * Renders the wizard into the page, themed from Office and with numbers in the Office display
 * language. The build pre-renders step 1 into taskpane.html (prerender.tsx; the root then has
 * data-prerendered): that markup is hydrated, so the step the user already sees becomes live
 * in place. Without it (a page without the build's markup) the wizard is rendered afresh.
 */
import { createDOMRenderer } from "@fluentui/react-components";
import { createRoot, hydrateRoot } from "react-dom/client";
import { numberLocale } from "./format";
import type { WizardHost } from "./host";
import { Pane, rehydrateStyles } from "./pane";
import { isDark, type OfficeThemeColors, paneTheme } from "./theme";

export interface MountOptions {
  status?: { text: string; state: "loading" | "ready" | "error" };
  /** Office.context.displayLanguage, e.g. "de-DE". */
  locale?: string;
  officeTheme?: OfficeThemeColors;
}

export function mountWizard(root: HTMLElement, host: WizardHost, options: MountOptions = {}): void {
  const theme = paneTheme(options.officeTheme);
  const dark = isDark(options.officeTheme);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
  // Remembered for the next start: taskpane.html hides the light pre-rendered step for a dark theme.
  try {
    localStorage.setItem("kam-theme", dark ? "dark" : "light");
  } catch {
    // No storage (a private or locked-down webview): the next start shows the light step first.
  }
  document.documentElement.lang = options.locale ?? document.documentElement.lang;
  document.body.style.background = theme.colorNeutralBackground2;
  const hydrating = root.dataset.prerendered !== undefined;
  // Griffel's renderer over this document: it takes over the rules of the pre-rendered <style>
  // elements, so hydration inserts only the rules the shell did not need.
  const renderer = createDOMRenderer(document);
  const stylesFrom = hydrating && rehydrateStyles(renderer, document) ? document.implementation.createHTMLDocument("") : document;
  const pane = <Pane host={host} nl={numberLocale(options.locale ?? navigator.language)} theme={theme} status={options.status} renderer={renderer} stylesFrom={stylesFrom} hydrating={hydrating} />;
  if (hydrating) hydrateRoot(root, pane);
  else createRoot(root).render(pane);
}
