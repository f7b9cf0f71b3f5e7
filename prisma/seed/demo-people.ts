// The demo clinic's people. The README lists these sign-ins; all share DEMO_PASSWORD.

export const DEMO_PASSWORD = "kap-demo-password";

export const DEMO_CLINIC = {
  name: "Harbor Light Couples Clinic",
  timeZone: "America/Los_Angeles",
  // Named in every email reminder (the demo's outbox shows them).
  contactPhone: "(415) 555-0140",
  contactEmail: "hello@harborlight.test",
  preparationText: "Eat a light meal no later than four hours before, wear comfortable clothes, and bring an eye mask if you like one.",
};

export const DEMO_ROOMS = [
  { name: "Cedar", capacity: 4, dosingEquipped: true },
  { name: "Juniper", capacity: 4, dosingEquipped: true },
  { name: "Willow", capacity: 4, dosingEquipped: false },
  { name: "Aspen", capacity: 3, dosingEquipped: false },
  { name: "Birch", capacity: 3, dosingEquipped: false },
  { name: "Maple", capacity: 6, dosingEquipped: false },
] as const;

export const DEMO_STAFF = [
  { key: "ortiz", email: "maya.ortiz@harborlight.test", name: "Maya Ortiz", roles: ["THERAPIST"] },
  { key: "reed", email: "jonah.reed@harborlight.test", name: "Jonah Reed", roles: ["THERAPIST"] },
  { key: "nair", email: "priya.nair@harborlight.test", name: "Priya Nair", roles: ["THERAPIST"] },
  { key: "whitfield", email: "sam.whitfield@harborlight.test", name: "Sam Whitfield", roles: ["THERAPIST"] },
  { key: "park", email: "elena.park@harborlight.test", name: "Dr. Elena Park", roles: ["PSYCHIATRIST"] },
  { key: "bell", email: "marcus.bell@harborlight.test", name: "Dr. Marcus Bell", roles: ["PSYCHIATRIST"] },
  { key: "diaz", email: "rosa.diaz@harborlight.test", name: "Rosa Diaz", roles: ["FRONT_DESK"] },
  { key: "becker", email: "tom.becker@harborlight.test", name: "Tom Becker", roles: ["FRONT_DESK"] },
  { key: "morgan", email: "alex.morgan@harborlight.test", name: "Alex Morgan", roles: ["ADMIN"] },
] as const;

export type StaffKey = (typeof DEMO_STAFF)[number]["key"];

type PartnerSeed = { first: string; last: string; email: string; phone: string };

/** Where the couple stands; the seed builds each stage's sessions and clearances. */
export type Stage =
  | "new"
  | "intake"
  | "preparation"
  | "cleared-waiting"
  | "mid-taking-turns"
  | "single-experience"
  | "low-dose-series"
  | "completed";

export type CoupleSeed = {
  a: PartnerSeed;
  b: PartnerSeed;
  couplesTherapist: StaffKey;
  kapA: StaffKey;
  kapB: StaffKey;
  psychiatrist: StaffKey;
  stage: Stage;
  goals: string;
};

const p = (first: string, last: string, n: number): PartnerSeed => ({
  first,
  last,
  email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
  phone: `(415) 555-01${String(n).padStart(2, "0")}`,
});

export const DEMO_COUPLES: CoupleSeed[] = [
  { a: p("Sam", "Rivera", 1), b: p("Jordan", "Rivera", 2), couplesTherapist: "ortiz", kapA: "ortiz", kapB: "reed", psychiatrist: "park", stage: "mid-taking-turns", goals: "Repair after a long stretch of pursue-withdraw.\nRebuild trust in repair attempts." },
  { a: p("Avery", "Chen", 3), b: p("Morgan", "Chen", 4), couplesTherapist: "reed", kapA: "reed", kapB: "nair", psychiatrist: "bell", stage: "cleared-waiting", goals: "Soften defensiveness around money conversations." },
  { a: p("Riley", "Okafor", 5), b: p("Casey", "Okafor", 6), couplesTherapist: "nair", kapA: "nair", kapB: "whitfield", psychiatrist: "park", stage: "preparation", goals: "Reach the hurt beneath recurring anger about family visits." },
  { a: p("Jamie", "Larsen", 7), b: p("Quinn", "Larsen", 8), couplesTherapist: "whitfield", kapA: "whitfield", kapB: "ortiz", psychiatrist: "bell", stage: "intake", goals: "" },
  { a: p("Drew", "Patel", 9), b: p("Skyler", "Patel", 10), couplesTherapist: "ortiz", kapA: "ortiz", kapB: "nair", psychiatrist: "park", stage: "low-dose-series", goals: "Listen with less reactivity during conflict; more warmth day to day." },
  { a: p("Harper", "Nguyen", 11), b: p("Rowan", "Nguyen", 12), couplesTherapist: "reed", kapA: "reed", kapB: "whitfield", psychiatrist: "bell", stage: "single-experience", goals: "Find out whether KAP fits us." },
  { a: p("Emerson", "Brooks", 13), b: p("Parker", "Brooks", 14), couplesTherapist: "nair", kapA: "nair", kapB: "ortiz", psychiatrist: "park", stage: "completed", goals: "Move through grief after a loss together." },
  { a: p("Logan", "Meyer", 15), b: p("Reese", "Meyer", 16), couplesTherapist: "whitfield", kapA: "whitfield", kapB: "reed", psychiatrist: "bell", stage: "new", goals: "" },
  { a: p("Taylor", "Kim", 17), b: p("Alexis", "Kim", 18), couplesTherapist: "ortiz", kapA: "ortiz", kapB: "whitfield", psychiatrist: "park", stage: "new", goals: "" },
  { a: p("Cameron", "Silva", 19), b: p("Dakota", "Silva", 20), couplesTherapist: "reed", kapA: "reed", kapB: "ortiz", psychiatrist: "bell", stage: "intake", goals: "" },
  { a: p("Finley", "Moreau", 21), b: p("Sage", "Moreau", 22), couplesTherapist: "nair", kapA: "nair", kapB: "reed", psychiatrist: "park", stage: "preparation", goals: "Feel safe enough to name needs directly." },
  { a: p("Blake", "Adeyemi", 23), b: p("Kendall", "Adeyemi", 24), couplesTherapist: "whitfield", kapA: "whitfield", kapB: "nair", psychiatrist: "bell", stage: "mid-taking-turns", goals: "Break the cycle of criticism and stonewalling." },
];
