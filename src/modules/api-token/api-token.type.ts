import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "An API token of the organization; the token itself is shown once, at creation." })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "viewer, operator or admin." })
  role!: string;

  @Field(() => String, { description: "The token's first characters, to tell tokens apart." })
  prefix!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class CreatedApiToken {
  @Field(() => String, { description: "The bearer token. Store it now: it is never shown again." })
  token!: string;

  @Field(() => ApiToken)
  apiToken!: ApiToken;
}
