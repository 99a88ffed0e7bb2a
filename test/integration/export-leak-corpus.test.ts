import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalise } from "../../src/domain/safety/normalise.js";
import { positives, type Expectation } from "../fixtures/safety-corpus.js";
import { familySamples } from "../fixtures/secret-families.js";
import { seeded } from "../fixtures/seeded-random.js";
import { backends } from "../support/backends.js";
import { CREATE_EXPORT, download, EXPORT_BY_ID, ingest, sha256, type IngestedSource } from "../support/portable.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** The corpus positive that holds one value of `rule` (the `nth` such), as text and value. */
function corpus(rule: string, nth = 0): { text: string; value: string } {
  const found = positives.filter((positive) => positive.expect.length === 1 && positive.expect[0].rule === rule)[nth];
  if (!found) throw new Error(`no corpus positive #${nth} for ${rule}`);
  return { text: found.text, value: found.expect[0].value };
}

// Every value planted below must be absent from every file. Each is taken from the safety corpus, where the scanner's
// own tests show the rule that finds it; here the question is whether every field of every format is redacted.
const planted: Expectation[] = [];
const plant = (kind: Expectation["kind"], rule: string, nth = 0) => {
  const { text, value } = corpus(rule, nth);
  planted.push({ kind, rule, value });
  return { text, value };
};
/** A value written for this suite rather than taken from the corpus. */
const own = (kind: Expectation["kind"], rule: string, value: string) => (planted.push({ kind, rule, value }), value);
const secret = (rule: string, nth = 0) => plant("SECRET", rule, nth);
const artifact = (rule: string, nth = 0) => plant("PRIVATE_ARTIFACT_PATH", rule, nth);
const personal = (rule: string, nth = 0) => plant("PERSONAL_DATA", rule, nth);

// Evidence links that are clean: redaction must keep them, so a file that dropped everything would fail too.
const SAFE_EVIDENCE = [1, 2, 3].map((n) => `https://evidence.example.com/ok-${n}.png`);

const secrets = {
  github: secret("github-token"),
  awsKeyId: secret("aws-access-key-id"),
  awsSecret: secret("aws-secret-access-key"),
  slack: secret("slack-token"),
  slackWebhook: secret("slack-webhook"),
  stripe: secret("stripe-key"),
  openai: secret("openai-api-key"),
  anthropic: secret("anthropic-api-key"),
  npm: secret("npm-token"),
  jwt: secret("jwt"),
  resetJwt: secret("jwt", 2),
  rsa: secret("private-key"),
  basic: secret("authorization-header"),
  password: secret("secret-assignment"),
  apiKeyInUrl: secret("secret-assignment", 3),
  databaseUrl: secret("url-credentials"),
  gitlab: secret("gitlab-token"),
};
const paths = {
  ssh: artifact("file-path"),
  wpConfig: artifact("file-path", 1),
  windows: artifact("file-path", 6),
  iis: artifact("file-path", 7),
  unc: artifact("file-path", 8),
  aws: artifact("file-path", 9),
  fileUrl: artifact("file-url"),
  s3: artifact("object-store-url"),
  blob: artifact("object-store-url", 2),
  presigned: artifact("presigned-url"),
  jenkins: artifact("internal-host"),
  intranet: artifact("internal-host", 3),
  lanHost: artifact("internal-host", 4),
  router: artifact("private-ip"),
  upstream: artifact("private-ip", 2),
  metadata: artifact("private-ip", 3),
};
const people = {
  email: personal("email"),
  gmail: personal("email", 2),
  encodedEmail: personal("email", 3),
  upperEmail: personal("email", 4),
  pathEmail: personal("email", 5),
  berlin: personal("phone-number"),
  tokyo: personal("phone-number", 1),
  sf: personal("phone-number", 2),
  paris: personal("phone-number", 5),
  visa: personal("credit-card"),
  mastercard: personal("credit-card", 1),
  amex: personal("credit-card", 2),
  ibanDe: personal("iban"),
  ibanGb: personal("iban", 1),
  ibanFr: personal("iban", 2),
};

