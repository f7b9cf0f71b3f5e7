// An independent, plainly written checker of PROTOCOL.md's invariants on a cycle's state, for the
// property tests. It shares no code with the engine: local dates come from Intl, day differences
// from UTC calendar arithmetic, and every rule is a straight loop over the sessions.
import type { CycleSnapshot, SessionStatus, SnapshotSession } from "@/lib/protocol/types";

const formatters = new Map<string, Intl.DateTimeFormat>();
function local(instant: Date, zone: string) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short" });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday) + 1;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: Number(parts.hour) * 60 + Number(parts.minute), weekday };
}
const dayNumber = (date: string) => {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
const shiftDate = (date: string, days: number) => new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);

const STANDING: SessionStatus[] = ["SCHEDULED", "CHECKED_IN", "COMPLETED"];
const UPCOMING: SessionStatus[] = ["SCHEDULED", "CHECKED_IN"];
const STARTED: SessionStatus[] = ["CHECKED_IN", "COMPLETED"];
const isMed = (s: SnapshotSession) => s.kind === "MEDICINE_TAKING_TURNS" || s.kind === "MEDICINE_LOW_DOSE";

/** Every broken invariant, as a short text naming its rule. */
export function brokenInvariants(c: CycleSnapshot): string[] {
  const broken: string[] = [];
  const zone = c.settings.timeZone;
  const [a, b] = c.couple.partners;
  const all = c.sessions;
  const mine = all.filter((s) => s.cycleId === undefined || s.cycleId === c.cycle.id);
  const meds = mine.filter((s) => isMed(s) && STANDING.includes(s.status)).sort((x, y) => +x.startsAt - +y.startsAt);

  const dosers = (m: SnapshotSession) =>
    m.kind === "MEDICINE_LOW_DOSE" ? [a, b] : [a, b].filter((p) => p.id === m.journeyerId);

  for (const m of meds) {
    const needCompleted = STARTED.includes(m.status);
    const counts = (s: SnapshotSession) => (needCompleted ? s.status === "COMPLETED" : STANDING.includes(s.status)) && +s.endsAt <= +m.startsAt;
    // P1
    const intakeEnds: number[] = [];
    for (const p of [a, b]) {
      const intakes = mine.filter((s) => s.kind === "INTAKE" && s.partnerIds.length === 1 && s.partnerIds[0] === p.id && s.clinicianIds.includes(p.kapTherapistId) && counts(s));
      if (intakes.length === 0) broken.push(`P1 ${p.name} before ${m.id}`);
      else intakeEnds.push(Math.min(...intakes.map((s) => +s.endsAt)));
    }
    // P2
    const needed = c.settings.minPreparations[c.cycle.model];
    const afterIntakes = intakeEnds.length === 2 ? Math.max(...intakeEnds) : Infinity;
    const preps = mine.filter((s) => s.kind === "PREPARATION" && s.partnerIds.includes(a.id) && s.partnerIds.includes(b.id) && +s.startsAt >= afterIntakes && counts(s));
    if (preps.length < needed) broken.push(`P2 ${preps.length}/${needed} before ${m.id}`);
    // P3
    if (UPCOMING.includes(m.status)) {
      const date = local(m.startsAt, zone).date;
      const model = m.kind === "MEDICINE_LOW_DOSE" ? "LOW_DOSE_TOGETHER" : "TAKING_TURNS";
      for (const p of dosers(m)) {
        const cleared = c.clearances.some((x) => {
          const last = [x.validUntil, shiftDate(x.evaluatedOn, c.settings.clearanceValidityDays)].sort()[0];
          return x.clientId === p.id && x.signed && x.recordedByPsychiatrist && !x.revoked && x.supersededById === null && (x.decision === "CLEARED" || x.decision === "CLEARED_WITH_CONDITIONS") && x.models.includes(model) && x.evaluatedOn <= date && date <= last;
        });
        const evaluation = m.status === "SCHEDULED" && all.some((e) => {
          const eDate = local(e.startsAt, zone).date;
          return e.kind === "MEDICAL_EVALUATION" && e.partnerIds.includes(p.id) && STANDING.includes(e.status) && +e.endsAt <= +m.startsAt && dayNumber(eDate) >= dayNumber(date) - c.settings.clearanceValidityDays && !c.clearances.some((x) => x.clientId === p.id && x.signed && x.recordedByPsychiatrist && x.evaluatedOn >= eDate);
        });
        if (!cleared && !evaluation) broken.push(`P3 ${p.name} for ${m.id}`);
      }
    }
    // P4
    const integrations = all.filter((s) => s.kind === "INTEGRATION" && s.medicineSessionId === m.id && s.status !== "CANCELLED");
    if (integrations.length !== 1) broken.push(`P4 ${m.id} has ${integrations.length} integrations`);
    for (const i of integrations) {
      const days = dayNumber(local(i.startsAt, zone).date) - dayNumber(local(m.startsAt, zone).date);
      const { min, max } = c.settings.integrationWindowDays;
      if (days < min || days > max || +i.startsAt < +m.endsAt) broken.push(`P4 ${i.id} ${days} days after ${m.id}`);
      // Only a day the clinic is open holds an integration.
      if (!c.settings.openWeekdays.includes(local(i.startsAt, zone).weekday)) broken.push(`P4 ${i.id} on a closed day`);
    }
    // P12: at and after check-in (completed sessions are history), each dosing partner has a
    // PHQ-9 from `days` calendar days before the session's date until it starts, and every one of
    // them with item 9 above 0 has its own latest review made since it was taken, saying proceed
    // (a later PHQ-9, whatever its item 9, lifts nothing).
    const safety = c.settings.safetyScreen ?? { enabled: true, days: 7 };
    if (safety.enabled && m.status === "CHECKED_IN") {
      const date = local(m.startsAt, zone).date;
      const caution = { PROCEED: 0, POSTPONE: 1, REFER: 2 };
      for (const p of dosers(m)) {
        const screens = (c.screens ?? []).filter((s) => s.clientId === p.id && dayNumber(local(s.takenAt, zone).date) >= dayNumber(date) - safety.days && +s.takenAt <= +m.startsAt);
        if (screens.length === 0) broken.push(`P12 no PHQ-9 ${p.name} ${m.id}`);
        for (const screen of screens.filter((s) => s.item9 > 0)) {
          const review = (c.safetyReviews ?? [])
            .filter((r) => r.screenId === screen.id && +r.reviewedAt >= +screen.takenAt)
            .sort((x, y) => +y.reviewedAt - +x.reviewedAt || caution[y.decision] - caution[x.decision])[0];
          if (review?.decision !== "PROCEED") broken.push(`P12 review ${screen.id} ${p.name} ${m.id}`);
        }
      }
    }
    // P10: the ride home
    if (STARTED.includes(m.status)) {
      for (const p of dosers(m)) if (!c.rideHomes.some((r) => r.sessionId === m.id && r.clientId === p.id)) broken.push(`P10 ride home ${p.name} ${m.id}`);
    }
  }

  for (const s of all.filter((x) => UPCOMING.includes(x.status))) {
    // P4: what an integration belongs to.
    if (s.kind === "INTEGRATION") {
      const m = all.find((x) => x.id === s.medicineSessionId);
      if (!m || !isMed(m) || !STANDING.includes(m.status)) broken.push(`P4 ${s.id} belongs to no standing medicine session`);
      if (!s.partnerIds.includes(a.id) || !s.partnerIds.includes(b.id)) broken.push(`P4 ${s.id} without both partners`);
    } else if (s.medicineSessionId !== null) broken.push(`P4 ${s.id} links to a medicine session`);
    // P9
    const room = c.rooms.find((r) => r.id === s.roomId);
    if (s.roomId === null) {
      if (s.kind !== "MEDICAL_EVALUATION") broken.push(`P9 ${s.id} has no room`);
    } else if (!room || !room.active || (isMed(s) && !room.dosingEquipped) || s.partnerIds.length + s.clinicianIds.length > room.capacity) {
      broken.push(`P9 ${s.id} room`);
    }
    // P10: opening hours
    const start = local(s.startsAt, zone);
    const end = local(s.endsAt, zone);
    const open = c.settings.openWeekdays.includes(start.weekday) && start.date === end.date && start.minute >= c.settings.opensAtMinute && end.minute <= c.settings.closesAtMinute && +s.endsAt > +s.startsAt;
    if (!open) broken.push(`P10 ${s.id} outside opening hours`);
  }

  // P5 and P6
  for (const s of all) if (STANDING.includes(s.status) && s.journeyerId !== null && !isMed(s)) broken.push(`P5 ${s.id} journeyer`);
  if (c.cycle.model === "TAKING_TURNS") {
    for (const m of meds) {
      if (m.kind !== "MEDICINE_TAKING_TURNS" || ![a.id, b.id].includes(m.journeyerId ?? "") || !m.partnerIds.includes(a.id) || !m.partnerIds.includes(b.id)) broken.push(`P5 ${m.id}`);
    }
    if (c.cycle.format === "SINGLE_EXPERIENCE" && meds.length > 1) broken.push("P5 single experience");
    for (let i = 1; i < meds.length; i++) if (meds[i].journeyerId === meds[i - 1].journeyerId) broken.push(`P5 ${meds[i].id} twice in a row`);
  } else {
    for (const m of meds) {
      if (m.kind !== "MEDICINE_LOW_DOSE" || m.journeyerId !== null || !m.partnerIds.includes(a.id) || !m.partnerIds.includes(b.id)) broken.push(`P6 ${m.id}`);
    }
  }

  // P8
  const live = all.filter((s) => s.status !== "CANCELLED");
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const [x, y] = [live[i], live[j]];
      if (!(+x.startsAt < +y.endsAt && +y.startsAt < +x.endsAt)) continue;
      const shares = (x.roomId !== null && x.roomId === y.roomId) || x.partnerIds.some((p) => y.partnerIds.includes(p)) || x.clinicianIds.some((p) => y.clinicianIds.includes(p));
      if (shares) broken.push(`P8 ${x.id} ${y.id}`);
    }
  }
  return broken;
}

/** P10: the legal steps of a session's life. */
export const LEGAL_STEPS = new Set(["SCHEDULED>CHECKED_IN", "CHECKED_IN>COMPLETED", "SCHEDULED>CANCELLED", "SCHEDULED>NO_SHOW"]);
