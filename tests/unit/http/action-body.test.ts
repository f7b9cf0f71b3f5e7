import { expect, test } from "vitest";
import { ACTION_ARGUMENTS_LIMIT, JSON_DEPTH_LIMIT, jsonDepth, refusalByBody, rowProblem } from "@/lib/http/action-body";

const BOUNDARY = "----kapEdgeTestBoundary7MA4YWxk";
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const part = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const filePart = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="blob"\r\nContent-Type: application/octet-stream\r\n\r\n${value}\r\n`;
const multipart = (...parts: string[]) => Buffer.from(parts.join("") + `--${BOUNDARY}--\r\n`);
const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

// As the browser sends a booking (bench/booking-request.ts): the form's fields, then React's root row.
const booking = multipart(part("_1_coupleId", "c1"), part("_1_date", "2027-03-01"), part("0", '[null,"$K1"]'));

test("well-formed action bodies pass", async () => {
  expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, booking)).toBeNull();
  expect(await refusalByBody("fetch-text", "text/plain", Buffer.from('["$h1",{"a":[1,2,"]]]"]}]'))).toBeNull();
  // Blobs travel as file parts under numbered names: bytes, not JSON rows.
  expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, multipart(filePart("1", "{{{ not json"), part("0", '["$B1"]')))).toBeNull();
  // A form posted without JavaScript: its own fields, and the action's bound arguments as rows.
  const form = multipart(part("$ACTION_REF_1", ""), part("$ACTION_1:0", '{"id":"7f00ab","bound":"$@1"}'), part("$ACTION_1:1", "[]"), part("note", "{not json, a note}"));
  expect(await refusalByBody("form-multipart", CONTENT_TYPE, form)).toBeNull();
  expect(await refusalByBody("form-multipart", CONTENT_TYPE, multipart(part("name", "Harper")))).toBeNull();
});

test("bad JSON in a row answers 400", async () => {
  expect(await refusalByBody("fetch-text", "text/plain", Buffer.from('{"broken": '))).toMatchObject({ status: 400, message: "The request is not valid JSON." });
  expect(await refusalByBody("fetch-text", "text/plain", Buffer.alloc(0))).toMatchObject({ status: 400 });
  expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, multipart(part("0", "[null,")))).toMatchObject({ status: 400 });
  expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, multipart(part("0", "[]"), part("3", "nope")))).toMatchObject({ status: 400 });
  expect(await refusalByBody("form-multipart", CONTENT_TYPE, multipart(part("$ACTION_1:0", "{id:")))).toMatchObject({ status: 400 });
});

test("nesting deeper than the limit answers 400, in text and in multipart rows", async () => {
  expect(await refusalByBody("fetch-text", "text/plain", Buffer.from(nested(JSON_DEPTH_LIMIT)))).toBeNull();
  const deep = nested(JSON_DEPTH_LIMIT + 1);
  expect(await refusalByBody("fetch-text", "text/plain", Buffer.from(deep))).toMatchObject({ status: 400, message: `The request nests deeper than ${JSON_DEPTH_LIMIT} levels.` });
  expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, multipart(part("0", nested(100_000))))).toMatchObject({ status: 400 });
  expect(await refusalByBody("fetch-text", "text/plain", Buffer.from("[" + '{"a":'.repeat(500) + "1" + "}".repeat(500) + "]"))).toMatchObject({ status: 400 });
});

test("a fetch action's root row is its argument list: an array, no longer than Next allows", async () => {
  for (const root of ['"x"', "7", "null", '{"a":1}']) {
    expect(await refusalByBody("fetch-text", "text/plain", Buffer.from(root)), root).toMatchObject({ status: 400, message: "The action's arguments are not a list." });
    expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, multipart(part("0", root))), root).toMatchObject({ status: 400 });
  }
  const many = JSON.stringify(Array.from({ length: ACTION_ARGUMENTS_LIMIT + 1 }, () => 0));
  expect(await refusalByBody("fetch-text", "text/plain", Buffer.from(many))).toMatchObject({ status: 400, message: `The action has more than ${ACTION_ARGUMENTS_LIMIT} arguments.` });
  expect(await refusalByBody("fetch-text", "text/plain", Buffer.from(JSON.stringify(Array(ACTION_ARGUMENTS_LIMIT).fill(0))))).toBeNull();
  // Other rows hold any JSON value.
  expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, multipart(part("1", '"text"'), part("0", '["$1"]')))).toBeNull();
});

test("a multipart body that busboy or the platform cannot read answers 400", async () => {
  const whole = booking.toString();
  const truncated = Buffer.from(whole.slice(0, whole.length - `--${BOUNDARY}--\r\n`.length));
  expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, truncated)).toMatchObject({ status: 400 });
  expect(await refusalByBody("form-multipart", CONTENT_TYPE, truncated)).toMatchObject({ status: 400 });
  expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, booking.subarray(0, 40))).toMatchObject({ status: 400 });
  expect(await refusalByBody("fetch-multipart", "multipart/form-data", booking)).toMatchObject({ status: 400 });
  expect(await refusalByBody("form-multipart", "multipart/form-data", booking)).toMatchObject({ status: 400 });
  expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, Buffer.from("garbage"))).toMatchObject({ status: 400 });
  // React always sends the root row: without it Next's decoder waits for it and fails.
  expect(await refusalByBody("fetch-multipart", CONTENT_TYPE, multipart(part("_1_kind", "X")))).toMatchObject({ status: 400 });
});

test("JSON depth counts brackets outside strings, without recursion", () => {
  expect(jsonDepth("1")).toBe(0);
  expect(jsonDepth('{"a":[{"b":[]}]}')).toBe(4);
  expect(jsonDepth('["[[[[", "\\"[[[", "\\\\"]')).toBe(1);
  expect(jsonDepth(nested(1_000_000))).toBe(1_000_000);
  expect(rowProblem('"just a string"')).toBeNull();
});
