import {
  createSourceEventStream,
  execute,
  print,
  type ExecutionArgs,
  type ExecutionResult,
} from "graphql";
import type { Context } from "../context.js";

type Result = ExecutionResult | Promise<ExecutionResult>;

/** Maps each value of `source` through `map`, passing return() straight through so that a leaving client stops it. */
function mapIterator<T>(source: AsyncIterator<T>, map: (value: T) => Result): AsyncIterableIterator<ExecutionResult> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const step = await source.next();
      return step.done ? { done: true, value: undefined } : { done: false, value: await map(step.value) };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await source.return?.();
      throw error;
    },
  };
}

/**
 * graphql-js `subscribe`, but subscribers with the same document, variables and organization share one execution per
 * event: the status feed hands every subscriber the same event object, so the first to reach it executes and the
 * others reuse the result. A thousand dashboards on one report cost one execution per event, not a thousand. Only the
 * latest event of each shape is kept.
 */
export function createSharedSubscribe() {
  const latest = new Map<string, { event: unknown; result: Result }>();
  return async (args: ExecutionArgs) => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
    const organization = (args.contextValue as Context).principal?.organizationId;
    const shape = JSON.stringify([organization, args.operationName ?? null, args.variableValues ?? null, print(args.document)]);
    const iterator = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const mapped = mapIterator(iterator, (event) => {
      const shared = latest.get(shape);
      if (shared && shared.event === event) return shared.result;
      const result = execute({ ...args, rootValue: event });
      latest.set(shape, { event, result });
      return result;
    });
    const finish = mapped.return!.bind(mapped);
    mapped.return = async () => {
      // A shape nobody subscribes to any more must not keep its last result alive.
      if (latest.get(shape)) latest.delete(shape);
      return finish();
    };
    return mapped;
  };
}
