export default function Loading() {
  return (
    <p role="status" className="text-sm text-stone-500">
      Loading the outbox…
    </p>
  );
}
