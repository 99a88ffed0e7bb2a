import type { Provider } from "../../../src/domain/vocabulary.js";
import { startFakeAsana } from "./asana.js";
import { startFakeAzureDevOps } from "./azure-devops.js";
import { startFakeBitbucket } from "./bitbucket.js";
import { startFakeClickUp } from "./clickup.js";
import { startFakeGitHub } from "./github.js";
import { startFakeGitLab } from "./gitlab.js";
import { startFakeJira } from "./jira.js";
import { startFakeLinear } from "./linear.js";
import type { FakeTracker, FakeTrackerOptions } from "./server.js";
import { startFakeTrello } from "./trello.js";
import { startFakeYouTrack } from "./youtrack.js";

export { startFakeAsana, type FakeAsana, type FakeAsanaTag } from "./asana.js";
export { htmlText, startFakeAzureDevOps } from "./azure-devops.js";
export { startFakeBitbucket } from "./bitbucket.js";
export { startFakeClickUp } from "./clickup.js";
export { startFakeGitHub } from "./github.js";
export { GITLAB_PROJECT_ID, startFakeGitLab } from "./gitlab.js";
export { startFakeJira } from "./jira.js";
export { linearError, startFakeLinear, type FakeLinear, type FakeLinearLabel } from "./linear.js";
export { startFakeTrello, type FakeTrello, type FakeTrelloLabel } from "./trello.js";
export { startFakeYouTrack, type FakeYouTrack, type FakeYouTrackTag } from "./youtrack.js";
export type { Failure, FakeIssue, FakeTracker, FakeTrackerOptions, HandMadeIssue, RecordedRequest } from "./server.js";

const STARTERS = {
  JIRA: startFakeJira,
  GITHUB: startFakeGitHub,
  GITLAB: startFakeGitLab,
  BITBUCKET: startFakeBitbucket,
  TRELLO: startFakeTrello,
  LINEAR: startFakeLinear,
  AZURE_DEVOPS: startFakeAzureDevOps,
  YOUTRACK: startFakeYouTrack,
  ASANA: startFakeAsana,
  CLICKUP: startFakeClickUp,
} satisfies Partial<Record<Provider, (options?: FakeTrackerOptions) => Promise<FakeTracker>>>;

/** The providers with a fake tracker: the same as the native adapters. */
export type FakeProvider = keyof typeof STARTERS;
export const FAKE_PROVIDERS = Object.keys(STARTERS) as FakeProvider[];

/** Starts the fake tracker of `provider` on 127.0.0.1 at a random port; close() it when done. */
export function startFakeTracker(provider: FakeProvider, options?: FakeTrackerOptions): Promise<FakeTracker> {
  return STARTERS[provider](options);
}
