// Why: a tail latency (p99) says what the unlucky clients saw, which a mean hides.
// Nearest rank; null (not undefined, so that it survives JSON) when there is no value.
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
