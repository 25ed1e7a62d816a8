/**
 * Prints step 1 of the task pane pre-rendered (src/taskpane/wizard/prerender.tsx) as JSON
 * { head, app }: webpack.config.js runs it (with tsx) for every build of taskpane.html.
 */
import { prerenderPane } from "../src/taskpane/wizard/prerender";

process.stdout.write(JSON.stringify(prerenderPane()));