const leakyReport = {
  externalId: "r-leak-corpus",
  title: `Weekly scan, questions to ${people.sf.value}`,
  siteUrl: "https://shop.example.com",
  sources: [
    {
      sourceType: "REPORT_ISSUE",
      sourceId: "leak-secrets",
      title: `Token ${secrets.github.value} shipped in the public bundle`,
      severity: "CRITICAL",
      affectedUrl: secrets.resetJwt.text,
      labels: ["secrets", `key ${secrets.stripe.value}`, secrets.npm.value],
      acceptanceCriteria: [`Rotate ${secrets.awsKeyId.value}`, secrets.gitlab.text],
      description: [
        secrets.awsKeyId.text,
        secrets.awsSecret.text,
        secrets.slack.text,
        secrets.openai.text,
        secrets.anthropic.text,
        secrets.jwt.text,
        secrets.rsa.text,
        secrets.basic.text,
        secrets.password.text,
        secrets.databaseUrl.text,
      ].join("\n\n"),
      evidenceLinks: [
        { label: "Webhook", url: secrets.slackWebhook.value },
        { label: "Export call", url: secrets.apiKeyInUrl.text },
        { label: "Safe evidence", url: SAFE_EVIDENCE[0] },
      ],
    },
    {
      sourceType: "FIX_TASK",
      sourceId: "leak-paths",
      title: `Stack trace leaks ${paths.ssh.value}`,
      severity: "HIGH",
      affectedUrl: `https://shop.example.com/download?file=${encodeURIComponent(own("PRIVATE_ARTIFACT_PATH", "file-path", "/var/backups/shop-db.sql"))}`,
      labels: ["paths", `host ${paths.lanHost.value}`, `config ${paths.wpConfig.value}`],
      acceptanceCriteria: [`Remove ${paths.iis.value} from the image`, paths.intranet.text],
      description: [
        paths.windows.text,
        paths.unc.text,
        paths.aws.text,
        paths.fileUrl.text,
        paths.s3.text,
        paths.metadata.text,
        paths.router.text,
        paths.upstream.text,
      ].join("\n\n"),
      evidenceLinks: [
        { label: "Backup listing", url: paths.blob.value },
        { label: "Report PDF", url: paths.presigned.value },
        { label: "Build", url: paths.jenkins.value },
        { label: "Safe evidence", url: SAFE_EVIDENCE[1] },
      ],
    },
    {
      sourceType: "REPORT_ISSUE",
      sourceId: "leak-personal",
      title: `Card ${people.visa.value} shown to ${people.email.value}`,
      severity: "MEDIUM",
      affectedUrl: people.encodedEmail.text,
      labels: ["privacy", `owner ${people.gmail.value}`, `iban ${people.ibanGb.value}`, `phone ${people.paris.value}`],
      acceptanceCriteria: [`Mask ${people.mastercard.value} in receipts`, `Stop echoing ${people.upperEmail.value}`],
      description: [
        people.berlin.text,
        people.tokyo.text,
        people.amex.text,
        people.ibanDe.text,
        people.ibanFr.text,
      ].join("\n\n"),
      evidenceLinks: [
        { label: `Mail from ${people.gmail.value}`, url: "https://evidence.example.com/mail.png" },
        { label: "Profile", url: people.pathEmail.text },
        { label: "Safe evidence", url: SAFE_EVIDENCE[2] },
      ],
    },
  ],
};

/**
 * The forms a value may take in a file once markup has escaped it: word joiners removed, backslash escapes (Jira
 * wiki, Markdown, JSON) and the look-alike backslash undone, HTML entities decoded, percent-encoding decoded.
 */
function readable(text: string): string {
  const unescaped = text
    .replaceAll("\u2060", "")
    .replace(/\\(.)/gs, "$1")
    .replaceAll("＼", "\\")
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"' })[entity] ?? "'");
  return unescaped.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Letters and digits only: catches a card, IBAN or phone number whatever separators a format put in it. */
const alnum = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, "");
const REFORMATTABLE = new Set(["phone-number", "credit-card", "iban"]);

