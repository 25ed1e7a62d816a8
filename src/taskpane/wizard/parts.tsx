/** Small pieces the steps share. */
import { Link, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { forwardRef } from "react";
import type { WizardApi } from "./App";

/** The step's heading: focusable from script (tabIndex -1), so a step change can move focus to it. */
export const StepHeading = forwardRef<HTMLHeadingElement, { children: React.ReactNode }>(function StepHeading({ children }, ref) {
  return (
    <h2 id="step-heading" className="kam-step-heading" tabIndex={-1} ref={ref}>
      {children}
    </h2>
  );
});

/** The message about the last action, where the action is; announced as an alert. */
export function ActionMessage({ w }: { w: WizardApi }) {
  return (
    <div id="message" role="alert" className="kam-alert">
      {w.error ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{w.error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}

/** A cell address as a link that selects the cell in Excel. */
export function CellLink({ w, address }: { w: WizardApi; address: string }) {
  return (
    <Link as="button" className="kam-cell" data-address={address} onClick={() => w.selectCell(address)}>
      {address}
    </Link>
  );
}
