/**
 * Resolves in a later task, so the page can paint and handle input first:
 * `scheduler.yield()` where the browser has it, else a zero timeout. Used
 * between chunks of work on the page (encoding an ingest batch) and by the
 * dashboard's sections, which each render in a task of their own instead of
 * adding up to one long task when a new report arrives.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
