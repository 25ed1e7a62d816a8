/** vitest globalSetup: installs the Debian programs the tests drive when they are missing. */
import { ensureTestPrograms } from "../../scripts/test-deps.mjs";

export default function setup(): void {
  ensureTestPrograms();
}
