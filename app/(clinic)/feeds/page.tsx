import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getClinic } from "@/lib/clinic/get-clinic";
import { db } from "@/lib/db";
import { liveFeedsOf } from "@/lib/feeds/manage-feeds";
import { formatClinicDateTime } from "@/lib/format/clinic-time";
import { FeedCard, type FeedCardProps } from "./_components/feed-card";

export const metadata = { title: "Calendar feeds" };

/** A staff member's calendar feeds: the ones their roles allow, each made, regenerated or revoked here. */
export default async function FeedsPage() {
  const staff = await requirePermission("feed:subscribe");
  const clinic = await getClinic(staff.clinicId);
  const schedule = can(staff.roles, "feed:schedule");
  const [feeds, rooms] = await Promise.all([
    liveFeedsOf(staff.id, staff.clinicId),
    schedule ? db.room.findMany({
          // A room taken out of use still shows while the person has its feed, so they can revoke it.
          where: { clinicId: staff.clinicId, OR: [{ active: true }, { feeds: { some: { ownerId: staff.id, revokedAt: null } } }] },
          select: { id: true, name: true },
          orderBy: { name: "asc" },
        })
      : [],
  ]);
  const when = (d: Date | null) => (d ? formatClinicDateTime(d, clinic.timeZone) : null);
  const live = (scope: string, roomId: string | null = null) => {
    const feed = feeds.find((f) => f.scope === scope && f.roomId === roomId);
    return feed ? { id: feed.id, created: when(feed.createdAt)!, lastFetched: when(feed.lastFetchedAt) } : null;
  };
  const cards: FeedCardProps[] = [
    ...(can(staff.roles, "feed:own-sessions")
      ? [{ kind: "own" as const, title: "My sessions", hint: "Every session you are a clinician of.", feed: live("CLINICIAN") }]
      : []),
    ...(schedule
      ? [
          { kind: "schedule" as const, scope: "CLINIC" as const, title: "Whole clinic", hint: "Every session of every room, couples by their initials.", feed: live("CLINIC") },
          ...rooms.map((room) => ({ kind: "schedule" as const, scope: "ROOM" as const, roomId: room.id, title: `Room: ${room.name}`, hint: `The sessions in ${room.name}.`, feed: live("ROOM", room.id) })),
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title="Calendar feeds"
        description={`Subscribe from your phone's or computer's calendar to see the schedule there. Times are in the clinic's time zone (${clinic.timeZone}).`}
      />
      <section aria-labelledby="feeds-what" className="mb-6 max-w-3xl space-y-2 text-sm text-stone-700">
        <h2 id="feeds-what" className="font-semibold text-stone-900">
          What a feed shows
        </h2>
        <p>
          Each session as an event: its kind in plain words, the room (or telehealth) and the partners’ initials{clinic.feedFullNames ? " (in your own sessions’ feed, their full names: the clinic allows it)" : ""}. Never
          goals, notes, measures or anything clinical. From 30 days ago to a year ahead; a cancelled session stays 30 days, marked cancelled, so your calendar drops it.
        </p>
        <p>
          Anyone who has a feed’s address can read it: keep it to yourself. Make a new address if it got out (the old one stops at once), or revoke it. Your calendar app
          checks the feed every few minutes to hours, depending on the app.
        </p>
      </section>
      {cards.length === 0 ? (
        <EmptyState>Your roles have no calendar feed.</EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {cards.map((card) => (
            <FeedCard key={`${card.kind}-${card.kind === "schedule" ? `${card.scope}-${card.roomId ?? ""}` : ""}`} {...card} />
          ))}
        </div>
      )}
    </>
  );
}
