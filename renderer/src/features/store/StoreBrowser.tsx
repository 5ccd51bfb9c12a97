export function StoreBrowser(_props: { templateId?: string; operationId?: string }) {
  return <section className="card"><h2>StoreBrowser</h2></section>;
}
