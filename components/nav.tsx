import Link from "next/link";
import { can, ROLE_LABELS, type StaffRoleName } from "@/lib/auth/permissions";
import { SignOutButton } from "./sign-out-button";

type Item = { href: string; label: string; show: (roles: StaffRoleName[]) => boolean };

// What each kind of user reaches from the navigation; each page checks again on the server.
const ITEMS: Item[] = [
  { href: "/", label: "Today", show: () => true },
  { href: "/couples", label: "Couples", show: (r) => can(r, "couple:read") },
  { href: "/calendar", label: "Room calendar", show: (r) => can(r, "calendar:read") },
  { href: "/closures", label: "Closures", show: (r) => can(r, "closure:manage") },
  { href: "/evaluations", label: "Evaluations", show: (r) => can(r, "clearance:record") },
  { href: "/feeds", label: "Calendar feeds", show: (r) => can(r, "feed:subscribe") },
  { href: "/substance-log", label: "Substance log", show: (r) => can(r, "substance-log:read") || can(r, "substance-log:write") },
  { href: "/admin/staff", label: "Staff", show: (r) => can(r, "staff:manage") },
  { href: "/admin/rooms", label: "Rooms", show: (r) => can(r, "rooms:manage") },
  { href: "/admin/settings", label: "Settings", show: (r) => can(r, "settings:manage") },
  { href: "/admin/backups", label: "Backups", show: (r) => can(r, "backup:manage") },
  { href: "/admin/outbox", label: "Outbox", show: (r) => can(r, "outbox:read") },
  { href: "/admin/audit", label: "Audit log", show: (r) => can(r, "audit:read") },
];

export function Nav({ name, roles, clinicName }: { name: string; roles: StaffRoleName[]; clinicName: string }) {
  return (
    <header className="border-b border-stone-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
        <Link href="/" className="font-semibold text-brand-900">
          {clinicName}
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-1">
          {ITEMS.filter((item) => item.show(roles)).map((item) => (
            <Link key={item.href} href={item.href} className="rounded px-3 py-1.5 text-sm text-stone-700 hover:bg-brand-50 hover:text-brand-900">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="text-stone-600" data-testid="signed-in-as">
            {name} · {roles.map((r) => ROLE_LABELS[r]).join(", ")}
          </span>
          <Link href="/help" className="text-brand-700 underline">
            Help
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
