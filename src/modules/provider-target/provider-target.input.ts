import { Field, InputType } from "type-graphql";
import { Provider } from "../common/enums.js";

@InputType()
export class ConnectProviderTargetInput {
  @Field(() => Provider)
  provider!: Provider;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "API base URL, e.g. https://api.github.com or https://acme.atlassian.net." })
  baseUrl!: string;

  @Field(() => String, { description: "GitHub owner/repo, GitLab project id or path, Jira project key, Linear team key." })
  projectKey!: string;

  @Field(() => String, { description: "Write-only: stored encrypted, never returned, logged or sent elsewhere." })
  credential!: string;
}

@InputType()
export class UpdateProviderTargetInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  baseUrl?: string | null;

  @Field(() => String, { nullable: true })
  projectKey?: string | null;

  @Field(() => String, { nullable: true, description: "Write-only; a new credential re-checks the target." })
  credential?: string | null;
}
