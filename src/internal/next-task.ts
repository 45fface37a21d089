/**
 * Resolves in a later task of the event loop. An element that awaits it in
 * `scheduleUpdate` renders in a task of its own: the dashboard's sections
 * then render one after another, with input and painting in between, instead
 * of adding up to one long task when a new report arrives.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
