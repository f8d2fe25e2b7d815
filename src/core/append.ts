/**
 * `target.push(...items)` without spreading the items as arguments: a spread of ~120,000 items or
 * more overflows the stack (RangeError), and lists of plans, findings or rows reach that.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