/**
 * The pieces of a value that must not appear: the value (and its percent-decoded form), or each line of a multi-line
 * one (a PEM key).
 */
function piecesOf(value: string): string[] {
  if (/\n|\\n/.test(value)) return value.split(/\n|\\n/).filter((line) => line.length >= 20);
  const decoded = readable(value);
  return decoded === value ? [value] : [value, decoded];
}

const FORMATS = [
  { format: "CSV_EXPORT", intendedTracker: null, dialect: "generic" },
  { format: "PORTABLE_EXPORT", intendedTracker: null, dialect: "generic-excel" },
  { format: "CSV_EXPORT", intendedTracker: "JIRA", dialect: "jira" },
  { format: "CSV_EXPORT", intendedTracker: "GITLAB", dialect: "gitlab" },
  { format: "CSV_EXPORT", intendedTracker: "AZURE_DEVOPS", dialect: "azure-devops" },
  { format: "CSV_EXPORT", intendedTracker: "LINEAR", dialect: "linear" },
  { format: "CSV_EXPORT", intendedTracker: "ASANA", dialect: "asana" },
  { format: "CSV_EXPORT", intendedTracker: "CLICKUP", dialect: "clickup" },
  { format: "CSV_EXPORT", intendedTracker: "YOUTRACK", dialect: "youtrack" },
  { format: "MARKDOWN_EXPORT", intendedTracker: null, dialect: "gfm" },
  { format: "JSON_EXPORT", intendedTracker: null, dialect: "v1" },
  { format: "JSON_EXPORT", intendedTracker: "BITBUCKET", dialect: "bitbucket-issues" },
  { format: "PORTABLE_EXPORT", intendedTracker: "TRELLO", dialect: "gfm" },
] as const;

/**
 * Private artifacts written plainly (not percent-encoded) in an affected URL's query string: what an SSRF, path
 * traversal or open redirect finding looks like. The same values anywhere else in a text are findings.
 */
const QUERY_ARTIFACTS = [
  { sourceId: "ssrf", affectedUrl: "https://shop.example.com/fetch?url=http://10.12.0.7:8080/admin", value: "10.12.0.7" },
  { sourceId: "traversal", affectedUrl: "https://shop.example.com/download?file=/etc/passwd", value: "/etc/passwd" },
  { sourceId: "redirect", affectedUrl: "https://shop.example.com/go?next=http://jenkins.internal/job/deploy-prod/", value: "jenkins.internal" },
];

/**
 * One sample of each family of the generated corpus (test/fixtures/secret-families.ts): tokens hidden by invisible
 * characters, look-alikes, line breaks, base64 and percent-encoding; provider formats; phrases in other languages;
 * spelled-out addresses, national numbers, SSNs; user-profile paths and traversals; internal hosts.
 */
const HIDDEN = [...new Map(familySamples(seeded(0x13)).map((sample) => [sample.family, sample])).values()];
const singleLine = (text: string, max: number) => !/[\r\n]/.test(text) && text.length <= max;
const hiddenReport = {
  externalId: "r-hidden",
  title: "Hidden values",
  siteUrl: "https://shop.example.com",
  sources: [
    { description: HIDDEN.map(({ text }) => text).join("\n\n") },
    { labels: HIDDEN.filter(({ text }) => singleLine(text, 100)).map(({ text }) => text) },
    { acceptanceCriteria: HIDDEN.filter(({ text }) => singleLine(text, 2_000)).map(({ text }) => text) },
  ].map((fields, index) => ({
    sourceType: "REPORT_ISSUE",
    sourceId: `hidden-${index}`,
    title: `Hidden values ${index}`,
    severity: "HIGH",
    affectedUrl: "https://shop.example.com/",
    ...fields,
  })),
};
/** Every 10 characters of each line of a hidden value, as written and as the scanner reads it. */
const recognisable = (value: string): string[] =>
  value
    .split(/\r?\n|\\n/)
    .flatMap((line) => [line, normalise(line).text])
    .flatMap((line) => (line.length <= 10 ? [line] : Array.from({ length: line.length - 9 }, (_, i) => line.slice(i, i + 10))));

