export default function Page() {
  return (
    <main>
      <h1>A bare Next.js page</h1>
      <p>The baseline of the first-load JavaScript and paint benchmarks.</p>
    </main>
  );
}
