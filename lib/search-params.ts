/** A page's query parameter as one value: Next.js gives an array when the name repeats. */
export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
