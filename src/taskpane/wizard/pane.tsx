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
import { type GriffelRenderer, RendererProvider, SSRProvider, type Theme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { Wizard } from "./App";
import type { WizardProps } from "./api";
import { paneTheme } from "./theme";

/** What the pre-rendered shell says until the pane is live. */
export const SHELL_STATUS: NonNullable<WizardProps["status"]> = { text: "Connecting to Excel…", state: "loading" };
/** The shell's theme: Fluent's light theme (Office's theme is known only once office.js is ready). */
export const SHELL_THEME: Theme = paneTheme(undefined);

/** The performance mark set when the pane is live: hydrated (or rendered) and its effects run. */
export const INTERACTIVE_MARK = "kam-interactive";

export interface PaneProps extends WizardProps {
  renderer: GriffelRenderer;
  /** Rendering over the build's markup: start from the shell's theme and status. */
  hydrating: boolean;
}

export function Pane({ renderer, hydrating, theme, status, ...props }: PaneProps) {
  const [live, setLive] = useState(!hydrating);
  useEffect(() => {
    setLive(true);
    // Effects run after the commit that attached React's event handlers: from here every control works.
    if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark(INTERACTIVE_MARK);
  }, []);
  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <Wizard {...props} theme={live ? theme : SHELL_THEME} status={live ? status : SHELL_STATUS} />
      </SSRProvider>
    </RendererProvider>
  );
}
