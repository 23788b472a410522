/**
 * A start-up failure whose message already tells the operator what to do (a locked data folder, say).
 * The start-up report prints it without a stack trace.
 */
export class StartupProblem extends Error {
  override readonly name = 'StartupProblem';
}
