export function OperationsPage(_props: { templateId?: string; operationId?: string }) {
  return <section className="card"><h2>OperationsPage</h2></section>;
}
