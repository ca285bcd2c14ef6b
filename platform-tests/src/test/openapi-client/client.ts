// Compiled (tsc --strict) against schema.d.ts, which openapi-typescript generates from the
// gateway's GET /api/docs in ApiDocumentThroughGatewayTest: a client written against the document
// type-checks, and the document says what the services answer.
import type { paths } from "./schema";

type CreateFile = paths["/api/diagrams"]["post"];
type NewFile = CreateFile["requestBody"]["content"]["application/json"];
type CreatedFile = CreateFile["responses"][201]["content"]["application/json"];
type Problem = CreateFile["responses"][400]["content"]["application/problem+json"];
type ImportForm = NonNullable<paths["/api/diagrams/import"]["post"]["requestBody"]>["content"]["multipart/form-data"];
type OpenFile = paths["/api/diagrams/{id}"]["get"];
type ShareWithUser = paths["/api/diagrams/{id}/shares/users/{user}"]["put"];
type Register = paths["/api/auth/register"]["post"];

// The caller is never a parameter: a generated client must not ask for it.
type HasIdentity<P> = P extends { query?: infer Q }
  ? [NonNullable<Q>] extends [never] ? false : "identity" extends keyof NonNullable<Q> ? true : false
  : false;
const openFileTakesNoIdentity: HasIdentity<OpenFile["parameters"]> = false;
const createTakesNoIdentity: HasIdentity<CreateFile["parameters"]> = false;

const draft: NewFile = { title: "Checkout flow", type: "canvas" };
const upload: ImportForm = { file: "<mxfile/>" };
const share: ShareWithUser["requestBody"]["content"]["application/json"] = { permission: "view" };
const shareWith: ShareWithUser["parameters"]["path"] = { id: "0b7c9a52-5f4e-4c1e-9a7e-0d2f1c3b4a5e", user: "b@example.com" };
const account: Register["requestBody"]["content"]["application/json"] = {
  email: "a@example.com",
  password: "correct horse battery",
  full_name: "A",
};

function fileId(created: CreatedFile): string | undefined {
  return created.id;
}

function explain(problem: Problem): string {
  return `${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`;
}

export const checks = [openFileTakesNoIdentity, createTakesNoIdentity, draft, upload, share, shareWith, account, fileId, explain];
