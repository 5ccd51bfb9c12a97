/**
 * Sets an own, enumerable property, even for `__proto__`. Only `__proto__` has a setter on a plain object;
 * `constructor` and `prototype` assigned to one become own properties, so plain assignment (much faster)
 * serves every other key. Every reader and the mapping use this one, so no key ever reaches a prototype.
 */
export function defineField(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}
