import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "Who the calling token is: its organization and role, so a client can offer only what it may do." })
export class Session {
  @Field(() => String, { description: "The organization's slug." })
  organization!: string;

  @Field(() => String, { description: "viewer, operator or admin." })
  role!: string;
}
