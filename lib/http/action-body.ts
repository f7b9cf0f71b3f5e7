import busboy from "busboy";
import type { ActionRequestKind, Refusal } from "./action-request";

// Whether an action's body is well formed enough for Next to decode it. Each kind is parsed the
// way Next parses it (action-handler.js): a fetch action's multipart with busboy, a form posted
// without JavaScript with the platform's Request.formData(), a text body as one JSON row. React
// encodes the arguments as JSON rows in fields named by numbers ("0" is the root; a form's bound
// arguments are "$ACTION_1:0" …): a row that is not JSON, or nests deeper than React's decoder
// can recurse, would make Next answer 500.

export const JSON_DEPTH_LIMIT = 64;
/** Next's SERVER_ACTION_ARGS_LIMIT: it throws (a 500) on a longer argument list. */
export const ACTION_ARGUMENTS_LIMIT = 1000;

const ROW_NAME = /^(\$ACTION_\d+:)?\d+$/;

export async function refusalByBody(kind: ActionRequestKind, contentType: string, body: Buffer): Promise<Refusal | null> {
  if (kind === "fetch-text") return rowProblem(body.toString("utf8"), { root: true });
  const fields = kind === "fetch-multipart" ? await busboyFields(contentType, body) : await formDataFields(contentType, body);
  if (typeof fields === "string") return badRequest(fields);
  if (kind === "fetch-multipart" && !fields.some(([name]) => name === "0")) return badRequest("The action's arguments have no root row.");
  for (const [name, value] of fields) {
    if (!ROW_NAME.test(name)) continue;
    const problem = rowProblem(value, { root: kind === "fetch-multipart" && name === "0" });
    if (problem) return problem;
  }
  return null;
}

/**
 * Null when `text` is one JSON value nested at most JSON_DEPTH_LIMIT deep. A fetch action's root
 * row is its argument list: an array (Next applies the action to it) of at most Next's limit.
 */
export function rowProblem(text: string, { root = false } = {}): Refusal | null {
  // Depth first: JSON.parse itself copes with deep nesting, React's decoder does not.
  if (jsonDepth(text) > JSON_DEPTH_LIMIT) return badRequest(`The request nests deeper than ${JSON_DEPTH_LIMIT} levels.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return badRequest("The request is not valid JSON.");
  }
  if (!root) return null;
  if (!Array.isArray(value)) return badRequest("The action's arguments are not a list.");
  if (value.length > ACTION_ARGUMENTS_LIMIT) return badRequest(`The action has more than ${ACTION_ARGUMENTS_LIMIT} arguments.`);
  return null;
}

/** How deeply arrays and objects nest, counting brackets outside strings, without recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return deepest;
}

type Fields = [name: string, value: string][];

/** The text fields of a multipart body as busboy reads it, or what is wrong with it. */
function busboyFields(contentType: string, body: Buffer): Promise<Fields | string> {
  return new Promise((resolve) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8" });
    } catch (error) {
      resolve(`The multipart body cannot be read: ${(error as Error).message}.`);
      return;
    }
    const fields: Fields = [];
    parser.on("field", (name, value) => fields.push([name, value]));
    parser.on("file", (_name, stream) => stream.resume());
    parser.on("error", (error) => resolve(`The multipart body cannot be read: ${(error as Error).message}.`));
    parser.on("close", () => resolve(fields));
    parser.end(body);
  });
}

/** The text fields of a multipart body as Request.formData() reads it, or what is wrong with it. */
async function formDataFields(contentType: string, body: Buffer): Promise<Fields | string> {
  try {
    const form = await new Request("http://edge.invalid/", { method: "POST", headers: { "content-type": contentType }, body: new Uint8Array(body) }).formData();
    return [...form.entries()].flatMap(([name, value]) => (typeof value === "string" ? [[name, value] as [string, string]] : []));
  } catch (error) {
    return `The multipart body cannot be read: ${(error as Error).message}.`;
  }
}

function badRequest(message: string): Refusal {
  return { status: 400, message };
}
