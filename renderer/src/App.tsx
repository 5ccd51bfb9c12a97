/** The app shell. (The wizards arrive with the desktop UI.) */
export function App() {
  return (
    <main>
      <h1>Context Store</h1>
      <p>Import, export and browse your contexts.</p>
    </main>
  );
}
