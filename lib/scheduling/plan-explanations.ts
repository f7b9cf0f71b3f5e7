// The planner explains itself (issue 14): when it puts a session later than the couple's days
// would have it, or cannot put it in before the finish date, it says which constraint took which
// of the couple's days, in words, consecutive days with the same reason told as one span:
// "Cedar and Juniper booked every open day 4 Jan – 3 Feb", "Dr Lee busy every Mon and Wed 4–9 Jan",
// "clinic closed 24–26 Dec". Pure, like the planner.
import { addClinicDays, calendarDaysBetween, formatClinicDay, isoWeekday, type ClinicDay } from "../protocol/calendar";
import { joinNames } from "../protocol/describe";

/** Why one time of a day could not hold the session. */
export type SlotBlock =
  /** Before the session it must follow (or before now) ends. */
  | { kind: "early" }
  /** Outside the day's opening hours. */
  | { kind: "hours" }
  /** A closure of the whole clinic covers it. */
  | { kind: "closed" }
  /** These people (clinicians, partners) are in other sessions then. */
  | { kind: "people"; names: string[] }
  /** Every room that fits the session is booked then (or out of service). */
  | { kind: "rooms"; booked: string[]; outOfService: string[] }
  /** No room of the clinic fits the session at all. */
  | { kind: "no-room"; words: string };

/** One of the couple's days the session could not go on, and why in words. */
export type DayBlock = { day: ClinicDay; why: string };

/** At most this many spans are told; the rest are counted. */
const SPANS_TOLD = 6;

/** One day's reason, from what blocked each of its times: "Cedar and Juniper booked", "Maya Ortiz busy or Willow booked". */
export function dayBlockWords(slots: SlotBlock[]): string {
  const taken = slots.filter((s) => s.kind !== "early" && s.kind !== "hours");
  if (taken.length === 0) {
    if (slots.length > 0 && slots.every((s) => s.kind === "early")) return "no time left after the session before it";
    return slots.some((s) => s.kind === "early") ? "no time left at the chosen times" : "outside opening hours at the chosen times";
  }
  const parts: string[] = [];
  if (taken.some((s) => s.kind === "closed")) parts.push("clinic closed");
  const people = taken.flatMap((s) => (s.kind === "people" ? [s.names] : []));
  if (people.length > 0) {
    // Who was busy at every such time, or when no one was, everyone who was busy at some.
    const always = people[0].filter((name) => people.every((names) => names.includes(name)));
    parts.push(`${joinNames(always.length > 0 ? always : [...new Set(people.flat())])} busy`);
  }
  const rooms = taken.flatMap((s) => (s.kind === "rooms" ? [s] : []));
  const booked = [...new Set(rooms.flatMap((r) => r.booked))];
  const outOfService = [...new Set(rooms.flatMap((r) => r.outOfService))];
  // Every room that fits was taken at such a time, each one way or the other: "Cedar booked and Juniper out of service".
  const roomWords = [...(booked.length > 0 ? [`${joinNames(booked)} booked`] : []), ...(outOfService.length > 0 ? [`${joinNames(outOfService)} out of service`] : [])];
  if (roomWords.length > 0) parts.push(roomWords.join(" and "));
  for (const s of taken) if (s.kind === "no-room" && !parts.includes(s.words)) parts.push(s.words);
  return parts.join(" or ");
}

/**
 * The days told as spans, in the order given (the planner's): consecutive days with the same
 * reason are one span. At most SPANS_TOLD spans, then how many days are left.
 */
export function explainDays(blocks: DayBlock[], timeZone: string, isOpen: (day: ClinicDay) => boolean): string[] {
  const spans: DayBlock[][] = [];
  for (const block of blocks) {
    const last = spans[spans.length - 1];
    if (last && last[0].why === block.why) last.push(block);
    else spans.push([block]);
  }
  const told = spans.slice(0, SPANS_TOLD).map((span) => `${span[0].why} ${daysWords(span.map((b) => b.day), timeZone, isOpen, span[0].why === "clinic closed")}`);
  const left = spans.slice(SPANS_TOLD).reduce((n, span) => n + span.length, 0);
  if (left > 0) told.push(`and on ${left} other ${left === 1 ? "day" : "days"}`);
  return told;
}

/**
 * "on Tue 4 Jan"; "every open day 4–9 Jan" when the days are every open day from the first to the
 * last; else by weekday, "every Mon and Wed 4 Jan – 3 Feb", "every Mon–Fri 2–27 Mar". Closed days
 * are just their span: "clinic closed 24–26 Dec".
 */
function daysWords(days: ClinicDay[], timeZone: string, isOpen: (day: ClinicDay) => boolean, closed: boolean): string {
  const sorted = [...new Set(days)].sort();
  const [first, last] = [sorted[0], sorted[sorted.length - 1]];
  if (sorted.length === 1) return `on ${formatClinicDay(first, timeZone)}`;
  const span = spanWords(first, last);
  if (closed) return span;
  let everyOpenDay = true;
  for (let day = first; calendarDaysBetween(day, last, timeZone) >= 0; day = addClinicDays(day, 1, timeZone)) {
    if (isOpen(day) && !sorted.includes(day)) {
      everyOpenDay = false;
      break;
    }
  }
  if (everyOpenDay) return `every open day ${span}`;
  const weekdays = [...new Set(sorted.map((d) => isoWeekday(d, timeZone)))].sort((a, b) => a - b);
  const isRun = weekdays.length > 2 && weekdays.every((w, i) => i === 0 || w === weekdays[i - 1] + 1);
  const named = isRun ? `${WEEKDAYS[weekdays[0] - 1]}–${WEEKDAYS[weekdays[weekdays.length - 1] - 1]}` : joinNames(weekdays.map((w) => WEEKDAYS[w - 1]));
  return `every ${named} ${span}`;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "4–9 Jan", "4 Jan – 3 Feb", "28 Dec 2026 – 3 Jan 2027": calendar dates, no weekday. */
export function spanWords(first: ClinicDay, last: ClinicDay): string {
  const [y1, m1, d1] = first.split("-").map(Number);
  const [y2, m2, d2] = last.split("-").map(Number);
  if (y1 !== y2) return `${d1} ${MONTHS[m1 - 1]} ${y1} – ${d2} ${MONTHS[m2 - 1]} ${y2}`;
  if (m1 !== m2) return `${d1} ${MONTHS[m1 - 1]} – ${d2} ${MONTHS[m2 - 1]}`;
  return `${d1}–${d2} ${MONTHS[m1 - 1]}`;
}
