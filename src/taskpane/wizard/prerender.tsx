/**
 * Step 1 as the build writes it into taskpane.html (run in Node by scripts/prerender-pane.ts):
 * the wizard's first screen in the shell's theme, and the CSS it needs (Griffel's rules as
 * <style> elements; Fluent's theme variables are in the markup and move to <head> on hydration).
 * The page then shows the step as soon as its HTML is parsed; mount.tsx hydrates it once
 * office.js is ready.
 */
import { createDOMRenderer, renderToStyleElements } from "@fluentui/react-components";
import { cloneElement } from "react";
import { renderToStaticMarkup, renderToString } from "react-dom/server";
import { numberLocale } from "./format";
import type { WizardHost } from "./host";
import { Pane, RULE_LENGTHS, SHELL_THEME } from "./pane";

/** The server never runs effects, so nothing of the host is called: every call would be a bug. */
const NO_HOST = new Proxy({} as WizardHost, {
  get(_, name) {
    if (name === "then") return undefined;
    return () => {
      throw new Error(`prerender: the wizard called host.${String(name)} while rendering`);
    };
  },
});

export interface Prerendered {
  /** <style> elements for <head>. */
  head: string;
  /** The markup inside #kam-app. */
  app: string;
}

export function prerenderPane(): Prerendered {
  const renderer = createDOMRenderer(undefined);
  const app = renderToString(<Pane host={NO_HOST} nl={numberLocale(undefined)} theme={SHELL_THEME} renderer={renderer} hydrating />);
  // Each <style> also says where each of its rules ends (see rehydrateStyles in pane.tsx).
  const sheets = Object.values(renderer.stylesheets).map((sheet) => sheet.cssRules());
  const styles = renderToStyleElements(renderer).map((element) => {
    const text = (element.props as { dangerouslySetInnerHTML: { __html: string } }).dangerouslySetInnerHTML.__html;
    const rules = sheets.find((r) => r.join("") === text);
    if (!rules) throw new Error("prerender: a <style> element matches none of the renderer's style sheets");
    return cloneElement(element, { [RULE_LENGTHS]: rules.map((r) => r.length).join(",") } as Record<string, string>);
  });
  const head = renderToStaticMarkup(<>{styles}</>);
  return { head, app };
}
