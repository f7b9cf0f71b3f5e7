// A booking as the browser sends it: a POST to the page with the Next-Action header and the
// action's arguments encoded by React (the previous state, then the form's fields as "_1_…").
import type { FreeSlot } from "./clinic-model";

export const BOUNDARY = "----kapbench7MA4YWxkTrZu0gW";

export function bookingHeaders(actionId: string, origin: string, cookie: string): Record<string, string> {
  return {
    "next-action": actionId,
    accept: "text/x-component",
    "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
    origin,
    cookie,
  };
}

export function bookingBody(slot: FreeSlot): string {
  const fields: [string, string][] = [
    ["_1_coupleId", slot.coupleId],
    ["_1_kind", "COUPLES_THERAPY"],
    ["_1_date", slot.date],
    ["_1_time", slot.time],
    ["_1_roomId", slot.roomId],
    ["0", '[null,"$K1"]'],
  ];
  return fields.map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${BOUNDARY}--\r\n`;
}

/** The action's reply (an RSC stream) carries its result object: success is `"ok":true`. */
export const bookingSucceeded = (status: number, body: string) => status === 200 && body.includes('"ok":true');
