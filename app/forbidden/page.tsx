import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold text-brand-900">You don’t have access to this page</h1>
      <p className="mt-2 text-sm text-stone-600">Your role does not include it. If you think it should, ask the clinic’s admin.</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        Back to today
      </Link>
    </main>
  );
}
