export default function Home() {
  return <main>Onepool</main>;
}
