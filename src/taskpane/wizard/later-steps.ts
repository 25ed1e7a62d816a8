/**
 * The criteria and build steps, loaded after the first step is on screen (a chunk of their
 * own: their Fluent pieces — accordion, radio group, slider, progress bar — are not needed to
 * show step 1, and parsing them delayed the pane's first render).
 */
export { CriteriaStep } from "./CriteriaStep";
export { BuildStep } from "./BuildStep";
