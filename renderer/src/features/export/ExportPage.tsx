export function ExportPage(_props: { templateId?: string; operationId?: string }) {
  return <section className="card"><h2>ExportPage</h2></section>;
}
