export function TemplatesPage(_props: { templateId?: string; operationId?: string }) {
  return <section className="card"><h2>TemplatesPage</h2></section>;
}