describe.each(backends)("the leak corpus through every format on $name", (backend) => {
  let api: TestServer;
  let operator: string;
  let sources: IngestedSource[];

  beforeAll(async () => {
    api = await startTestServer(backend);
    operator = await api.token("acme", "operator");
    ({ sources } = await ingest(api, operator, leakyReport));
  });
  afterAll(() => api?.close());

  it("plants values of every kind, which the export refuses to write without redaction", async () => {
    expect(new Set(planted.map((value) => value.kind))).toEqual(new Set(["SECRET", "PRIVATE_ARTIFACT_PATH", "PERSONAL_DATA"]));
    expect(new Set(planted.map((value) => value.value)).size).toBe(planted.length);
    const refused = await api.graphql(operator, CREATE_EXPORT, {
      input: { sourceIds: sources.map((source) => source.id), format: "JSON_EXPORT", acknowledgeImportBoundary: true },
    });
    expect(refused.errors!.map((error) => error.extensions?.code)).toEqual(["UNSAFE_PREVIEW_BLOCKED"]);
    const findings: { sourceId: string; field: string }[] = refused.errors![0].extensions!.findings;
    // Every kind of field of every source is named.
    const fieldsOf = (index: number) => new Set(findings.filter((f) => f.sourceId === sources[index].id).map((f) => f.field.replace(/\[\d+\]/, "[]")));
    for (const index of [0, 1, 2]) {
      expect([...fieldsOf(index)].sort()).toEqual(
        expect.arrayContaining(["acceptanceCriteria[]", "affectedUrl", "description", "labels[]", "title"]),
      );
    }
    const serialised = JSON.stringify(refused);
    expect(planted.filter(({ value }) => piecesOf(value).some((piece) => serialised.includes(piece)))).toEqual([]);
  });

  it.each(FORMATS)("writes no planted secret, path or personal datum into the $dialect file made with redact: true", async ({ format, intendedTracker, dialect }) => {
    const { createPortableExport: file } = await api.ok(operator, CREATE_EXPORT, {
      input: { sourceIds: sources.map((source) => source.id), format, intendedTracker, acknowledgeImportBoundary: true, redact: true },
    });
    expect([file.dialect, file.rowCount]).toEqual([dialect, 3]);
    const got = await download(api, operator, file.id);
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(file.sha256);

    const raw = got.text;
    // For CSV, also each cell as a CSV reader sees it (quotes undoubled).
    const cells = file.format === "CSV_EXPORT" ? (parse(raw, { bom: true, record_delimiter: ["\r\n"] }) as string[][]).flat().join("\n") : "";
    const views = [raw, readable(raw), cells, readable(cells)];
    const leaked = planted.filter(({ value, rule }) =>
      piecesOf(value).some(
        (piece) =>
          views.some((view) => view.includes(piece)) ||
          (REFORMATTABLE.has(rule) && views.some((view) => alnum(view).includes(alnum(piece)))),
      ),
    );
    expect(leaked.map(({ kind, rule }) => `${kind} ${rule}`)).toEqual([]);

    const shown = readable(raw);
    for (const marker of ["[redacted:secret]", "[redacted:private_artifact_path]", "[redacted:personal_data]"]) {
      expect(shown).toContain(marker);
    }
    for (const url of SAFE_EVIDENCE) expect(shown).toContain(url);
  });

  it.each(FORMATS.filter(({ dialect }) => ["generic", "jira", "gfm", "v1"].includes(dialect)))(
    "writes nothing recognisable of a hidden secret, a new token format, a phrase, spelled-out personal data, a user path or an internal host into the $dialect file made with redact: true",
    async ({ format, intendedTracker }) => {
      const { sources: hidden } = await ingest(api, operator, hiddenReport);
      const input = { sourceIds: hidden.map((source) => source.id), format, intendedTracker, acknowledgeImportBoundary: true };
      const refused = await api.graphql(operator, CREATE_EXPORT, { input });
      expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(["UNSAFE_PREVIEW_BLOCKED"]);
      expect(new Set(refused.errors![0].extensions!.findings.map((finding: { sourceId: string }) => finding.sourceId))).toEqual(
        new Set(hidden.map((source) => source.id)),
      );

      const { createPortableExport: file } = await api.ok(operator, CREATE_EXPORT, { input: { ...input, redact: true } });
      const raw = (await download(api, operator, file.id)).text;
      const views = [raw, readable(raw), normalise(readable(raw)).text];
      const left = HIDDEN.filter(({ value }) => recognisable(value).some((piece) => views.some((view) => view.includes(piece))));
      expect(left.map(({ family, rule, value }) => `${family} ${rule ?? ""}: ${value}`)).toEqual([]);
    },
  );

  // A file name is shown everywhere (browser downloads, mail attachments, tracker uploads), redacted export or not.
  it.each([
    ["a card number and an email address", "card 4111111111111111 alice@example.com", ["4111111111111111", "alice@example.com"]],
    ["a token", `release ${secrets.github.value}`, [secrets.github.value]],
    ["a URL password", "sync https://deploy:Hunter2pass@files.example.com/x", ["deploy:Hunter2pass"]],
  ])("keeps %s in the report's external id out of the file name and the download's Content-Disposition", async (_, externalId, values) => {
    const { sources: reported } = await ingest(api, operator, {
      externalId,
      title: "External id with findings",
      siteUrl: "https://shop.example.com",
      sources: [{ sourceType: "REPORT_ISSUE", sourceId: "named-file", title: "Missing header", severity: "LOW", affectedUrl: "https://shop.example.com/" }],
    });
    const { createPortableExport: file } = await api.ok(operator, CREATE_EXPORT, {
      input: { sourceIds: reported.map((source) => source.id), format: "JSON_EXPORT", acknowledgeImportBoundary: true, redact: true },
    });
    const { portableExport: read } = await api.ok(operator, EXPORT_BY_ID, { id: file.id });
    const got = await download(api, operator, file.id);
    const names = [file.fileName, read.fileName, got.headers.get("content-disposition") ?? ""];
    // Every letter-and-digit run of a value, as a file name slug would keep it.
    const pieces = values.flatMap((value) => value.split(/[^\p{L}\p{N}]+/u)).filter((piece) => piece.length >= 4);
    expect(names.flatMap((name) => pieces.filter((piece) => name.toLowerCase().includes(piece.toLowerCase())))).toEqual([]);
    expect(file.fileName).toMatch(/^report-v1-\d{8}T\d{6}Z\.json$/);
    expect(got.headers.get("content-disposition")).toBe(`attachment; filename="${file.fileName}"`);
  });

  it("finds and redacts private addresses, hosts and file paths written plainly in an affected URL's query string", async () => {
    const { sources: plain } = await ingest(api, operator, {
      externalId: "r-leak-query",
      title: "Query string artifacts",
      siteUrl: "https://shop.example.com",
      sources: QUERY_ARTIFACTS.map(({ sourceId, affectedUrl }) => ({
        sourceType: "REPORT_ISSUE",
        sourceId,
        title: `Finding ${sourceId}`,
        severity: "HIGH",
        affectedUrl,
      })),
    });
    const input = { sourceIds: plain.map((source) => source.id), format: "JSON_EXPORT", acknowledgeImportBoundary: true };
    const refused = await api.graphql(operator, CREATE_EXPORT, { input });
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(["UNSAFE_PREVIEW_BLOCKED"]);
    expect(refused.errors![0].extensions!.findings.map((finding: any) => [finding.sourceId, finding.field, finding.kind])).toEqual(
      plain.map((source) => [source.id, "affectedUrl", "PRIVATE_ARTIFACT_PATH"]),
    );

    const { createPortableExport: file } = await api.ok(operator, CREATE_EXPORT, { input: { ...input, redact: true } });
    const shown = readable((await download(api, operator, file.id)).text);
    expect(QUERY_ARTIFACTS.filter(({ value }) => shown.includes(value)).map(({ sourceId }) => sourceId)).toEqual([]);
  });
});
