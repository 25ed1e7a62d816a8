/**
 * The wizard as the page shows it, the same tree on the server (the build pre-renders step 1
 * into taskpane.html, prerender.tsx) and in the browser (mount.tsx hydrates that markup):
 * Griffel's renderer and Fluent's SSRProvider around the wizard.
 *
 * While hydrating, the first render must produce exactly the markup the build wrote, so it
 * uses the shell's theme and status (the build knows neither Office's theme nor the host);
 * the effect after hydration switches to the real ones. Numbers are not in the shell (no table
 * is read yet), so the real number locale is used from the start.
 */
import { type GriffelRenderer, RendererProvider, SSRProvider, type Theme, useIsomorphicLayoutEffect } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { Wizard } from "./App";
import type { WizardProps } from "./api";
import { paneTheme } from "./theme";

/** What the pre-rendered shell says until the pane is live. */
export const SHELL_STATUS: NonNullable<WizardProps["status"]> = { text: "Connecting to Excel…", state: "loading" };
/** The shell's theme: Fluent's light theme (Office's theme is known only once office.js is ready). */
export const SHELL_THEME: Theme = paneTheme(undefined);

/** The attribute of a pre-rendered <style>: the length of each of its rules, in order. */
export const RULE_LENGTHS = "data-kam-rule-lengths";

/**
 * Griffel's rehydration without re-parsing the CSS: every rule of the pre-rendered <style>
 * elements goes into the renderer's insertion cache (so hydration inserts none of them again),
 * cut out of the element's text by the lengths the build wrote beside it. Griffel's own
 * rehydrateRendererCache finds the same strings by parsing all of the CSS with stylis, which
 * took 40% of hydration at 4× throttling. Rules the shell did not use (a message bar, the later
 * steps) are inserted as usual, into these elements or new ones of their bucket placed among them.
 * Returns false, having changed nothing, when the lengths do not cut some element's text
 * exactly (then Griffel's own rehydration must do it).
 */
export function rehydrateStyles(renderer: GriffelRenderer, doc: Document): boolean {
  const found: [string, GriffelRenderer["insertionCache"][string]][] = [];
  const elements = doc.querySelectorAll<HTMLStyleElement>(`style[${RULE_LENGTHS}]`);
  for (const el of elements) {
    const bucket = el.dataset.makeStylesBucket as GriffelRenderer["insertionCache"][string];
    const text = el.textContent ?? "";
    let at = 0;
    for (const length of (el.getAttribute(RULE_LENGTHS) ?? "").split(",").map(Number)) {
      if (!(length > 0)) return false;
      found.push([text.slice(at, at + length), bucket]);
      at += length;
    }
    if (at !== text.length) return false;
  }
  for (const [rule, bucket] of found) renderer.insertionCache[rule] = bucket;
  // The elements become the renderer's sheets for their buckets (as Griffel's rehydration
  // makes them): later rules of a bucket go into its element, and no empty twin is created.
  for (const el of elements) renderer.stylesheets[sheetKey(el)] ??= sheetOf(el);
  return elements.length > 0;
}

type Sheet = GriffelRenderer["stylesheets"][string];

/** The renderer's key for the sheet of a <style> element: as Griffel's getStyleSheetKey (bucket, then the media or container condition for "m" and "x", then priority). */
function sheetKey(el: HTMLStyleElement): string {
  const bucket = el.dataset.makeStylesBucket ?? "";
  const priority = el.dataset.priority ?? "0";
  return bucket === "m" || bucket === "x" ? bucket + (el.getAttribute("data-container") ?? (el.media || "0")) + priority : bucket + priority;
}

/** A pre-rendered <style> as the renderer's sheet (as Griffel's createIsomorphicStyleSheetFromElement makes it). */
function sheetOf(el: HTMLStyleElement): Sheet {
  const elementAttributes: Record<string, string> = {};
  for (const a of el.attributes) elementAttributes[a.name] = a.value;
  return {
    elementAttributes,
    element: el,
    bucketName: el.dataset.makeStylesBucket as Sheet["bucketName"],
    insertRule: (rule) => el.sheet?.insertRule(rule, el.sheet.cssRules.length),
    cssRules: () => (el.sheet ? Array.from(el.sheet.cssRules, (r) => r.cssText) : []),
  };
}

/** The performance mark set when the pane is live: the commit of its hydration (or first render). */
export const INTERACTIVE_MARK = "kam-interactive";

export interface PaneProps extends WizardProps {
  renderer: GriffelRenderer;
  /**
   * The document Griffel's RendererProvider rehydrates its cache from: when rehydrateStyles has
   * done that already, an empty one (RendererProvider would otherwise parse the CSS again).
   */
  stylesFrom?: Document;
  /** Rendering over the build's markup: start from the shell's theme and status. */
  hydrating: boolean;
}

export function Pane({ renderer, stylesFrom, hydrating, theme, status, ...props }: PaneProps) {
  const [live, setLive] = useState(!hydrating);
  // Layout effects run in the commit that hands the page's nodes to React: from here every
  // control's handler runs (the wizard's own effects, such as listing the sources, come next).
  useIsomorphicLayoutEffect(() => {
    if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark(INTERACTIVE_MARK);
  }, []);
  useEffect(() => setLive(true), []);
  // Live in the real theme: a shell hidden for a dark theme (taskpane.html, taskpane.css) shows.
  useEffect(() => {
    if (live) delete document.documentElement.dataset.shell;
  }, [live]);
  return (
    <RendererProvider renderer={renderer} targetDocument={stylesFrom}>
      <SSRProvider>
        <Wizard {...props} theme={live ? theme : SHELL_THEME} status={live ? status : SHELL_STATUS} />
      </SSRProvider>
    </RendererProvider>
  );
}
