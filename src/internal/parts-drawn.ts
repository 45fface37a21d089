/** A Lit element (or any element with the same update contract). */
interface Updating extends Element {
  readonly updateComplete: Promise<unknown>;
}

function isUpdating(element: Element): element is Updating {
  return 'updateComplete' in element;
}

/** `element` and every element in the shadow roots below it that updates like a Lit element. */
function updatingElements(element: Element, into: Updating[] = []): Updating[] {
  if (isUpdating(element)) into.push(element);
  for (const inner of element.shadowRoot?.querySelectorAll('*') ?? []) updatingElements(inner, into);
  return into;
}

/**
 * Waits until `parts` and the elements in their shadow roots have drawn what
 * they were given; rejects with the first update that threw. A part that
 * draws in a task of its own creates its children only then, so the tree is
 * walked `depth` times (the dashboard's sections hold cards: two levels).
 */
export async function partsDrawn(parts: readonly Element[], depth = 3): Promise<void> {
  for (let round = 0; round < depth; round++) {
    await Promise.all(parts.flatMap((part) => updatingElements(part)).map((element) => element.updateComplete));
  }
}
