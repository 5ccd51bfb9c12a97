/** Test data for the end-to-end tests, made here (no fixtures from elsewhere). */
export function nativeContexts(n: number, options: { invalidAt?: number[] } = {}): Record<string, unknown>[] {
  const importance = ['low', 'medium', 'high', 'critical'];
  return Array.from({ length: n }, (_, i) => ({
    id: `ctx-${String(i + 1).padStart(5, '0')}`,
    title: `Meeting note ${i + 1}`,
    content: `Discussed item ${i + 1} with the team.`,
    type: i % 3 === 0 ? 'decision' : 'note',
    tags: i % 2 === 0 ? ['work', 'planning'] : ['personal'],
    sessionId: null,
    createdAt: options.invalidAt?.includes(i + 1) ? 'yesterday afternoon' : new Date(Date.UTC(2024, 0, 1 + (i % 28), 9, 30)).toISOString(),
    metadata: { importance: importance[i % 4] },
  }));
}

/** The seed's legacy export: foreign headers, untrimmed titles, keywords as a comma list. */
export function legacyCsv(n: number): string {
  const rows = ['legacy_id,legacy_title,legacy_body,legacy_category,legacy_keywords'];
  for (let i = 1; i <= n; i++) {
    const cat = i % 2 ? 'note' : 'meeting';
    rows.push(`L-${i},"  Legacy title ${i}  ","Body of legacy record ${i}, with a comma",${cat},"alpha, beta ,gamma${i}"`);
  }
  return rows.join('\n') + '\n';
}

export function jsonl(records: Record<string, unknown>[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
